import { HttpError } from "react-admin";
import { readToken } from "../auth/session.ts";
import { filenameFromDisposition } from "../resources/inbound_events/inboundEventModel.ts";
import { apiErrorMessage, fieldErrorsFrom } from "./apiModel.ts";

export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

const bearer = (): Record<string, string> => {
  const token = readToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
};

/** The same HttpError httpClient throws, so callers read `message`, `status` and `body.errors` alike. */
function apiError(status: number, body: unknown, fallback: string): HttpError {
  const errors = fieldErrorsFrom(body);
  return new HttpError(apiErrorMessage(body, fallback), status, errors ? { ...(body as object), errors } : body);
}

/**
 * A file from the API (it needs the Bearer token, so not a plain link). The whole body is read into
 * a Blob: fine for exports of a few hundred MB, and the only way to add the header.
 */
export async function fetchFile(url: string, fallbackName: string): Promise<DownloadedFile> {
  const response = await fetch(url, { headers: bearer() });
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw apiError(response.status, body, `Download failed (${response.status})`);
  }
  const blob = await response.blob();
  return { blob, filename: filenameFromDisposition(response.headers.get("Content-Disposition"), fallbackName) };
}

/** Hands a Blob to the browser's download (a temporary object URL behind an `<a download>`). */
export function saveFile({ blob, filename }: DownloadedFile): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: some browsers start reading the URL only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface UploadOptions {
  /** 0..1 as the request body goes out. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * POSTs multipart form data with the Bearer token. XMLHttpRequest rather than fetch: only it
 * reports upload progress. The browser sets the multipart boundary, so no Content-Type here.
 */
export function uploadForm<T>(url: string, form: FormData, { onProgress, signal }: UploadOptions = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    signal?.addEventListener("abort", () => xhr.abort());
    xhr.open("POST", url);
    for (const [name, value] of Object.entries(bearer())) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader("Accept", "application/json");
    if (onProgress) {
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
      };
    }
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        // a proxy's HTML error page: the status says enough
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject(apiError(xhr.status, body, xhr.status === 413 ? "The file is too large" : `Upload failed (${xhr.status})`));
    };
    xhr.onerror = () => reject(new Error("The upload was interrupted: check the connection and try again"));
    xhr.onabort = () => reject(new Error("Upload cancelled"));
    xhr.send(form);
  });
}

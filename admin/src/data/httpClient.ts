import { fetchUtils, HttpError } from "react-admin";
import { apiErrorMessage, fieldErrorsFrom } from "./apiModel.ts";
import { readToken } from "../auth/session.ts";

/** fetchJson plus the Bearer token, and the API's own error message instead of the status text. */
export async function httpClient(url: string, options: fetchUtils.Options = {}) {
  const headers = new Headers(options.headers ?? { Accept: "application/json" });
  const token = readToken();
  if (token) headers.set("Authorization", `Bearer ${token}`);
  try {
    return await fetchUtils.fetchJson(url, { ...options, headers });
  } catch (error) {
    if (error instanceof HttpError) {
      const errors = fieldErrorsFrom(error.body);
      const body = errors ? { ...(error.body as object), errors } : error.body;
      throw new HttpError(apiErrorMessage(error.body, error.message), error.status, body);
    }
    throw error;
  }
}

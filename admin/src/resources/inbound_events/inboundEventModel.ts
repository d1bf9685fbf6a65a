import { choicesOf } from "../../components/toneModel.ts";
import { INBOUND_CHANNELS, INBOUND_OUTCOMES, INBOUND_STATUSES } from "../../../../core/vocabulary.ts";

export const CHANNELS = choicesOf(INBOUND_CHANNELS, {
  api: ["API", "indigo"],
  form: ["Web form", "blue"],
  webhook: ["Webhook", "violet"],
  email: ["Email", "teal"],
  csv: ["CSV import", "amber"],
});

export const EVENT_STATUSES = choicesOf(INBOUND_STATUSES, {
  received: ["Received", "blue"],
  processing: ["Processing", "violet"],
  done: ["Done", "green"],
  failed: ["Failed", "red"],
});

export const EVENT_OUTCOMES = choicesOf(INBOUND_OUTCOMES, {
  created: ["Created", "green"],
  merged: ["Merged", "teal"],
  flagged_duplicate: ["Flagged duplicate", "orange"],
  engagement: ["Engagement", "indigo"],
  ignored: ["Ignored", "grey"],
  spam: ["Spam", "amber"],
  rejected: ["Rejected", "red"],
});

export interface EventError {
  code?: string;
  message?: string;
  details?: unknown;
}

/** The error column is JSON `{code,message,details}` but older rows or proxies may store a bare string. */
export function describeEventError(error: unknown): EventError | null {
  if (error === null || error === undefined || error === "") return null;
  if (typeof error === "string") return { message: error };
  if (typeof error === "object") {
    const e = error as Record<string, unknown>;
    return {
      code: typeof e.code === "string" ? e.code : undefined,
      message: typeof e.message === "string" ? e.message : undefined,
      details: e.details,
    };
  }
  return { message: String(error) };
}

/** A note on an event that still made its lead (an email dropped, the lead kept by its phone) warns; anything else is an error. */
export function eventErrorSeverity(event: { outcome?: string | null }): "warning" | "error" {
  return event.outcome === "created" || event.outcome === "merged" ? "warning" : "error";
}

/**
 * What the sender actually sent: the parsed JSON payload pretty-printed when there is one,
 * else the raw text (email MIME, CSV line, form-encoded body).
 */
export function payloadText(payload: unknown, raw: unknown): { text: string; kind: "json" | "raw" | "none" } {
  if (payload !== null && payload !== undefined) {
    if (typeof payload === "string") {
      try {
        return { text: JSON.stringify(JSON.parse(payload), null, 2), kind: "json" };
      } catch {
        return { text: payload, kind: "raw" };
      }
    }
    return { text: JSON.stringify(payload, null, 2), kind: "json" };
  }
  if (typeof raw === "string" && raw !== "") return { text: raw, kind: "raw" };
  return { text: "", kind: "none" };
}

/** Human size of a payload for the list: "1.2 kB". */
export function byteSize(text: string): string {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes < 1024) return `${bytes} B`;
  return `${(bytes / 1024).toFixed(1)} kB`;
}

/** `POST /api/inbound_events/:id/replay` takes failed events only (409 otherwise). */
export function canReplay(event: { status?: string | null } | null | undefined): boolean {
  return event?.status === "failed";
}

/** The file name in `Content-Disposition: attachment; filename="…"` (RFC 6266), else the fallback. */
export function filenameFromDisposition(header: string | null | undefined, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star) {
    try {
      return sanitizeFilename(decodeURIComponent(star[1].trim())) || fallback;
    } catch {
      // a malformed percent-escape: fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/.exec(header);
  const name = plain ? (plain[1] ?? plain[2] ?? "").trim() : "";
  return sanitizeFilename(name) || fallback;
}

/** No directories and no control characters: the name is only a suggestion to the browser. */
function sanitizeFilename(name: string): string {
  return (
    name
      .replace(/[\\/]/g, "_")
      // eslint-disable-next-line no-control-regex -- control characters are exactly what is taken out
      .replace(/[\u0000-\u001f\u007f]/g, "")
      .trim()
  );
}

/** Whether an event has finished intake (the "Send test payload" poll stops then). */
export function isSettled(event: { status?: string | null } | null | undefined): boolean {
  return event?.status === "done" || event?.status === "failed";
}

/**
 * What went wrong, as the domain sees it. The HTTP edge (api/errors.ts) maps each kind to its
 * status; nothing in core/ knows about HTTP.
 */
export const ERROR_KINDS = [
  "bad_request",
  "unauthenticated",
  "forbidden",
  "not_found",
  "method_not_allowed",
  "conflict",
  "too_large",
  "unsupported_media_type",
  "invalid",
  "rate_limited",
  "upstream",
  "unavailable",
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** One error type with a kind and a stable snake_case code, mapped to JSON in one middleware. */
export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Response headers the failure calls for (Retry-After). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, details?: unknown) => new AppError("bad_request", code, message, details);
export const unauthorized = (code: string, message: string) => new AppError("unauthenticated", code, message);
export const forbidden = (message = "not allowed for your role") => new AppError("forbidden", "forbidden", message);
export const notFound = (what = "record") => new AppError("not_found", "not_found", `${what} not found`);
export const conflict = (code: string, message: string, details?: unknown) => new AppError("conflict", code, message, details);
export const unprocessable = (code: string, message: string, details?: unknown) => new AppError("invalid", code, message, details);
export const unavailable = (message: string, retryAfterSeconds = 5) =>
  new AppError("unavailable", "service_unavailable", message, undefined, { "Retry-After": String(retryAfterSeconds) });

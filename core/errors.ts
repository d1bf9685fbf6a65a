/** One error type with a stable code and an HTTP status, mapped to JSON in one middleware. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, details?: unknown) => new AppError(400, code, message, details);
export const unauthorized = (code: string, message: string) => new AppError(401, code, message);
export const forbidden = (message = "not allowed for your role") => new AppError(403, "forbidden", message);
export const notFound = (what = "record") => new AppError(404, "not_found", `${what} not found`);
export const conflict = (code: string, message: string, details?: unknown) => new AppError(409, code, message, details);
export const unprocessable = (code: string, message: string, details?: unknown) =>
  new AppError(422, code, message, details);
export const unavailable = (message: string, retryAfterSeconds = 5) =>
  new AppError(503, "service_unavailable", message, undefined, { "Retry-After": String(retryAfterSeconds) });

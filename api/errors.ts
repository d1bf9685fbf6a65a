import type { ErrorRequestHandler, RequestHandler } from "express";
import { ZodError } from "zod";
import { AppError, type ErrorKind } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";

// body-parser's error types, by the status and code we answer with.
const BODY_ERRORS: Record<string, [number, string, string]> = {
  "entity.too.large": [413, "payload_too_large", "request body is larger than allowed"],
  "entity.parse.failed": [400, "invalid_json", "request body is not valid JSON"],
  "encoding.unsupported": [415, "unsupported_encoding", "content encoding is not supported"],
  "charset.unsupported": [415, "unsupported_charset", "charset is not supported"],
  "request.aborted": [400, "request_aborted", "request was aborted by the client"],
  "request.size.invalid": [400, "invalid_body", "request size did not match Content-Length"],
  "stream.encoding.set": [500, "internal_error", "internal error"],
};

/** Each kind of domain failure as HTTP says it. */
export const HTTP_STATUS: Record<ErrorKind, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  invalid: 422,
  rate_limited: 429,
  upstream: 502,
  unavailable: 503,
};

// Connection-level failures of PostgreSQL: the caller should retry, not give up.
const DB_DOWN = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08006",
  "53300",
]);

export function isDatabaseDown(err: unknown): boolean {
  const e = err as { code?: string; name?: string; message?: string };
  return (
    DB_DOWN.has(e?.code ?? "") ||
    e?.name === "KnexTimeoutError" ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(e?.message ?? "")
  );
}

export function zodDetails(err: ZodError) {
  return err.issues.map((i) => ({ path: i.path.join("."), code: i.code, message: i.message }));
}

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: "route_not_found", message: `no route for ${req.method} ${req.path}` } });
};

/** Maps every error to `{"error":{code,message,details}}`; a stack trace never leaves the process. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let status = 500;
    let body: { code: string; message: string; details?: unknown } = { code: "internal_error", message: "internal error" };
    if (err instanceof AppError) {
      status = HTTP_STATUS[err.kind];
      body = { code: err.code, message: err.message, details: err.details };
      for (const [k, v] of Object.entries(err.headers ?? {})) res.setHeader(k, v);
    } else if (err instanceof ZodError) {
      status = 422;
      body = { code: "validation_failed", message: "request failed validation", details: zodDetails(err) };
    } else if (typeof err?.type === "string" && BODY_ERRORS[err.type]) {
      const [s, code, message] = BODY_ERRORS[err.type];
      status = s;
      body = { code, message };
    } else if (isDatabaseDown(err)) {
      status = 503;
      res.setHeader("Retry-After", "5");
      body = { code: "service_unavailable", message: "the database is unavailable, retry shortly" };
    } else if (typeof err?.code === "string" && /^22/.test(err.code)) {
      // PostgreSQL data exceptions (a malformed uuid or date in a filter): the input is at fault.
      status = 400;
      body = { code: "invalid_input", message: "a value in the request has the wrong format" };
    } else if (err?.code === "23503") {
      // A foreign key refused a reference the code did not check first: say so without naming what exists.
      status = 422;
      body = { code: "invalid_reference", message: "the request names a record that does not exist or that you may not use" };
    } else if (err?.code === "23505") {
      // A unique index the code did not check first: say it clashes without saying with what.
      status = 409;
      body = { code: "conflict", message: "a record with these values already exists" };
    } else if (err?.code === "23514") {
      status = 422;
      body = { code: "invalid_value", message: "a value in the request is outside what is allowed" };
    } else if (err?.status >= 400 && err?.status < 500) {
      status = err.status;
      body = { code: "bad_request", message: String(err.message ?? "bad request") };
    }
    if (status >= 500) log.error({ err, path: req.path }, "request failed");
    if (res.headersSent) return;
    res.status(status).json({ error: body });
  };
}

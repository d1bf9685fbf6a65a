import { pino, type Logger } from "pino";

export type { Logger };

export function createLogger(level: string, name = "leadhub"): Logger {
  return pino({
    name,
    level,
    // Payloads may hold personal data: never log request bodies or auth headers.
    redact: ["req.headers.authorization", "req.headers.cookie", "password", "apiKey", "signingSecret"],
  });
}

import { pino, type DestinationStream, type Logger } from "pino";
import { REDACTED, redactSecrets, redactText } from "./secrets.ts";

export type { Logger };

/** Headers that authenticate or sign a request: dropped by path, before the text rule below sees them. */
const SECRET_HEADERS = [
  "authorization",
  "proxy-authorization",
  "cookie",
  "x-api-key",
  "x-leadhub-signature",
  "x-hub-signature",
  "x-hub-signature-256",
  "typeform-signature",
  "x-hubspot-signature",
  "x-hubspot-signature-v3",
];

/** `destination` is for tests that read what was logged; by default, stdout. */
export function createLogger(level: string, name = "leadhub", destination?: DestinationStream): Logger {
  const options = {
    name,
    level,
    // Payloads may hold personal data: never log request bodies or auth headers.
    redact: {
      paths: [
        ...SECRET_HEADERS.map((h) => `req.headers["${h}"]`),
        'res.headers["set-cookie"]',
        "req.body",
        "password",
        "apiKey",
        "signingSecret",
      ],
      censor: REDACTED,
    },
    // The secret rule (core/secrets.ts) over what callers pass, then over the finished line: a
    // secret in an error message, a URL's query or a serialised header goes too.
    formatters: { log: (obj) => redactSecrets(obj) },
    hooks: { streamWrite: (line: string) => redactText(line) },
  } satisfies pino.LoggerOptions;
  return destination ? pino(options, destination) : pino(options);
}

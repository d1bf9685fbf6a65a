import { pino, type DestinationStream, type Logger } from "pino";
import pinoPretty from "pino-pretty";
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

export const LOG_FORMATS = ["json", "pretty"] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** `LOG_FORMAT` decides when set; else a person at a terminal reads lines, and a collector (a pipe, a file, a test) gets JSON. */
export function chooseLogFormat(o: { override?: LogFormat; isTTY: boolean; inTest: boolean }): LogFormat {
  if (o.override) return o.override;
  return o.isTTY && !o.inTest ? "pretty" : "json";
}

/**
 * `destination` is for tests that read what was logged; by default, stdout. `pretty` runs the JSON
 * line (already redacted) through pino-pretty in this thread: a transport's worker thread would
 * need its own loader for tsx.
 */
export function createLogger(level: string, name = "leadhub", destination?: DestinationStream, format: LogFormat = "json"): Logger {
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
  if (format === "pretty") {
    const pretty = pinoPretty({ destination: destination ?? 1, sync: true, colorize: !destination && process.stdout.isTTY === true });
    return pino(options, pretty);
  }
  return destination ? pino(options, destination) : pino(options);
}

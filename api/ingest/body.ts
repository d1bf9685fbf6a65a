import busboy from "busboy";
import { XMLParser } from "fast-xml-parser";
import { isSafeNumber, parse as parseLossless } from "lossless-json";
import { Readable } from "node:stream";
import { AppError, badRequest } from "../../core/errors.ts";
import type { BodyKind } from "../../core/capture/types.ts";

/** Lead payloads are shallow; anything nested deeper is hostile (and would overflow the stack later). */
export const MAX_DEPTH = 32;

export function tooDeep(value: unknown, max = MAX_DEPTH): boolean {
  let level: unknown[] = [value];
  for (let depth = 0; level.length; depth++) {
    if (depth > max) return true;
    const next: unknown[] = [];
    for (const v of level) if (v && typeof v === "object") next.push(...Object.values(v as object));
    level = next;
  }
  return false;
}

export const tooDeepError = () => badRequest("too_deep", `the body is nested deeper than ${MAX_DEPTH} levels`);

export type { BodyKind };

const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, processEntities: true });

/**
 * JSON whose integers beyond 2^53 (Google's 64-bit lead and campaign ids) stay exact, as strings.
 * Also refuses duplicate keys, which lossless-json treats as an error.
 */
export function parseJsonExact(text: string): unknown {
  return parseLossless(text, null, (value) => (isSafeNumber(value) ? Number(value) : value));
}

function parseMultipart(body: Buffer, contentType: string): Promise<Record<string, string | string[]>> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string | string[]> = {};
    const bb = busboy({ headers: { "content-type": contentType }, limits: { fields: 200, fieldSize: 100_000, files: 0 } });
    bb.on("field", (name, value) => {
      const prev = fields[name];
      fields[name] = prev === undefined ? value : ([] as string[]).concat(prev, value);
    });
    bb.on("error", reject);
    bb.on("close", () => resolve(fields));
    Readable.from(body).pipe(bb);
  });
}

function parseForm(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(text)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : ([] as string[]).concat(prev, v);
  }
  return out;
}

/** A request body as a plain object, by its Content-Type: JSON, form-encoded, multipart or XML. */
export async function parseBody(
  body: Buffer,
  contentType: string | undefined,
  accept: readonly BodyKind[],
): Promise<{ kind: BodyKind; payload: unknown }> {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  const kind: BodyKind | null = /^application\/([\w.+-]+\+)?json$|^text\/json$/.test(type)
    ? "json"
    : type === "application/x-www-form-urlencoded"
      ? "form"
      : type === "multipart/form-data"
        ? "multipart"
        : /^(application|text)\/([\w.+-]+\+)?xml$/.test(type)
          ? "xml"
          : null;
  if (!kind || !accept.includes(kind)) {
    throw new AppError("unsupported_media_type", "unsupported_media_type", `send ${accept.join(", ")} (got ${type || "no Content-Type"})`);
  }
  const text = body.toString("utf8");
  try {
    if (kind === "json") {
      const payload = parseJsonExact(text);
      if (tooDeep(payload)) throw tooDeepError();
      return { kind, payload };
    }
    if (kind === "form") return { kind, payload: parseForm(text) };
    if (kind === "multipart") return { kind, payload: await parseMultipart(body, contentType!) };
    const doc = xml.parse(text, true);
    if (tooDeep(doc)) throw tooDeepError();
    return { kind, payload: doc };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw badRequest(
      kind === "json" ? "invalid_json" : "invalid_body",
      `request body is not valid ${kind === "multipart" ? "multipart/form-data" : kind.toUpperCase()}`,
    );
  }
}

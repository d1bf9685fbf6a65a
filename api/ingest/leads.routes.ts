import express, { type Request, type RequestHandler } from "express";
import type { Services } from "../../core/services.ts";
import { AppError, badRequest } from "../../core/errors.ts";
import { sha256 } from "../../core/crypto.ts";
import { canonicalLeadSchema } from "../../core/lead/canonical.ts";
import { checkContact, cleanText, normalizeEmail, regionFor } from "../../core/lead/normalize.ts";
import { partnerAuth } from "../auth/partner-key.ts";
import { zodDetails } from "../errors.ts";
import type { EventWriter, InboundEvent } from "./event-writer.ts";
import { storeRejected, type Problem } from "./accept.ts";
import { tooDeep, tooDeepError } from "./body.ts";

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** Checks a canonical lead; the reason it cannot be taken, or null. */
export function leadProblem(body: unknown, region: string): Problem | null {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { kind: "invalid", code: "invalid_lead", message: "the body must be a JSON object (one lead)" };
  }
  const parsed = canonicalLeadSchema.safeParse(body);
  if (!parsed.success) {
    const details = zodDetails(parsed.error);
    const unknown = parsed.error.issues.find((i) => i.code === "unrecognized_keys");
    if (unknown) {
      const keys = (unknown as { keys: string[] }).keys;
      return { kind: "invalid", code: "unknown_field", message: `unknown or read-only field(s): ${keys.join(", ")}`, details };
    }
    const tooLong = parsed.error.issues.find((i) => i.code === "too_big");
    if (tooLong) return { kind: "invalid", code: "field_too_long", message: `${tooLong.path.join(".")} is too long`, details };
    return { kind: "invalid", code: "validation_failed", message: "the lead failed validation", details };
  }
  // A valid email makes the lead reachable whatever its phone says (a bad phone is only dropped with
  // a note, in intake), so the costlier phone parsing is left to intake then.
  if (normalizeEmail(cleanText(parsed.data.email))) return null;
  const contact = checkContact(parsed.data, regionFor(parsed.data.country, region));
  if (contact.problem) return { kind: "invalid", ...contact.problem };
  return null;
}

function remoteIp(req: Request) {
  return req.ip ?? req.socket.remoteAddress ?? null;
}

/**
 * `POST /ingest/leads`: a partner posts one canonical lead. The raw payload is stored before the
 * 202; an authenticated but invalid lead is stored too, as a rejected event, and answered 4xx.
 * Handlers, not a Router: app.ts mounts them on the one path, as the busiest route, without a
 * nested router's prefix stripping per request.
 */
export function ingestLeadHandlers(services: Services, writer: EventWriter): RequestHandler[] {
  const raw = express.raw({ type: () => true, limit: services.config.ingestMaxBody });
  const handler: RequestHandler = async (req, res) => {
    const partner = req.partner!;
    const contentType = req.headers["content-type"] ?? "";
    const idempotencyKey = req.header("idempotency-key") ?? null;
    if (idempotencyKey !== null && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw badRequest("invalid_idempotency_key", "Idempotency-Key must be 1-255 printable ASCII characters");
    }
    const text = Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "";
    const base: InboundEvent = {
      tenantId: partner.tenantId,
      channel: "api",
      format: "canonical",
      partnerId: partner.partnerId,
      apiKeyId: partner.apiKeyId,
      idempotencyKey,
      bodyHash: sha256(text),
      payload: null,
      raw: null,
      contentType: contentType.slice(0, 200) || null,
      remoteIp: remoteIp(req),
    };
    if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
      throw new AppError("unsupported_media_type", "unsupported_media_type", "send the lead as JSON (Content-Type: application/json)");
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
      if (tooDeep(body)) throw tooDeepError();
    } catch {
      return storeRejected(
        writer,
        { ...base, raw: text.slice(0, 100_000) },
        { kind: "bad_request", code: "invalid_json", message: "request body is not valid JSON" },
      );
    }
    // Rejected events are kept for the record but hold no idempotency key: a fixed retry must go through.
    const problem = leadProblem(body, partner.region);
    if (problem) return storeRejected(writer, { ...base, payload: body }, problem);

    const { id, replayed } = await writer.write({ ...base, payload: body, payloadText: text });
    if (replayed) res.setHeader("Idempotent-Replayed", "true");
    // Written directly: res.json would also hash the body for an ETag, which no one revalidates a POST's answer with.
    const answer = JSON.stringify({ id });
    res.writeHead(202, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(answer) }).end(answer);
  };
  return [partnerAuth(services), raw, handler];
}

import express, { Router, type Request } from "express";
import { hashApiKey, safeEqual, sha256 } from "../../core/crypto.ts";
import { AppError } from "../../core/errors.ts";
import type { Services } from "../../core/services.ts";
import { adapters } from "../../core/capture/index.ts";
import { splitFacebookWebhook } from "../../core/capture/facebook.ts";
import { bearer } from "../auth/require-user.ts";
import { contactProblem, parseOrReject, storeRejected, tryAdapt } from "./accept.ts";
import type { BodyKind } from "./body.ts";
import type { EventWriter, InboundEvent } from "./event-writer.ts";
import { verifyLeadhubSignature, verifyMetaSignature, verifyTypeformSignature, type SignatureCheck } from "../../core/capture/signatures.ts";
import type { PartnerSource, SourceLookup } from "./source-lookup.ts";

export const WEBHOOK_FORMATS = ["generic", "google-ads", "typeform", "hubspot", "facebook", "indiamart"] as const;
type Format = (typeof WEBHOOK_FORMATS)[number];

const BODY_KINDS: Record<Format, BodyKind[]> = {
  generic: ["json", "form", "xml", "multipart"],
  "google-ads": ["json"],
  typeform: ["json"],
  hubspot: ["json"],
  facebook: ["json"],
  indiamart: ["json", "form"],
};

function hasPartnerKey(req: Request, p: PartnerSource): boolean {
  const key = bearer(req.headers.authorization) ?? (typeof req.query.key === "string" ? req.query.key : null);
  return key !== null && key.length <= 200 && p.apiKeyHashes.includes(hashApiKey(key));
}

function denied(check: SignatureCheck): never {
  if (check.ok) throw new Error("unreachable");
  throw new AppError("unauthenticated", check.code, check.message);
}

/**
 * Who sent it: each vendor's own proof (Typeform and Meta sign the body, Google sends the form's
 * key inside it), our X-Leadhub-Signature for signed generic deliveries, else the partner key.
 * Answers the signature to remember, so the same delivery replayed is stored once.
 */
function authenticate(format: Format, req: Request, body: Buffer, p: PartnerSource, now: number): string | null {
  const sig = req.header("x-leadhub-signature");
  if (format === "generic" && sig) {
    const check = verifyLeadhubSignature(sig, body, p.signingSecret, now);
    if (!check.ok) denied(check);
    return sha256(check.replayKey!);
  }
  if (format === "typeform" && p.secrets.typeform_secret) {
    const check = verifyTypeformSignature(req.header("typeform-signature"), body, p.secrets.typeform_secret);
    if (!check.ok) denied(check);
    return null;
  }
  if (format === "facebook") {
    if (!p.secrets.facebook_app_secret) throw new AppError("unauthenticated", "signature_unconfigured", "set facebook_app_secret on the partner to receive Meta webhooks");
    const check = verifyMetaSignature(req.header("x-hub-signature-256"), body, p.secrets.facebook_app_secret);
    if (!check.ok) denied(check);
    return null;
  }
  if (format === "google-ads") return null; // checked against google_key once the body is parsed
  if (!hasPartnerKey(req, p)) throw new AppError("unauthenticated", "invalid_api_key", "the partner key (Authorization: Bearer <key> or ?key=) is missing or wrong");
  return null;
}

/** `/ingest/webhooks/:partnerId/:format`: partners' payloads in their own formats. */
export function webhookRoutes(services: Services, writer: EventWriter, sources: SourceLookup): Router {
  const r = Router();
  const raw = express.raw({ type: () => true, limit: services.config.ingestMaxBody });

  const formatOf = (value: string): Format => {
    if (!(WEBHOOK_FORMATS as readonly string[]).includes(value)) {
      throw new AppError("not_found", "unknown_format", `unknown webhook format "${value.slice(0, 40)}"; one of ${WEBHOOK_FORMATS.join(", ")}`);
    }
    return value as Format;
  };

  // Meta's subscription handshake: echo hub.challenge when the verify token matches.
  r.get("/:partnerId/:format", async (req, res) => {
    const format = formatOf(req.params.format);
    const p = await sources.partner(req.params.partnerId);
    if (format !== "facebook") throw new AppError("method_not_allowed", "method_not_allowed", "webhooks are delivered with POST");
    const token = p.secrets.facebook_verify_token;
    if (req.query["hub.mode"] !== "subscribe" || !token || typeof req.query["hub.verify_token"] !== "string" || !safeEqual(req.query["hub.verify_token"], token)) {
      throw new AppError("forbidden", "verify_token_invalid", "hub.verify_token does not match the partner's facebook_verify_token");
    }
    res.type("text/plain").send(String(req.query["hub.challenge"] ?? ""));
  });

  r.post("/:partnerId/:format", raw, async (req, res) => {
    const format = formatOf(req.params.format);
    const p = await sources.partner(req.params.partnerId);
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const signature = authenticate(format, req, body, p, Math.floor(services.clock.now().getTime() / 1000));
    const base: InboundEvent = {
      tenantId: p.tenantId,
      channel: "webhook",
      format,
      partnerId: p.id,
      apiKeyId: null,
      idempotencyKey: req.header("idempotency-key")?.slice(0, 255) ?? null,
      bodyHash: sha256(body),
      payload: null,
      raw: null,
      contentType: req.headers["content-type"]?.slice(0, 200) ?? null,
      remoteIp: req.ip ?? null,
      signature,
      // Google puts google_key in the body; any sender may echo a secret: none of them is stored.
      knownSecrets: [p.signingSecret, ...Object.values(p.secrets)],
    };
    const payload = await parseOrReject(writer, base, body, req.headers["content-type"], BODY_KINDS[format]);
    if (format === "google-ads") {
      const key = (payload as { google_key?: unknown })?.google_key;
      if (!p.secrets.google_key || typeof key !== "string" || !safeEqual(key, p.secrets.google_key)) {
        throw new AppError("unauthenticated", "invalid_google_key", "google_key does not match the key configured for this partner");
      }
    }

    // Meta batches several leads in one delivery; each becomes its own event, fetched and taken apart.
    if (format === "facebook") {
      const leads = splitFacebookWebhook(payload);
      const ids = [];
      for (const lead of leads) {
        ids.push((await writer.write({ ...base, idempotencyKey: null, signature: null, payload: lead, vendorId: lead.leadgen_id })).id);
      }
      return res.status(200).json({ ids });
    }

    const adapter = adapters[format];
    const outcome = tryAdapt(() => adapter.adapt({ payload, partner: { name: p.name, settings: { ...p.settings, default_source: p.defaultSource } } }));
    const problem = "problem" in outcome ? outcome.problem : contactProblem(outcome.adapted, p.region);
    if (problem) return storeRejected(writer, { ...base, payload }, problem);

    const { id, replayed } = await writer.write({ ...base, payload, vendorId: adapter.vendorId(payload) });
    // A vendor's retry of a lead we have is a no-op: 200 with the first id, so it stops retrying.
    res.status(replayed ? 200 : 202).json({ id, ...(replayed ? { duplicate: true } : {}) });
  });
  return r;
}

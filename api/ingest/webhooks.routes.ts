import express, { Router, type Request } from "express";
import { hashApiKey, sha256 } from "../../core/crypto.ts";
import { AppError } from "../../core/errors.ts";
import type { Services } from "../../core/services.ts";
import { captureVendors, WEBHOOK_FORMATS, type CaptureVendor, type Delivery } from "../../core/capture/index.ts";
import { bearer } from "../auth/require-user.ts";
import { contactProblem, parseOrReject, storeRejected, tryAdapt, trySplit } from "./accept.ts";
import type { EventWriter, InboundEvent } from "./event-writer.ts";
import type { PartnerSource, SourceLookup } from "./source-lookup.ts";

export { WEBHOOK_FORMATS };

/** A request as the vendor modules see it: headers, query, the raw body and the partner key check. */
function delivery(req: Request, body: Buffer, p: PartnerSource, nowSeconds: number): Delivery {
  return {
    body,
    nowSeconds,
    header: (name) => req.header(name),
    query: (name) => req.query[name],
    hasPartnerKey() {
      const key = bearer(req.headers.authorization) ?? (typeof req.query.key === "string" ? req.query.key : null);
      return key !== null && key.length <= 200 && p.apiKeyHashes.includes(hashApiKey(key));
    },
  };
}

/**
 * `/ingest/webhooks/:partnerId/:format`: partners' payloads in their own formats. One route for every
 * vendor in core/capture: the format names the vendor module, which says which bodies it reads and
 * proves who sent them (its own signature, a key in the body, or the partner key); the route stores
 * the raw payload and enqueues it. `vendors` is the registry; a test may hand it another list.
 */
export function webhookRoutes(
  services: Services,
  writer: EventWriter,
  sources: SourceLookup,
  vendors: readonly CaptureVendor[] = captureVendors,
): Router {
  const r = Router();
  const raw = express.raw({ type: () => true, limit: services.config.ingestMaxBody });
  const byFormat = new Map(vendors.map((v) => [v.format, v]));
  const formats = vendors.map((v) => v.format).join(", ");
  const nowSeconds = () => Math.floor(services.clock.now().getTime() / 1000);

  const vendorOf = (value: string): CaptureVendor => {
    const vendor = byFormat.get(value);
    if (!vendor) throw new AppError("not_found", "unknown_format", `unknown webhook format "${value.slice(0, 40)}"; one of ${formats}`);
    return vendor;
  };

  // A vendor's subscription handshake (Meta's hub.challenge); webhooks themselves are POSTed.
  r.get("/:partnerId/:format", async (req, res) => {
    const vendor = vendorOf(req.params.format);
    const p = await sources.partner(req.params.partnerId);
    if (!vendor.challenge) throw new AppError("method_not_allowed", "method_not_allowed", "webhooks are delivered with POST");
    res.type("text/plain").send(vendor.challenge(delivery(req, Buffer.alloc(0), p, nowSeconds()), p));
  });

  r.post("/:partnerId/:format", raw, async (req, res) => {
    const vendor = vendorOf(req.params.format);
    const p = await sources.partner(req.params.partnerId);
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const replayKey = vendor.authenticate(delivery(req, body, p, nowSeconds()), p);
    const base: InboundEvent = {
      tenantId: p.tenantId,
      channel: "webhook",
      format: vendor.format,
      partnerId: p.id,
      apiKeyId: null,
      idempotencyKey: req.header("idempotency-key")?.slice(0, 255) ?? null,
      bodyHash: sha256(body),
      payload: null,
      raw: null,
      contentType: req.headers["content-type"]?.slice(0, 200) ?? null,
      remoteIp: req.ip ?? null,
      // The same signed delivery replayed is stored once.
      signature: replayKey === null ? null : sha256(replayKey),
      // Google puts google_key in the body; any sender may echo a secret: none of them is stored.
      knownSecrets: [p.signingSecret, ...Object.values(p.secrets)],
    };
    const payload = await parseOrReject(writer, base, body, req.headers["content-type"], vendor.bodyKinds);
    vendor.authenticatePayload?.(payload, p);

    // A delivery that only names its leads (Meta): one event each, fetched by a job, then read by intake.
    if (vendor.split) {
      const split = trySplit(() => vendor.split!(payload));
      if ("problem" in split) return storeRejected(writer, { ...base, payload }, split.problem);
      const ids = [];
      for (const event of split.events) {
        ids.push(
          (await writer.write({ ...base, idempotencyKey: null, signature: null, payload: event.payload, vendorId: event.vendorId })).id,
        );
      }
      return res.status(200).json({ ids });
    }

    const outcome = tryAdapt(() =>
      vendor.adapt({ payload, partner: { name: p.name, settings: { ...p.settings, default_source: p.defaultSource } } }),
    );
    const problem = "problem" in outcome ? outcome.problem : contactProblem(outcome.adapted, p.region);
    if (problem) return storeRejected(writer, { ...base, payload }, problem);

    const { id, replayed } = await writer.write({ ...base, payload, vendorId: vendor.vendorId(payload) });
    // A vendor's retry of a lead we have is a no-op: 200 with the first id, so it stops retrying.
    res.status(replayed ? 200 : 202).json({ id, ...(replayed ? { duplicate: true } : {}) });
  });
  return r;
}

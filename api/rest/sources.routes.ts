import { Router, type Request } from "express";
import { z } from "zod";
import type { Services } from "../../core/services.ts";
import { encrypt, hashApiKey, newApiKey, newSigningSecret } from "../../core/crypto.ts";
import { conflict, forbidden, notFound } from "../../core/errors.ts";
import { enqueueFirstJobs, hasGraph } from "../../core/inbound.ts";
import { embedSnippet } from "../ingest/hosted-form.ts";
import type { SourceLookup } from "../ingest/source-lookup.ts";
import type { EventWriter } from "../ingest/event-writer.ts";
import { samplePayload } from "../ingest/samples.ts";
import { WEBHOOK_FORMATS } from "../ingest/webhooks.routes.ts";
import { sha256 } from "../../core/crypto.ts";
import { sourceHealth } from "../../core/source-health.ts";
import { redactSecrets, redactText } from "../../core/secrets.ts";
import { audit } from "./audit.ts";

const id = z.uuid();

async function owned(services: Services, req: Request, table: "partners" | "forms" | "inbound_events", rawId: string) {
  if (!id.safeParse(rawId).success) throw notFound(table);
  const q = services.db(table).where({ id: rawId, tenant_id: req.user!.tenantId });
  if (table !== "inbound_events") q.whereNull("deleted_at");
  const row = await q.first();
  if (!row) throw notFound(table === "inbound_events" ? "inbound event" : table.slice(0, -1));
  return row;
}

const manage = (req: Request) => {
  if (!["admin", "manager", "marketer"].includes(req.user!.role)) throw forbidden();
};

/** What the console needs around capture sources: health, embed snippets, key rotation, raw and replay. */
export function sourceRoutes(services: Services, sources: SourceLookup, writer: EventWriter): Router {
  const r = Router();
  const { db } = services;

  r.get("/partners/:id/health", async (req, res) => {
    manage(req);
    const p = await owned(services, req, "partners", req.params.id);
    res.json(await sourceHealth(db, req.user!.tenantId, "partner", p.id, services.clock.now()));
  });
  r.get("/forms/:id/health", async (req, res) => {
    manage(req);
    const f = await owned(services, req, "forms", req.params.id);
    res.json(await sourceHealth(db, req.user!.tenantId, "form", f.id, services.clock.now()));
  });

  r.get("/forms/:id/embed", async (req, res) => {
    manage(req);
    const f = await owned(services, req, "forms", req.params.id);
    const form = await sources.form(f.key);
    // Without PUBLIC_URL, the address the console is using is the best guess at the public one.
    const base = (services.config.publicUrlConfigured ? services.config.publicUrl : `${req.protocol}://${req.get("host")}`).replace(/\/$/, "");
    res.json({ hosted_url: `${base}/forms/${f.key}`, snippet: embedSnippet(form, base) });
  });

  // A new key and signing secret, shown once; the old key stops working at once on this replica.
  r.post("/partners/:id/rotate", async (req, res) => {
    if (req.user!.role !== "admin") throw forbidden();
    const p = await owned(services, req, "partners", req.params.id);
    const { key, prefix } = newApiKey();
    const signingSecret = newSigningSecret();
    await db.transaction(async (trx) => {
      await trx("api_keys").where({ partner_id: p.id }).whereNull("revoked_at").update({ revoked_at: services.clock.now() });
      await trx("api_keys").insert({ tenant_id: p.tenant_id, partner_id: p.id, name: `${p.name} key`, key_prefix: prefix, key_hash: hashApiKey(key) });
      await trx("partners").where("id", p.id).update({ signing_secret_enc: encrypt(services.keys.secrets, signingSecret), updated_at: trx.fn.now() });
      await audit(trx, req, "rotate_secrets", "partners", p.id, undefined);
    });
    sources.forget(p.id);
    res.json({ id: p.id, apiKey: key, signingSecret });
  });

  // "Send test payload": a sample in the vendor's shape, through the same intake path as a real delivery.
  r.post("/partners/:id/test", async (req, res) => {
    manage(req);
    const p = await owned(services, req, "partners", req.params.id);
    const format = z.enum(WEBHOOK_FORMATS).parse(req.body?.format ?? "generic");
    const stamp = services.clock.now().getTime();
    const payload = samplePayload(format, stamp);
    const { id: eventId } = await writer.write({
      tenantId: p.tenant_id,
      channel: "webhook",
      format,
      partnerId: p.id,
      apiKeyId: null,
      idempotencyKey: null,
      bodyHash: sha256(JSON.stringify(payload)),
      payload,
      raw: null,
      contentType: "application/json",
      remoteIp: req.ip ?? null,
    });
    res.status(202).json({ id: eventId, format, payload });
  });

  // The message exactly as it arrived (mail) or the body as sent, less any secret (rows stored before
  // the writer redacted them included).
  r.get("/inbound_events/:id/raw", async (req, res) => {
    manage(req);
    const ev = await owned(services, req, "inbound_events", req.params.id);
    if (ev.format === "email" && ev.raw) {
      res.setHeader("Content-Type", "message/rfc822");
      res.setHeader("Content-Disposition", `attachment; filename="${ev.id}.eml"`);
      return res.send(Buffer.from(redactText(ev.raw), "latin1"));
    }
    res.setHeader("Content-Disposition", `attachment; filename="${ev.id}.${ev.raw ? "txt" : "json"}"`);
    if (ev.raw) return res.type("text/plain").send(redactText(ev.raw));
    res.json(redactSecrets(ev.payload));
  });

  // Runs a failed event through intake again (after a mapping or adapter fix).
  r.post("/inbound_events/:id/replay", async (req, res) => {
    manage(req);
    const ev = await owned(services, req, "inbound_events", req.params.id);
    if (ev.status !== "failed") throw conflict("not_failed", "only failed events can be replayed");
    if (!ev.payload && !ev.raw) throw conflict("nothing_to_replay", "this event holds no payload");
    await db("inbound_events").where("id", ev.id).update({ status: "received", outcome: null, error: null, processed_at: null, updated_at: db.fn.now() });
    // A fresh job id: the failed job of the first attempt may still be kept under the old one.
    const event = { tenantId: ev.tenant_id, eventId: ev.id, format: ev.format, fetched: hasGraph(ev.payload) };
    await enqueueFirstJobs(services.queues, [event], String(services.clock.now().getTime())).catch(() => {});
    res.status(202).json({ id: ev.id, status: "received" });
  });
  return r;
}

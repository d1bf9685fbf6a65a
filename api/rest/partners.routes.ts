import { Router, type Request } from "express";
import { z } from "zod";
import type { Services } from "../../core/services.ts";
import { sha256 } from "../../core/crypto.ts";
import { checkUrlSettings, mergeSettings, SECRET_SETTINGS } from "../../core/partners.ts";
import { sourceHealth } from "../../core/source-health.ts";
import { createPartner, rotatePartnerSecrets, sourceRecord } from "../../core/sources.ts";
import { WEBHOOK_FORMATS } from "../../core/vocabulary.ts";
import { PERMISSIONS } from "../../core/permissions.ts";
import type { EventWriter } from "../ingest/event-writer.ts";
import { samplePayload } from "../ingest/samples.ts";
import type { SourceLookup } from "../ingest/source-lookup.ts";
import { requireRole } from "../auth/require-user.ts";
import { resourceRoutes, type ResourceSpec } from "./resource.ts";

export const partnerCreateSchema = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullish(),
  default_source: z.string().max(200).nullish(),
});

const COLUMNS = ["id", "name", "description", "default_source", "settings", "is_active", "last_delivery_at", "created_at", "updated_at"];

/** Vendor settings: plain ones (base URLs, field mapping) and secrets, which are accepted but never answered. */
const settingsSchema = z
  .object({
    graph_base_url: z.url().max(500).nullish(),
    indiamart_base_url: z.url().max(500).nullish(),
    field_mapping: z.record(z.string().max(200), z.string().max(200)).nullish(),
    // Answered by GET; sent back unchanged by forms that save the whole record, and ignored.
    secrets_configured: z.unknown().optional(),
    ...Object.fromEntries(SECRET_SETTINGS.map((k) => [k, z.string().max(1000).nullish()])),
  })
  .strict();

export function partnersResource(services: Services, sources: SourceLookup): ResourceSpec {
  return {
    name: "partners",
    table: "partners",
    columns: COLUMNS,
    filters: ["is_active"],
    sortable: ["name", "created_at", "last_delivery_at"],
    defaultSort: ["name", "asc"],
    search: { ilike: ["name", "description"] },
    // Marketing runs the lead sources: core/permissions.ts (the console hides what these refuse).
    readRoles: PERMISSIONS.partners.read,
    writeRoles: PERMISSIONS.partners.write,
    update: {
      schema: partnerCreateSchema.extend({ is_active: z.boolean().optional(), settings: settingsSchema.optional() }).partial(),
      toRow: async (data, before) => {
        const { settings, ...rest } = data as { settings?: Record<string, unknown> };
        sources.forget(before.id as string);
        if (!settings) return rest;
        checkUrlSettings(settings, services.config.outboundAllowPrivate);
        const stored = await services
          .db("partners")
          .where("id", before.id as string)
          .first("settings", "secrets_enc");
        const merged = mergeSettings(services.keys.secrets, stored, settings);
        return { ...rest, settings: JSON.stringify(merged.settings), secrets_enc: merged.secrets_enc };
      },
    },
    deletable: true,
  };
}

/**
 * Partners: the API key and signing secret are answered once, at creation (and at rotation); their
 * health, and a test payload in a vendor's shape sent through the same intake path as a real one.
 */
export function partnersRoutes(services: Services, sources: SourceLookup, writer: EventWriter): Router {
  const r = Router();
  const { db, clock } = services;
  const partner = (req: Request) => sourceRecord(db, req.user!.tenantId, "partners", String(req.params.id));

  r.post("/", requireRole(...PERMISSIONS.partners.write), async (req, res) => {
    const data = partnerCreateSchema.parse(req.body ?? {});
    const made = await createPartner(db, req.user!, services.keys.secrets, data, COLUMNS);
    res.status(201).json({ ...made.partner, apiKey: made.apiKey, signingSecret: made.signingSecret });
  });

  r.get("/:id/health", requireRole(...PERMISSIONS.partners.read), async (req, res) => {
    const p = await partner(req);
    res.json(await sourceHealth(db, req.user!.tenantId, "partner", p.id, clock.now()));
  });

  // A new key and signing secret, shown once; the old key stops working at once on this replica.
  r.post("/:id/rotate", requireRole(...PERMISSIONS.partners.write), async (req, res) => {
    const p = await partner(req);
    const rotated = await rotatePartnerSecrets(db, req.user!, services.keys.secrets, p, clock.now());
    sources.forget(p.id);
    res.json({ id: p.id, ...rotated });
  });

  // "Send test payload": a sample in the vendor's shape, through the same intake path as a real delivery.
  r.post("/:id/test", requireRole(...PERMISSIONS.partners.read), async (req, res) => {
    const p = await partner(req);
    const format = z.enum(WEBHOOK_FORMATS).parse(req.body?.format ?? "generic");
    const payload = samplePayload(format, clock.now().getTime());
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

  r.use(resourceRoutes(services, partnersResource(services, sources)));
  return r;
}

import { audit } from "./audit.ts";
import { Router } from "express";
import { z } from "zod";
import type { Services } from "../../core/services.ts";
import { encrypt, hashApiKey, newApiKey, newSigningSecret } from "../../core/crypto.ts";
import { forbidden } from "../../core/errors.ts";
import { checkUrlSettings, mergeSettings, SECRET_SETTINGS } from "../../core/partners.ts";
import type { SourceLookup } from "../ingest/source-lookup.ts";
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
    readRoles: ["admin", "manager", "marketer"],
    writeRoles: ["admin"],
    update: {
      schema: partnerCreateSchema.extend({ is_active: z.boolean().optional(), settings: settingsSchema.optional() }).partial(),
      toRow: async (data, before) => {
        const { settings, ...rest } = data as { settings?: Record<string, unknown> };
        sources.forget(before.id as string);
        if (!settings) return rest;
        checkUrlSettings(settings, services.config.outboundAllowPrivate);
        const stored = await services.db("partners").where("id", before.id as string).first("settings", "secrets_enc");
        const merged = mergeSettings(services.keys.secrets, stored, settings);
        return { ...rest, settings: JSON.stringify(merged.settings), secrets_enc: merged.secrets_enc };
      },
    },
    deletable: true,
  };
}

/**
 * Partners: the API key and signing secret are answered once, at creation. The key is stored as a
 * hash; the secret encrypted (AES-256-GCM), since checking a sender's HMAC needs it in clear.
 */
export function partnersRoutes(services: Services, sources: SourceLookup): Router {
  const r = Router();
  r.post("/", async (req, res) => {
    if (req.user!.role !== "admin") throw forbidden();
    const data = partnerCreateSchema.parse(req.body ?? {});
    const { key, prefix } = newApiKey();
    const signingSecret = newSigningSecret();
    const partner = await services.db.transaction(async (trx) => {
      const [p] = await trx("partners")
        .insert({ ...data, tenant_id: req.user!.tenantId, signing_secret_enc: encrypt(services.keys.secrets, signingSecret) })
        .returning(COLUMNS);
      await trx("api_keys").insert({ tenant_id: req.user!.tenantId, partner_id: p.id, name: `${data.name} key`, key_prefix: prefix, key_hash: hashApiKey(key) });
      await audit(trx, req, "create", "partners", p.id, data);
      return p;
    });
    res.status(201).json({ ...partner, apiKey: key, signingSecret });
  });
  r.use(resourceRoutes(services, partnersResource(services, sources)));
  return r;
}

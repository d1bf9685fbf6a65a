import { Router } from "express";
import { z } from "zod";
import type { Services } from "../../core/services.ts";
import { encrypt, hashApiKey, newApiKey, newSigningSecret } from "../../core/crypto.ts";
import { forbidden } from "../../core/errors.ts";
import { resourceRoutes, type ResourceSpec } from "./resource.ts";

export const partnerCreateSchema = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullish(),
  default_source: z.string().max(200).nullish(),
});

const COLUMNS = ["id", "name", "description", "default_source", "is_active", "last_delivery_at", "created_at", "updated_at"];

export function partnersResource(): ResourceSpec {
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
    update: { schema: partnerCreateSchema.extend({ is_active: z.boolean().optional() }).partial() },
    deletable: true,
  };
}

/**
 * Partners: the API key and signing secret are answered once, at creation. The key is stored as a
 * hash; the secret encrypted (AES-256-GCM), since checking a sender's HMAC needs it in clear.
 */
export function partnersRoutes(services: Services): Router {
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
      await trx("audit_log").insert({ tenant_id: req.user!.tenantId, user_id: req.user!.id, action: "create", record_type: "partners", record_id: p.id, changes: JSON.stringify(data) });
      return p;
    });
    res.status(201).json({ ...partner, apiKey: key, signingSecret });
  });
  r.use(resourceRoutes(services, partnersResource()));
  return r;
}

import { LRUCache } from "lru-cache";
import { z } from "zod";
import type { Services } from "../../core/services.ts";
import { asSystem } from "../../core/tenant-scope.ts";
import { decrypt } from "../../core/crypto.ts";
import { openSecrets, type PartnerSecrets } from "../../core/partners.ts";
import { notFound } from "../../core/errors.ts";

export interface PartnerSource {
  id: string;
  tenantId: string;
  name: string;
  region: string;
  defaultSource: string | null;
  settings: Record<string, unknown>;
  secrets: PartnerSecrets;
  signingSecret: string;
  apiKeyHashes: string[];
}

export interface FormSource {
  id: string;
  tenantId: string;
  name: string;
  key: string;
  region: string;
  fields: { name: string; label?: string; type?: string; required?: boolean; maps_to?: string; options?: string[] }[];
  allowedOrigins: string[];
  redirectUrl: string | null;
  thankYouMessage: string | null;
  consentText: string | null;
  source: string | null;
  subsource: string | null;
  campaign: string | null;
  honeypotField: string | null;
}

// Sources change rarely and are read on every delivery: cache briefly (an edit shows within this).
const TTL_MS = 15_000;

/** Looks up the partners and forms that public endpoints deliver to, by id or public key. */
export function sourceLookup(services: Services) {
  const partners = new LRUCache<string, PartnerSource | false>({ max: 5000, ttl: TTL_MS });
  const forms = new LRUCache<string, FormSource | false>({ max: 5000, ttl: TTL_MS });

  async function partner(id: string): Promise<PartnerSource> {
    if (!z.uuid().safeParse(id).success) throw notFound("partner");
    let p = partners.get(id);
    if (p === undefined) {
      // Public endpoints name a partner or form, and so the tenant: found across tenants.
      const [row, keys] = await asSystem(() =>
        Promise.all([
          services
            .db("partners as p")
            .join("tenants as t", "t.id", "p.tenant_id")
            .where({ "p.id": id, "p.is_active": true, "t.is_active": true })
            .whereNull("p.deleted_at")
            .first("p.*", "t.default_region"),
          services.db("api_keys").where({ partner_id: id }).whereNull("revoked_at").pluck("key_hash"),
        ]),
      );
      if (row) {
        p = {
          id: row.id,
          tenantId: row.tenant_id,
          name: row.name,
          region: row.default_region,
          defaultSource: row.default_source,
          settings: row.settings ?? {},
          secrets: openSecrets(services.keys.secrets, row.secrets_enc),
          signingSecret: decrypt(services.keys.secrets, row.signing_secret_enc),
          apiKeyHashes: keys,
        };
      } else p = false;
      partners.set(id, p);
    }
    if (!p) throw notFound("partner");
    return p;
  }

  async function form(key: string): Promise<FormSource> {
    if (!/^[A-Za-z0-9_-]{6,64}$/.test(key)) throw notFound("form");
    let f = forms.get(key);
    if (f === undefined) {
      const row = await asSystem(() =>
        services
          .db("forms as f")
          .join("tenants as t", "t.id", "f.tenant_id")
          .where({ "f.key": key, "f.is_active": true, "t.is_active": true })
          .whereNull("f.deleted_at")
          .first("f.*", "t.default_region"),
      );
      f = row
        ? {
            id: row.id,
            tenantId: row.tenant_id,
            name: row.name,
            key: row.key,
            region: row.default_region,
            fields: row.fields ?? [],
            allowedOrigins: row.allowed_origins ?? [],
            redirectUrl: row.redirect_url,
            thankYouMessage: row.thank_you_message,
            consentText: row.consent_text,
            source: row.source,
            subsource: row.subsource,
            campaign: row.campaign,
            honeypotField: row.honeypot_field,
          }
        : false;
      forms.set(key, f);
    }
    if (!f) throw notFound("form");
    return f;
  }

  return { partner, form, forget: (id: string) => (partners.delete(id), forms.delete(id)) };
}

export type SourceLookup = ReturnType<typeof sourceLookup>;

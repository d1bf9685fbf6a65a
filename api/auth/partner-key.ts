import type { RequestHandler } from "express";
import { LRUCache } from "lru-cache";
import type { Services } from "../../core/services.ts";
import { AppError } from "../../core/errors.ts";
import { hashApiKey } from "../../core/crypto.ts";
import type { AuthPartner } from "../types.ts";
import { bearer } from "./require-user.ts";
import { asSystem, withTenant } from "../../core/tenant-scope.ts";

/**
 * Authenticates an ingestion request by its partner API key (`Authorization: Bearer <key>`, or
 * `?key=` for senders that cannot set headers). Keys are cached for a short while so the hot path
 * does no lookup; a revoked key stops working within KEY_CACHE_MS on every replica.
 */
export const KEY_CACHE_MS = 15_000;

export function partnerAuth(services: Services): RequestHandler {
  const cache = new LRUCache<string, AuthPartner | false>({ max: 10_000, ttl: KEY_CACHE_MS });
  return async (req, _res, next) => {
    const key = bearer(req.headers.authorization) ?? (typeof req.query.key === "string" ? req.query.key : null);
    if (!key) return next(new AppError("unauthenticated", "missing_api_key", "an API key is required (Authorization: Bearer <key>)"));
    if (key.length > 200) return next(new AppError("unauthenticated", "invalid_api_key", "the API key is not valid"));
    const hash = hashApiKey(key);
    let partner = cache.get(hash);
    if (partner === undefined) {
      // The key names the tenant, so finding it looks across tenants.
      const row = await asSystem(() =>
        services
          .db("api_keys as k")
          .join("tenants as t", "t.id", "k.tenant_id")
          .leftJoin("partners as p", "p.id", "k.partner_id")
          .where("k.key_hash", hash)
          .whereNull("k.revoked_at")
          .where("t.is_active", true)
          .where((q) => q.whereNull("k.partner_id").orWhere((p) => p.where("p.is_active", true).whereNull("p.deleted_at")))
          .first("k.id", "k.tenant_id", "k.partner_id", "t.default_region"),
      );
      partner = row ? { apiKeyId: row.id, tenantId: row.tenant_id, partnerId: row.partner_id, region: row.default_region } : false;
      cache.set(hash, partner);
    }
    if (!partner) return next(new AppError("unauthenticated", "invalid_api_key", "the API key is not valid"));
    req.partner = partner;
    withTenant(partner.tenantId, () => next());
  };
}

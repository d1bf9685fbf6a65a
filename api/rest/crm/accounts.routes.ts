import type { Router } from "express";
import { z } from "zod";
import type { Services } from "../../../core/services.ts";
import { taxKey } from "../../../core/dedup/keys.ts";
import { normalizeCompany } from "../../../core/lead/normalize.ts";
import { optionalUuid } from "../../../core/schemas.ts";
import { ACCOUNT_TYPES } from "../../../core/vocabulary.ts";
import { resourceRoutes } from "../resource.ts";
import { ALL, customFields, money, SELLERS, text, timelineRoute, user } from "./crm-fields.ts";

const accountSchema = z.object({
  name: z.string().trim().min(1).max(300),
  type: z.enum(ACCOUNT_TYPES).optional(),
  industry: text(),
  company_size: text(50),
  annual_revenue: money,
  currency: z.string().length(3).optional(),
  gstin: z
    .string()
    .trim()
    .max(20)
    .nullish()
    .refine((g) => !g || taxKey(g).gstin !== null, "a GSTIN: 15 characters with a valid check character"),
  website: text(500),
  email_domain: text(200),
  phone: text(40),
  address: text(1000),
  city: text(),
  state: text(),
  country: text(100),
  postal_code: text(20),
  owner_id: optionalUuid,
  lifecycle_stage: text(50),
  is_active: z.boolean().optional(),
  custom_fields: z.record(z.string(), z.unknown()).optional(),
});

/** Accounts (companies a lead converts into; shared by the whole tenant) and their timeline. */
export function accountsRoutes(services: Services): Router {
  const custom = customFields(services);
  return resourceRoutes(services, {
    name: "accounts",
    table: "accounts",
    columns: [
      "id",
      "name",
      "type",
      "industry",
      "company_size",
      "annual_revenue",
      "currency",
      "gstin",
      "website",
      "email_domain",
      "phone",
      "address",
      "city",
      "state",
      "country",
      "postal_code",
      "owner_id",
      "health_score",
      "health_reasons",
      "lifecycle_stage",
      "is_active",
      "custom_fields",
      "created_by",
      "created_at",
      "updated_at",
    ],
    filters: ["type", "industry", "owner_id", "lifecycle_stage", "is_active", "city", "state", "gstin", "email_domain"],
    ranges: ["created_at", "annual_revenue", "health_score"],
    sortable: ["name", "created_at", "updated_at", "annual_revenue", "health_score", "type"],
    defaultSort: ["name", "asc"],
    search: { ilike: ["name", "gstin", "email_domain", "city"], phones: ["phone"] },
    readRoles: ALL,
    writeRoles: SELLERS,
    refs: { owner_id: "users" },
    create: {
      schema: accountSchema,
      toRow: async (d, req) => ({
        ...(await custom("account", d, req, true)),
        gstin: taxKey(d.gstin as string).gstin,
        name_key: normalizeCompany(d.name as string),
        created_by: user(req).id,
      }),
    },
    update: {
      schema: accountSchema.partial(),
      toRow: async (d, _before, req) => ({
        ...(await custom("account", d, req, false)),
        ...(d.gstin !== undefined ? { gstin: taxKey(d.gstin as string).gstin } : {}),
        ...(d.name ? { name_key: normalizeCompany(d.name as string) } : {}),
      }),
    },
    deletable: true,
    routes: (r) => r.get("/:id/timeline", timelineRoute(services, "account")),
  });
}

import type { Router } from "express";
import { z } from "zod";
import type { Services } from "../../../core/services.ts";
import { optionalUuid } from "../../../core/schemas.ts";
import { CONTACT_CHANNELS, CONTACT_ROLES } from "../../../core/vocabulary.ts";
import { resourceRoutes } from "../resource.ts";
import { ALL, customFields, SELLERS, text, timelineRoute } from "./crm-fields.ts";

const contactSchema = z.object({
  account_id: optionalUuid,
  first_name: text(),
  last_name: text(),
  job_title: text(),
  role: z.enum(CONTACT_ROLES).nullish(),
  email: z.email().max(320).nullish(),
  phone: text(40),
  influence: z.number().int().min(0).max(10).nullish(),
  preferred_channel: z.enum(CONTACT_CHANNELS).nullish(),
  is_primary: z.boolean().optional(),
  owner_id: optionalUuid,
  custom_fields: z.record(z.string(), z.unknown()).optional(),
});

/** Contacts (people at accounts; shared by the whole tenant) and their timeline. */
export function contactsRoutes(services: Services): Router {
  const custom = customFields(services);
  return resourceRoutes(services, {
    name: "contacts",
    table: "contacts",
    columns: [
      "id",
      "account_id",
      "first_name",
      "last_name",
      "job_title",
      "role",
      "email",
      "phone",
      "phone_e164",
      "influence",
      "preferred_channel",
      "is_primary",
      "lead_id",
      "owner_id",
      "custom_fields",
      "created_at",
      "updated_at",
    ],
    filters: ["account_id", "role", "is_primary", "owner_id", "lead_id", "preferred_channel"],
    ranges: ["created_at"],
    sortable: ["last_name", "first_name", "created_at", "updated_at"],
    defaultSort: ["created_at", "desc"],
    search: { ilike: ["first_name", "last_name", "email", "phone"], phones: ["phone", "phone_e164"] },
    readRoles: ALL,
    writeRoles: SELLERS,
    refs: { account_id: "accounts", owner_id: "users" },
    create: {
      schema: contactSchema,
      toRow: async (d, req) => ({
        ...(await custom("contact", d, req, true)),
        email_canonical: (d.email as string | undefined)?.toLowerCase() ?? null,
      }),
    },
    update: {
      schema: contactSchema.partial(),
      toRow: async (d, _before, req) => ({
        ...(await custom("contact", d, req, false)),
        ...(d.email !== undefined ? { email_canonical: (d.email as string | null)?.toLowerCase() ?? null } : {}),
      }),
    },
    deletable: true,
    routes: (r) => r.get("/:id/timeline", timelineRoute(services, "contact")),
  });
}

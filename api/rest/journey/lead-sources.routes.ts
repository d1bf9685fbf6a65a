import { Router } from "express";
import { z } from "zod";
import type { Services } from "../../../core/services.ts";
import { conflict } from "../../../core/errors.ts";
import { SOURCE_CHANNELS } from "../../../core/vocabulary.ts";
import { resourceRoutes } from "../resource.ts";
import { ALL, constraintErrors, currency, MARKETING, money, text } from "./journey-fields.ts";

const leadSourceSchema = z.object({
  name: z.string().trim().min(1).max(200),
  subsource: text(200),
  channel: z.enum(SOURCE_CHANNELS).nullish(),
  monthly_cost: money.nullish(),
  currency: currency.optional(),
  is_active: z.boolean().optional(),
  description: text(5000),
});

/** Where leads come from, with what each costs a month (the source report divides by it). */
export function leadSourcesRoutes(services: Services): Router {
  return Router().use(
    resourceRoutes(services, {
      name: "lead_sources",
      table: "lead_sources",
      columns: ["id", "name", "subsource", "channel", "monthly_cost", "currency", "is_active", "description", "created_at", "updated_at"],
      filters: ["name", "subsource", "channel", "is_active", "currency"],
      ranges: ["monthly_cost", "created_at"],
      sortable: ["name", "subsource", "channel", "monthly_cost", "created_at", "updated_at"],
      defaultSort: ["name", "asc"],
      search: { ilike: ["name", "subsource", "description"] },
      readRoles: ALL,
      writeRoles: MARKETING,
      create: { schema: leadSourceSchema },
      update: { schema: leadSourceSchema.partial() },
      deletable: true,
    }),
    constraintErrors({ lead_sources_name: () => conflict("lead_source_duplicate", "a lead source with this name and subsource exists") }),
  );
}

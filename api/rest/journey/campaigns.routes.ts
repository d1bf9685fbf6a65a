import { Router, type Request } from "express";
import { z } from "zod";
import type { Services } from "../../../core/services.ts";
import { conflict, unprocessable } from "../../../core/errors.ts";
import { checkLeadSource } from "../../../core/journey/bookkeeping.ts";
import { CAMPAIGN_STATUSES, CAMPAIGN_TYPES } from "../../../core/vocabulary.ts";
import { resourceRoutes } from "../resource.ts";
import { ALL, constraintErrors, currency, day, MARKETING, money, text, user } from "./journey-fields.ts";

const campaignSchema = z.object({
  name: z.string().trim().min(1).max(300),
  code: z.string().trim().min(1).max(200),
  type: z.enum(CAMPAIGN_TYPES).optional(),
  status: z.enum(CAMPAIGN_STATUSES).optional(),
  lead_source_id: z.preprocess((v) => (v === "" ? null : v), z.uuid().nullish()),
  budget: money.nullish(),
  actual_cost: money.nullish(),
  currency: currency.optional(),
  start_date: day.nullish(),
  end_date: day.nullish(),
  expected_roi: z.number().min(-1e6).max(1e6).nullish(),
  description: text(5000),
});
const datesInOrder = (d: { start_date?: string | null; end_date?: string | null }) =>
  !d.start_date || !d.end_date || d.start_date <= d.end_date;

/** Campaigns: their codes (leads carry them), budgets and dates, and the lead source each belongs to. */
export function campaignsRoutes(services: Services): Router {
  const checkSource = (req: Request, id: unknown) => checkLeadSource(services.db, user(req).tenantId, id);
  return Router().use(
    resourceRoutes(services, {
      name: "campaigns",
      table: "campaigns",
      columns: [
        "id",
        "name",
        "code",
        "type",
        "status",
        "lead_source_id",
        "budget",
        "actual_cost",
        "currency",
        "start_date",
        "end_date",
        "expected_roi",
        "description",
        "created_by",
        "created_at",
        "updated_at",
      ],
      filters: ["code", "type", "status", "lead_source_id", "currency", "created_by"],
      ranges: ["start_date", "end_date", "budget", "actual_cost", "created_at"],
      sortable: ["name", "code", "type", "status", "budget", "actual_cost", "start_date", "end_date", "created_at", "updated_at"],
      defaultSort: ["created_at", "desc"],
      search: { ilike: ["name", "code", "description"] },
      readRoles: ALL,
      writeRoles: MARKETING,
      create: {
        schema: campaignSchema.refine(datesInOrder, { message: "end_date is before start_date", path: ["end_date"] }),
        toRow: async (d, req) => (await checkSource(req, d.lead_source_id), { ...d, created_by: user(req).id }),
      },
      update: {
        schema: campaignSchema.partial(),
        toRow: async (d, before, req) => {
          await checkSource(req, d.lead_source_id);
          const dayOf = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : (v as string | null));
          const start = d.start_date !== undefined ? (d.start_date as string | null) : dayOf(before.start_date);
          const end = d.end_date !== undefined ? (d.end_date as string | null) : dayOf(before.end_date);
          if (!datesInOrder({ start_date: start, end_date: end })) throw unprocessable("campaign_dates", "end_date is before start_date");
          return d;
        },
      },
      deletable: true,
    }),
    constraintErrors({
      campaigns_code: () => conflict("campaign_code_taken", "another campaign has this code (codes are matched case-blind)"),
    }),
  );
}

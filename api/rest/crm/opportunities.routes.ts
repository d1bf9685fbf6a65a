import type { Router } from "express";
import { z } from "zod";
import type { Services } from "../../../core/services.ts";
import { scopeOwned } from "../../../core/access.ts";
import { checkStageMove, recordStageEntry, stageFields, startingStage } from "../../../core/crm/opportunities.ts";
import { optionalUuid } from "../../../core/schemas.ts";
import { FORECAST_CATEGORIES } from "../../../core/vocabulary.ts";
import { resourceRoutes } from "../resource.ts";
import { ALL, customFields, money, SELLERS, text, timelineRoute, user } from "./crm-fields.ts";

const opportunitySchema = z.object({
  name: z.string().trim().min(1).max(300),
  value: money,
  currency: z.string().length(3).optional(),
  stage_id: z.uuid().optional(),
  probability: z.number().int().min(0).max(100).optional(),
  forecast_category: z.enum(FORECAST_CATEGORIES).optional(),
  expected_close: z.coerce.date().nullish(),
  loss_reason: text(500),
  account_id: optionalUuid,
  primary_contact_id: optionalUuid,
  owner_id: optionalUuid,
  custom_fields: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Opportunities (deals), moved through the tenant's pipeline stages, which refuse a move while
 * required tasks are open; a rep sees their own. Their timeline too.
 */
export function opportunitiesRoutes(services: Services): Router {
  const { db, clock } = services;
  const custom = customFields(services);
  return resourceRoutes(services, {
    name: "opportunities",
    table: "opportunities",
    columns: [
      "id",
      "name",
      "value",
      "currency",
      "stage_id",
      "probability",
      "forecast_category",
      "expected_close",
      "actual_close",
      "status",
      "loss_reason",
      "account_id",
      "primary_contact_id",
      "lead_id",
      "owner_id",
      "custom_fields",
      "stage_changed_at",
      "created_at",
      "updated_at",
    ],
    filters: ["stage_id", "status", "owner_id", "account_id", "primary_contact_id", "lead_id", "forecast_category"],
    ranges: ["value", "expected_close", "created_at"],
    sortable: ["name", "value", "expected_close", "created_at", "updated_at", "probability", "stage_changed_at"],
    defaultSort: ["created_at", "desc"],
    search: { ilike: ["name"] },
    readRoles: ALL,
    writeRoles: SELLERS,
    refs: { account_id: "accounts", primary_contact_id: "contacts", owner_id: "users", stage_id: "pipeline_stages" },
    scope: (q, req) => void scopeOwned(q, "opportunities.owner_id", user(req)),
    create: {
      schema: opportunitySchema,
      toRow: async (d, req) => {
        const stage = await startingStage(db, user(req).tenantId, d.stage_id);
        return {
          ...(await custom("opportunity", d, req, true)),
          stage_id: stage.id,
          ...stageFields(stage, d, clock.now()),
          owner_id: d.owner_id ?? user(req).id,
        };
      },
    },
    update: {
      schema: opportunitySchema.partial(),
      toRow: async (d, before, req) => {
        const row = await custom("opportunity", d, req, false);
        if (!d.stage_id || d.stage_id === before.stage_id) return row;
        return { ...row, ...stageFields(await checkStageMove(db, user(req).tenantId, before, d.stage_id as string), d, clock.now()) };
      },
    },
    deletable: true,
    afterWrite: async (trx, { action, before, after }, req) => {
      if (action === "delete" || (action === "update" && before!.stage_id === after.stage_id)) return;
      await recordStageEntry(trx, {
        tenantId: user(req).tenantId,
        userId: user(req).id,
        now: clock.now(),
        created: action === "create",
        before,
        after,
      });
    },
    routes: (r) => r.get("/:id/timeline", timelineRoute(services, "opportunity")),
  });
}

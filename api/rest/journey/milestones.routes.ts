import { Router, type RequestHandler } from "express";
import { z } from "zod";
import type { Services } from "../../../core/services.ts";
import { applyMilestone, MILESTONE_COLUMNS, milestoneTitle, type MilestoneKind } from "../../../core/journey/milestones.ts";
import { LEAD_STATUSES, MILESTONE_KINDS, OUTCOMES } from "../../../core/vocabulary.ts";
import { resourceRoutes } from "../resource.ts";
import { ALL, json, leadFor, ownLeads, SELLERS, text, user, type Row } from "./journey-fields.ts";

const MOVABLE_STATUSES = LEAD_STATUSES.filter((s) => s !== "converted") as [string, ...string[]];
const sameTime = (a: unknown, b: unknown) =>
  (a instanceof Date ? a.getTime() : (a ?? null)) === (b instanceof Date ? b.getTime() : (b ?? null));

const milestoneFields = {
  kind: z.enum(MILESTONE_KINDS).refine((k) => k !== "lead_generated", "lead_generated is the lead's created_at and has no row"),
  title: text(),
  occurred_at: z.coerce.date(),
  location_name: text(),
  latitude: z.number().min(-90).max(90).nullish(),
  longitude: z.number().min(-180).max(180).nullish(),
  outcome: z.enum(OUTCOMES).nullish(),
  duration_minutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .nullish(),
  notes: text(20_000),
  follow_up_at: z.coerce.date().nullish(),
  metadata: z.record(z.string(), z.unknown()),
};
const milestoneCreate = z
  .object({
    ...milestoneFields,
    occurred_at: milestoneFields.occurred_at.optional(),
    metadata: milestoneFields.metadata.optional(),
    record_type: z.literal("lead").optional(),
    record_id: z.uuid().optional(),
    lead_id: z.uuid().optional(),
    status_after: z
      .enum(MOVABLE_STATUSES, { message: `one of ${MOVABLE_STATUSES.join(", ")} (a lead converts by converting it)` })
      .nullish(),
  })
  .refine((d) => d.record_id || d.lead_id, { message: 'give lead_id (or record_type "lead" and record_id)', path: ["lead_id"] })
  .refine((d) => !d.record_id || !d.lead_id || d.record_id === d.lead_id, {
    message: "lead_id and record_id name different leads",
    path: ["lead_id"],
  });
// The lead and the status move are the milestone's history: fixed once written.
const milestoneUpdate = z.object(milestoneFields).partial();

/** `lead_id` in a list filter is the milestone's record_id (react-admin references use lead_id). */
const leadIdAsRecordId: RequestHandler = (req, _res, next) => {
  const raw = (req.query as Row).filter;
  if (req.method === "GET" && typeof raw === "string" && raw.includes("lead_id")) {
    try {
      const { lead_id, ...rest } = JSON.parse(raw) as Row;
      if (lead_id !== undefined) {
        Object.defineProperty(req, "query", {
          value: { ...req.query, filter: JSON.stringify({ ...rest, record_id: lead_id }) },
          configurable: true,
          writable: true,
        });
      }
    } catch {
      // Not JSON: the list answers it as malformed.
    }
  }
  next();
};

/** A lead's milestones (site visit, demo, proposal …): a status move and a follow-up task each may bring. */
export function milestonesRoutes(services: Services): Router {
  const { clock } = services;
  const r = Router();
  r.use(
    leadIdAsRecordId,
    resourceRoutes(services, {
      name: "milestones",
      table: "milestones",
      columns: MILESTONE_COLUMNS,
      filters: ["record_type", "record_id", "kind", "outcome", "created_by", "follow_up_task_id", "status_after"],
      ranges: ["occurred_at", "follow_up_at", "created_at"],
      sortable: ["occurred_at", "created_at", "kind", "follow_up_at"],
      defaultSort: ["occurred_at", "desc"],
      search: { ilike: ["title", "notes", "location_name"] },
      readRoles: ALL,
      writeRoles: SELLERS,
      scope: (q, req) => {
        q.where("milestones.record_type", "lead");
        ownLeads("milestones.record_id")(q, req);
      },
      create: {
        schema: milestoneCreate as unknown as z.ZodType<Row>,
        toRow: async (d, req) => {
          const { lead_id, record_id, record_type: _type, metadata, title, ...rest } = d as z.infer<typeof milestoneCreate>;
          const leadId = await leadFor(services, req, (lead_id ?? record_id)!, "milestone_unknown_lead");
          return {
            ...rest,
            record_type: "lead",
            record_id: leadId,
            title: title ?? milestoneTitle(rest.kind as MilestoneKind),
            metadata: json(metadata ?? {}),
            created_by: user(req).id,
          };
        },
      },
      update: {
        schema: milestoneUpdate as unknown as z.ZodType<Row>,
        toRow: (d) => ({ ...d, ...(d.metadata !== undefined ? { metadata: json(d.metadata) } : {}) }),
      },
      deletable: true,
      afterWrite: async (trx, { action, before, after }, req) => {
        if (action === "delete" || (action === "update" && sameTime(before!.follow_up_at, after.follow_up_at))) return;
        const changed = await applyMilestone(trx, after as never, {
          tenantId: user(req).tenantId,
          userId: user(req).id,
          now: clock.now(),
          moveStatus: action === "create",
        });
        // The answer is this very row: it shows the status the lead had and the task made.
        Object.assign(after, changed);
      },
    }),
  );
  return r;
}

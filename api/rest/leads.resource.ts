import { scopeOwned, seesOnlyOwn } from "../../core/access.ts";
import type { Request } from "express";
import type { Knex } from "knex";
import { convertIfRuleHolds } from "../../core/crm/conversion-rules.ts";
import type { Services } from "../../core/services.ts";
import { reserveLeadNumbers } from "../../core/lead/numbers.ts";
import { addTimelineEntry } from "../../core/lead/timeline.ts";
import type { ResourceSpec } from "./resource.ts";
import { deriveLeadRow } from "../../core/lead/edit.ts";
import { LEAD_COLUMNS, leadWriteSchema } from "./lead-fields.ts";

export { LEAD_COLUMNS, leadWriteSchema };
import { loadEnrolRules } from "../../core/nurture/enrol-rules.ts";
import { enrolByRules, exitEnrollments, type DueStep } from "../../core/nurture/enrol.ts";
import { scheduleSoon } from "../../core/nurture/schedule.ts";
import { PERMISSIONS } from "../../core/permissions.ts";

async function timelineEntry(
  trx: Knex.Transaction,
  req: Request,
  leadId: string,
  action: string,
  title: string,
  data: object = {},
): Promise<void> {
  await addTimelineEntry(trx, req.user!.tenantId, leadId, new Date(), { action, title, data, actorUserId: req.user!.id });
}

export function leadsResource(services: Services): ResourceSpec {
  // Steps of enrolments a write made, scheduled once it is committed.
  const dueSteps = new WeakMap<Request, DueStep[]>();
  return {
    name: "leads",
    table: "leads",
    columns: LEAD_COLUMNS,
    filters: [
      "status",
      "source",
      "subsource",
      "campaign",
      "owner_id",
      "team_id",
      "priority",
      "grade",
      "stage",
      "city",
      "state",
      "country",
      "is_duplicate",
      "validation_status",
      "lead_number",
      "inbound_event_id",
      "dnd",
      "gdpr_consent",
      "utm_source",
      "utm_medium",
      "utm_campaign",
      "email",
      "phone_e164",
      "company",
      "partner_id",
      "form_id",
      "import_id",
      "assignment_rule_id",
    ],
    ranges: ["created_at", "updated_at", "lead_score", "budget", "last_activity_at", "converted_at", "sla_due_at"],
    sortable: [
      "created_at",
      "updated_at",
      "lead_number",
      "first_name",
      "last_name",
      "company",
      "email",
      "status",
      "lead_score",
      "priority",
      "source",
      "city",
      "owner_id",
      "last_activity_at",
      "budget",
      "grade",
      "assigned_at",
      "sla_due_at",
    ],
    thenSort: ["created_at", "desc"],
    search: { tsvector: "search", contains: "search_text" },
    readRoles: PERMISSIONS.leads.read,
    writeRoles: PERMISSIONS.leads.write,
    // A rep works their own leads only.
    scope: (q, req) => void scopeOwned(q, "leads.owner_id", req.user!),
    create: {
      schema: leadWriteSchema.refine((d) => d.email || d.phone, { message: "a lead needs an email or a phone", path: ["email"] }),
      toRow: async (data, req, services) => {
        const row = await deriveLeadRow(services.db, services.clock.now(), req.user!, data, null);
        const [number] = await reserveLeadNumbers(services.db, req.user!.tenantId, services.clock.now());
        return {
          ...row,
          lead_number: number,
          created_by: req.user!.id,
          owner_id: row.owner_id ?? (seesOnlyOwn(req.user!) ? req.user!.id : null),
          source: row.source ?? "manual",
          last_activity_at: services.clock.now(),
        };
      },
    },
    update: {
      schema: leadWriteSchema,
      toRow: (data, before, req, services) => deriveLeadRow(services.db, services.clock.now(), req.user!, data, before),
    },
    deletable: true,
    afterWrite: async (trx, { action, before, after }, req) => {
      const id = after.id as string;
      const now = services.clock.now();
      if (action === "delete") {
        await exitEnrollments(trx, {
          tenantId: req.user!.tenantId,
          leadIds: [id],
          reason: "manual",
          now,
          userId: req.user!.id,
          detail: "lead deleted",
        });
        return timelineEntry(trx, req, id, "lead.deleted", "Lead deleted");
      }
      // Read in the write's own transaction: a second connection per request could starve the pool under load.
      const enrol = async () => {
        const sets = { enrol: await loadEnrolRules(trx, req.user!.tenantId) };
        dueSteps.set(req, await enrolByRules(trx, req.user!.tenantId, [after], action === "create" ? "created" : "changed", sets, now));
      };
      if (action === "create") {
        await timelineEntry(trx, req, id, "lead.created", "Lead created by hand");
        return enrol();
      }
      // Do-not-disturb and lost end drip mail at once (each step checks again before it runs).
      const exit = after.dnd && !before!.dnd ? "dnd" : after.status === "lost" && before!.status !== "lost" ? "lost" : null;
      if (exit) await exitEnrollments(trx, { tenantId: req.user!.tenantId, leadIds: [id], reason: exit, now, userId: req.user!.id });
      if (before!.status !== after.status) {
        await timelineEntry(trx, req, id, "lead.status_changed", `Status changed from ${before!.status} to ${after.status}`, {
          from: before!.status,
          to: after.status,
        });
      }
      if (before!.owner_id !== after.owner_id) {
        const owner = after.owner_id
          ? await trx("users")
              .where("id", after.owner_id as string)
              .first("name")
          : null;
        await timelineEntry(trx, req, id, "lead.assigned", owner ? `Assigned to ${owner.name}` : "Owner removed", {
          from: before!.owner_id,
          to: after.owner_id,
          by: "manual",
        });
      }
      // A change of status or fields may be what a conversion rule waits for.
      await convertIfRuleHolds(trx, req.user!.tenantId, after, new Date(), req.user!.id);
      await enrol();
    },
    afterCommit: async (req) => {
      const due = dueSteps.get(req);
      if (due?.length) await scheduleSoon(services.queues, services.clock, services.log, due);
    },
  };
}

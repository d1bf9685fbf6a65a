import { Router, type Request, type Response } from "express";
import { z } from "zod";
import type { Services } from "../../core/services.ts";
import { conflict, notFound, unprocessable } from "../../core/errors.ts";
import { taxKey } from "../../core/dedup/keys.ts";
import { normalizeCompany } from "../../core/lead/normalize.ts";
import { addTimelineEntry } from "../../core/lead/timeline.ts";
import { emitEvents, type EventType } from "../../core/events/outbox.ts";
import { convertLead, planConversion } from "../../core/crm/convert.ts";
import { conversionRuleSchema } from "../../core/crm/conversion-rules.ts";
import { checkCustomFields, type RecordType } from "../../core/crm/custom-fields.ts";
import { pipelineStages, stageTasks } from "../../core/crm/stages.ts";
import { requireRole } from "../auth/require-user.ts";
import { parseFilter } from "./list-query.ts";
import type { Role } from "../types.ts";
import { resourceRoutes, type ResourceSpec } from "./resource.ts";
import { visibleLead } from "./lead-details.routes.ts";
import { recordTimeline } from "./record-timeline.ts";
import { onVisibleRecords } from "./records.resources.ts";
import { assertReferences, scopeOwned, visibleRows } from "../../core/access.ts";
import { optionalUuid } from "../../core/schemas.ts";

const ALL: Role[] = ["admin", "manager", "rep", "marketer"];
const SELLERS: Role[] = ["admin", "manager", "rep"];
const money = z.coerce.number().min(0).max(1e13).nullish();
const text = (max = 300) => z.string().trim().max(max).nullish();
const user = (req: Request) => req.user!;

const accountSchema = z.object({
  name: z.string().trim().min(1).max(300),
  type: z.enum(["customer", "prospect", "partner"]).optional(),
  industry: text(), company_size: text(50), annual_revenue: money, currency: z.string().length(3).optional(),
  gstin: z.string().trim().max(20).nullish().refine((g) => !g || taxKey(g).gstin !== null, "a GSTIN: 15 characters with a valid check character"),
  website: text(500), email_domain: text(200), phone: text(40), address: text(1000), city: text(), state: text(), country: text(100), postal_code: text(20),
  owner_id: optionalUuid, lifecycle_stage: text(50), is_active: z.boolean().optional(), custom_fields: z.record(z.string(), z.unknown()).optional(),
});
const contactSchema = z.object({
  account_id: optionalUuid, first_name: text(), last_name: text(), job_title: text(), role: z.enum(["decision_maker", "influencer", "user"]).nullish(),
  email: z.email().max(320).nullish(), phone: text(40), influence: z.number().int().min(0).max(10).nullish(), preferred_channel: z.enum(["whatsapp", "email", "phone"]).nullish(),
  is_primary: z.boolean().optional(), owner_id: optionalUuid, custom_fields: z.record(z.string(), z.unknown()).optional(),
});
const opportunitySchema = z.object({
  name: z.string().trim().min(1).max(300), value: money, currency: z.string().length(3).optional(), stage_id: z.uuid().optional(),
  probability: z.number().int().min(0).max(100).optional(), forecast_category: z.enum(["pipeline", "best_case", "commit", "closed", "omitted"]).optional(),
  expected_close: z.coerce.date().nullish(), loss_reason: text(500), account_id: optionalUuid, primary_contact_id: optionalUuid, owner_id: optionalUuid,
  custom_fields: z.record(z.string(), z.unknown()).optional(),
});
const stageSchema = z.object({
  name: z.string().trim().min(1).max(100), position: z.number().int().optional(), color: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional(),
  probability: z.number().int().min(0).max(100).optional(), is_won: z.boolean().optional(), is_lost: z.boolean().optional(),
  allowed_next: z.array(z.uuid()).max(50).optional(), task_templates: z.array(z.object({ title: z.string().trim().min(1).max(300), due_days: z.number().int().min(0).max(365).optional(), required: z.boolean().optional() })).max(20).optional(),
});
const taskSchema = z.object({
  title: z.string().trim().min(1).max(300), body: text(5000), due_at: z.coerce.date().nullish(), owner_id: optionalUuid,
  record_type: z.enum(["lead", "account", "contact", "opportunity"]), record_id: z.uuid(), done: z.boolean().optional(),
});
/** A board filter's value as the list takes it: one value, a list (IN) or null (IS NULL); "" means no filter. */
const filterValue = <T extends z.ZodType>(value: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.union([value, z.array(value).min(1).max(200), z.null()]).optional());
const name = filterValue(z.string().max(200));
export const opportunitySummaryFilter = z.object({
  owner_id: filterValue(z.uuid()), status: filterValue(z.enum(["open", "won", "lost"])), account_id: filterValue(z.uuid()),
  primary_contact_id: filterValue(z.uuid()), lead_id: filterValue(z.uuid()), forecast_category: filterValue(z.enum(["pipeline", "best_case", "commit", "closed", "omitted"])),
}).strict();
export const leadSummaryFilter = z.object({
  owner_id: filterValue(z.uuid()), team_id: filterValue(z.uuid()), partner_id: filterValue(z.uuid()), form_id: filterValue(z.uuid()),
  source: name, subsource: name, campaign: name, priority: name,
}).strict();
const RECORD_TABLES: Record<string, string> = { lead: "leads", account: "accounts", contact: "contacts", opportunity: "opportunities" };
const jsonCols = (d: Record<string, unknown>, cols: string[]) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, cols.includes(k) && v !== undefined && v !== null ? JSON.stringify(v) : v]));

/**
 * The CRM a lead converts into: accounts, contacts, opportunities (moved through the tenant's
 * pipeline stages, which refuse a move while required tasks are open), tasks, conversion rules,
 * and the conversion itself with its preview.
 */
export function crmRoutes(services: Services): Router {
  const r = Router();
  const { db, clock } = services;

  /** A record's custom fields checked against the tenant's definitions (always on create, on update when given), stored as JSON. */
  const custom = async (type: RecordType, d: Record<string, unknown>, req: Request, creating: boolean) => {
    if (creating || d.custom_fields !== undefined) await checkCustomFields(db, user(req).tenantId, type, d.custom_fields as Record<string, unknown> | undefined);
    return jsonCols(d, ["custom_fields"]);
  };

  const overridesSchema = z.object({ account_id: optionalUuid, opportunity_name: text(), value: money, stage_id: optionalUuid, owner_id: optionalUuid }).strict();
  /** A conversion's overrides name records: each is checked like any reference. */
  const overrides = async (req: Request, raw: unknown) => {
    const o = overridesSchema.parse(raw ?? {});
    await assertReferences(db, user(req), [
      { column: "account_id", table: "accounts", ids: [o.account_id] },
      { column: "stage_id", table: "pipeline_stages", ids: [o.stage_id] },
      { column: "owner_id", table: "users", ids: [o.owner_id] },
    ]);
    return o;
  };
  r.get("/leads/:id/convert/preview", requireRole(...SELLERS), async (req, res) => {
    const { id } = await visibleLead(services, req, String(req.params.id));
    const lead = await db("leads").where("id", id).first();
    res.json(await planConversion(db, user(req).tenantId, lead, await overrides(req, req.query)));
  });
  r.post("/leads/:id/convert", requireRole(...SELLERS), async (req, res) => {
    const { id } = await visibleLead(services, req, String(req.params.id));
    const chosen = await overrides(req, req.body);
    const out = await db.transaction((trx) => convertLead(trx, { tenantId: user(req).tenantId, leadId: id, userId: user(req).id, now: clock.now(), why: "Converted by hand", overrides: chosen }));
    const { created, ...ids } = out;
    res.status(created ? 201 : 200).json(ids);
  });

  /**
   * A board's column figures: one GROUP BY over the rows its list would show (the tenant's, not
   * deleted, a rep's own only), filtered the same way, so a header is exact however few cards are loaded.
   */
  const boardSummary = (table: string, group: string, sum: string, filterSchema: z.ZodType<Record<string, unknown>>) => async (req: Request, res: Response) => {
    const filter = parseFilter(req.query as Record<string, unknown>, filterSchema, {});
    const q = scopeOwned(db(table).where("tenant_id", user(req).tenantId).whereNull("deleted_at"), "owner_id", user(req));
    for (const [key, value] of Object.entries(filter)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) q.whereIn(key, value);
      else if (value === null) q.whereNull(key);
      else q.where(key, value as string);
    }
    res.json(await q.groupBy(group).orderBy(group).select(group, db.raw("count(*)::int as count"), db.raw("coalesce(sum(??), 0) as ??", [sum, sum])));
  };
  // Before the resources' /:id, which would take "summary" for an id.
  r.get("/opportunities/summary", boardSummary("opportunities", "stage_id", "value", opportunitySummaryFilter));
  r.get("/leads/summary", boardSummary("leads", "status", "budget", leadSummaryFilter));

  // One story per record: its activities, tasks, stage moves, and its leads' submissions, emails and scores.
  for (const [path, type, table] of [["accounts", "account", "accounts"], ["contacts", "contact", "contacts"], ["opportunities", "opportunity", "opportunities"]] as const) {
    r.get(`/${path}/:id/timeline`, async (req, res) => {
      const id = String(req.params.id);
      if (!z.uuid().safeParse(id).success || !(await visibleRows(db, table, [id], user(req)).first("id"))) throw notFound(type);
      res.json(await recordTimeline(db, user(req), type, id));
    });
  }

  r.use("/accounts", resourceRoutes(services, {
    name: "accounts", table: "accounts",
    columns: ["id", "name", "type", "industry", "company_size", "annual_revenue", "currency", "gstin", "website", "email_domain", "phone", "address", "city", "state", "country",
      "postal_code", "owner_id", "health_score", "health_reasons", "lifecycle_stage", "is_active", "custom_fields", "created_by", "created_at", "updated_at"],
    filters: ["type", "industry", "owner_id", "lifecycle_stage", "is_active", "city", "state", "gstin", "email_domain"],
    ranges: ["created_at", "annual_revenue", "health_score"],
    sortable: ["name", "created_at", "updated_at", "annual_revenue", "health_score", "type"],
    defaultSort: ["name", "asc"], search: { ilike: ["name", "gstin", "email_domain", "city"] }, readRoles: ALL, writeRoles: SELLERS,
    refs: { owner_id: "users" },
    create: { schema: accountSchema, toRow: async (d, req) => ({ ...(await custom("account", d, req, true)), gstin: taxKey(d.gstin as string).gstin, name_key: normalizeCompany(d.name as string), created_by: user(req).id }) },
    update: { schema: accountSchema.partial(), toRow: async (d, _before, req) => ({ ...(await custom("account", d, req, false)), ...(d.gstin !== undefined ? { gstin: taxKey(d.gstin as string).gstin } : {}), ...(d.name ? { name_key: normalizeCompany(d.name as string) } : {}) }) },
    deletable: true,
  }));

  r.use("/contacts", resourceRoutes(services, {
    name: "contacts", table: "contacts",
    columns: ["id", "account_id", "first_name", "last_name", "job_title", "role", "email", "phone", "phone_e164", "influence", "preferred_channel", "is_primary", "lead_id", "owner_id", "custom_fields", "created_at", "updated_at"],
    filters: ["account_id", "role", "is_primary", "owner_id", "lead_id", "preferred_channel"], ranges: ["created_at"],
    sortable: ["last_name", "first_name", "created_at", "updated_at"], defaultSort: ["created_at", "desc"], search: { ilike: ["first_name", "last_name", "email", "phone"] },
    readRoles: ALL, writeRoles: SELLERS, refs: { account_id: "accounts", owner_id: "users" },
    create: { schema: contactSchema, toRow: async (d, req) => ({ ...(await custom("contact", d, req, true)), email_canonical: (d.email as string | undefined)?.toLowerCase() ?? null }) },
    update: { schema: contactSchema.partial(), toRow: async (d, _before, req) => ({ ...(await custom("contact", d, req, false)), ...(d.email !== undefined ? { email_canonical: (d.email as string | null)?.toLowerCase() ?? null } : {}) }) },
    deletable: true,
  }));

  /** A move into another stage: allowed from the current one, and no required task of the current stage open. */
  const checkMove = async (tenantId: string, before: Record<string, unknown>, toStageId: string) => {
    const stages = await pipelineStages(db, tenantId);
    const from = stages.find((s) => s.id === before.stage_id);
    const to = stages.find((s) => s.id === toStageId);
    if (!to) throw unprocessable("crm_unknown_stage", "stage_id is not a stage of this pipeline");
    if (from?.allowed_next.length && !from.allowed_next.includes(to.id)) {
      throw conflict("crm_stage_not_allowed", `a deal in ${from.name} cannot move to ${to.name}`, { allowed: stages.filter((s) => from.allowed_next.includes(s.id)).map((s) => s.name) });
    }
    const open = await db("tasks").where({ tenant_id: tenantId, record_type: "opportunity", record_id: before.id as string, required: true }).whereNull("done_at").whereNull("deleted_at").select("id", "title");
    if (open.length) throw conflict("crm_required_tasks_open", `finish ${open.map((t) => `"${t.title}"`).join(", ")} before moving to ${to.name}`, { tasks: open });
    return to;
  };
  const stageFields = (to: { probability: number; is_won: boolean; is_lost: boolean }, d: Record<string, unknown>, now: Date) => ({
    probability: d.probability ?? to.probability,
    status: to.is_won ? "won" : to.is_lost ? "lost" : "open",
    ...(to.is_won || to.is_lost ? { actual_close: now, forecast_category: to.is_won ? "closed" : "omitted" } : { actual_close: null }),
    stage_changed_at: now,
  });

  r.use("/opportunities", resourceRoutes(services, {
    name: "opportunities", table: "opportunities",
    columns: ["id", "name", "value", "currency", "stage_id", "probability", "forecast_category", "expected_close", "actual_close", "status", "loss_reason", "account_id",
      "primary_contact_id", "lead_id", "owner_id", "custom_fields", "stage_changed_at", "created_at", "updated_at"],
    filters: ["stage_id", "status", "owner_id", "account_id", "primary_contact_id", "lead_id", "forecast_category"], ranges: ["value", "expected_close", "created_at"],
    sortable: ["name", "value", "expected_close", "created_at", "updated_at", "probability", "stage_changed_at"], defaultSort: ["created_at", "desc"], search: { ilike: ["name"] },
    readRoles: ALL, writeRoles: SELLERS, refs: { account_id: "accounts", primary_contact_id: "contacts", owner_id: "users", stage_id: "pipeline_stages" },
    scope: (q, req) => void scopeOwned(q, "opportunities.owner_id", user(req)),
    create: {
      schema: opportunitySchema,
      toRow: async (d, req) => {
        const stages = await pipelineStages(db, user(req).tenantId);
        const stage = stages.find((s) => s.id === d.stage_id) ?? stages.find((s) => !s.is_won && !s.is_lost)!;
        return { ...(await custom("opportunity", d, req, true)), stage_id: stage.id, ...stageFields(stage, d, clock.now()), owner_id: d.owner_id ?? user(req).id };
      },
    },
    update: {
      schema: opportunitySchema.partial(),
      toRow: async (d, before, req) => {
        const row = await custom("opportunity", d, req, false);
        if (!d.stage_id || d.stage_id === before.stage_id) return row;
        return { ...row, ...stageFields(await checkMove(user(req).tenantId, before, d.stage_id as string), d, clock.now()) };
      },
    },
    deletable: true,
    afterWrite: async (trx, { action, before, after }, req) => {
      if (action === "delete" || (action === "update" && before!.stage_id === after.stage_id)) return;
      const now = clock.now();
      const stage = (await pipelineStages(trx, user(req).tenantId)).find((s) => s.id === after.stage_id)!;
      await trx("stage_history").insert({ tenant_id: user(req).tenantId, opportunity_id: after.id, from_stage_id: before?.stage_id ?? null, to_stage_id: stage.id, changed_by: user(req).id, created_at: now });
      const tasks = stageTasks(stage, { tenantId: user(req).tenantId, opportunityId: after.id as string, ownerId: (after.owner_id as string) ?? null, now });
      if (tasks.length) await trx("tasks").insert(tasks);
      await addTimelineEntry(trx, user(req).tenantId, after.id as string, now, { recordType: "opportunity", action: "opportunity.stage_changed", title: `Moved to ${stage.name}`, actorUserId: user(req).id, data: { from: before?.stage_id ?? null, to: stage.id } });
      const event = (type: EventType) => ({ tenantId: user(req).tenantId, type, recordType: "opportunity" as const, recordId: after.id as string, now, payload: { ...after, stage: stage.name, from_stage_id: before?.stage_id ?? null } });
      await emitEvents(trx, [
        event(action === "create" ? "opportunity.created" : "opportunity.stage_changed"),
        ...(stage.is_won ? [event("opportunity.won")] : stage.is_lost ? [event("opportunity.lost")] : []),
      ]);
    },
  }));

  r.use("/pipeline_stages", (req, _res, next) => {
    // The default pipeline exists before anyone lists it.
    void pipelineStages(db, user(req).tenantId).then(() => next(), next);
  }, resourceRoutes(services, {
    name: "pipeline_stages", table: "pipeline_stages",
    columns: ["id", "name", "position", "color", "probability", "is_won", "is_lost", "allowed_next", "task_templates", "created_at", "updated_at"],
    filters: ["is_won", "is_lost"], sortable: ["position", "name"], defaultSort: ["position", "asc"], readRoles: ALL, writeRoles: ["admin"], refs: { allowed_next: "pipeline_stages" },
    create: { schema: stageSchema, toRow: (d) => ({ ...jsonCols(d, ["task_templates"]), position: d.position ?? 1000 }) },
    update: { schema: stageSchema.partial(), toRow: (d) => jsonCols(d, ["task_templates"]) },
    deletable: true,
  }));

  r.use("/tasks", resourceRoutes(services, {
    name: "tasks", table: "tasks",
    columns: ["id", "title", "body", "due_at", "owner_id", "record_type", "record_id", "stage_id", "required", "done_at", "created_by", "created_at", "updated_at"],
    filters: ["owner_id", "record_type", "record_id", "required", "stage_id", "done_at"], ranges: ["due_at", "created_at"],
    sortable: ["due_at", "created_at", "title"], defaultSort: ["due_at", "asc"], search: { ilike: ["title", "body"] }, readRoles: ALL, writeRoles: ALL,
    refs: { owner_id: "users", record_id: (d, before) => RECORD_TABLES[String(d.record_type ?? before?.record_type)] },
    // As the timelines, and the tasks assigned to the rep.
    scope: onVisibleRecords("tasks", "owner_id"),
    create: { schema: taskSchema, toRow: (d, req) => { const { done, ...rest } = d; return { ...rest, done_at: done ? clock.now() : null, owner_id: d.owner_id ?? user(req).id, created_by: user(req).id }; } },
    update: { schema: taskSchema.partial(), toRow: (d) => { const { done, ...rest } = d; return { ...rest, ...(done === undefined ? {} : { done_at: done ? clock.now() : null }) }; } },
    deletable: true,
  }));

  r.use("/conversion_rules", resourceRoutes(services, {
    name: "conversion_rules", table: "conversion_rules",
    columns: ["id", "name", "condition", "active", "created_by", "created_at", "updated_at"],
    filters: ["active"], sortable: ["name", "created_at"], defaultSort: ["created_at", "asc"], readRoles: ALL, writeRoles: ["admin"],
    create: { schema: conversionRuleSchema, toRow: (d, req) => ({ ...jsonCols(d, ["condition"]), created_by: user(req).id }) },
    update: { schema: conversionRuleSchema.partial(), toRow: (d) => jsonCols(d, ["condition"]) },
    deletable: true,
    // Workers cache the rules by this number (intake checks every new lead against them).
    afterWrite: async (trx, _change, req) => void (await trx("tenants").where("id", user(req).tenantId).increment("conversion_version", 1)),
  }));
  return r;
}

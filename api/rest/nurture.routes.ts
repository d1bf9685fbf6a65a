import { Router, type Request } from "express";
import { scopeByLead } from "../../core/access.ts";
import type { Knex } from "knex";
import { z } from "zod";
import type { Services } from "../../core/services.ts";
import { audit } from "./audit.ts";
import { conflict, notFound, unprocessable } from "../../core/errors.ts";
import { checkSteps, sameSteps, sequenceSchema, type Step, type StepInput } from "../../core/nurture/sequence.ts";
import { enrolLeads, exitEnrollments, suppressEmail, type DueStep } from "../../core/nurture/enrol.ts";
import { bumpNurtureVersion } from "../../core/nurture/enrol-rules.ts";
import { nurtureSettingsFrom, nurtureSettingsSchema } from "../../core/nurture/settings.ts";
import { parseTemplate, renderEmail, templateVars } from "../../core/nurture/templates.ts";
import { scheduleSoon } from "../../core/nurture/schedule.ts";
import { requireRole } from "../auth/require-user.ts";
import { applyFilter, resourceRoutes } from "./resource.ts";
import { leadsResource } from "./leads.resource.ts";

const user = (req: Request) => req.user!;
const uuid = (id: unknown, what: string): string => {
  if (typeof id !== "string" || !z.uuid().safeParse(id).success) throw notFound(what);
  return id;
};
const WRITERS = ["admin", "manager", "marketer"] as const;

const SEQUENCE_COLUMNS = ["id", "name", "description", "status", "version", "enrol_rule", "quiet_hours", "created_by", "created_at", "updated_at"];
const STEP_COLUMNS = ["step", "type", "name", "delay_minutes", "business_days", "until_time", "subject", "body_text", "body_html", "task_title", "task_body", "task_due_hours", "condition", "then_step", "else_step"];
const EMAIL_COLUMNS = [
  "id", "lead_id", "enrollment_id", "sequence_id", "step", "direction", "message_id", "from_address", "to_address", "subject", "status", "due_at", "sent_at",
  "opened_at", "clicked_at", "replied_at", "unsubscribed_at", "bounced_at", "open_count", "click_count", "error", "created_at", "updated_at",
];

/**
 * checkSteps parses an email's templates; a task's title and body are rendered by the same engine,
 * so a file tag or unknown tag there is refused at save time too.
 */
function checkedSteps(steps: StepInput[]): Step[] {
  const problems = steps.flatMap((s, i) =>
    s.type !== "task" ? [] : (["task_title", "task_body"] as const).flatMap((f) => {
      const err = s[f] ? parseTemplate(s[f]) : null;
      return err ? [{ step: i + 1, message: `${f}: ${err}` }] : [];
    }));
  if (problems.length) throw unprocessable("invalid_template", problems.map((p) => `step ${p.step}: ${p.message}`).join("; "), problems);
  return checkSteps(steps);
}

/** Rows of a lead, as the visibility rule lets the caller see them. */
const ownLeads = (column: string) => (q: Knex.QueryBuilder, req: Request) => void scopeByLead(q, column, req.user!);

/** Drip sequences: their versioned steps, enrolments, the mail log, suppressions, settings and stats. */
export function nurtureRoutes(services: Services): Router {
  const r = Router();
  const { db, clock } = services;
  const leadSpec = leadsResource(services);

  const stepsOf = (conn: Knex, sequenceId: string, version: number): Promise<Step[]> =>
    conn("sequence_steps").where({ sequence_id: sequenceId, version }).orderBy("step").select(STEP_COLUMNS);
  const sequenceOf = async (req: Request, id: unknown, conn: Knex = db, opts: { lock?: boolean } = {}) => {
    const q = conn("sequences").where({ id: uuid(id, "sequence"), tenant_id: user(req).tenantId }).whereNull("deleted_at");
    if (opts.lock) q.forUpdate();
    const row = await q.first(SEQUENCE_COLUMNS);
    if (!row) throw notFound("sequence");
    return row;
  };
  const withSteps = async (row: Record<string, unknown>, conn: Knex = db) => ({ ...row, steps: await stepsOf(conn, row.id as string, row.version as number) });
  const insertSteps = (trx: Knex, tenantId: string, sequenceId: string, version: number, steps: Step[]) =>
    trx("sequence_steps").insert(steps.map((s) => ({ ...s, condition: s.condition ? JSON.stringify(s.condition) : null, tenant_id: tenantId, sequence_id: sequenceId, version })));
  const json = (v: unknown) => (v == null ? null : JSON.stringify(v));

  // ---- sequences -----------------------------------------------------------------------------------
  // Renders templates of the caller's choosing: for those who may write them, never a rep.
  r.post("/sequences/preview", requireRole(...WRITERS), async (req, res) => {
    const d = z.object({ subject: z.string().max(998).nullish(), body_text: z.string().max(200_000).nullish(), body_html: z.string().max(500_000).nullish(), lead_id: z.uuid() }).parse(req.body ?? {});
    checkSteps([{ type: "email", subject: d.subject || " ", body_text: d.body_text, body_html: d.body_html ?? (d.body_text ? null : " ") }]);
    const q = db("leads").where({ "leads.tenant_id": user(req).tenantId, "leads.id": d.lead_id }).whereNull("leads.deleted_at");
    leadSpec.scope?.(q, req);
    const lead = await q.first();
    if (!lead) throw notFound("lead");
    const [owner, tenant] = await Promise.all([lead.owner_id ? db("users").where("id", lead.owner_id).first("name", "email", "phone") : null, db("tenants").where("id", user(req).tenantId).first("name")]);
    const rendered = await renderEmail({ subject: d.subject ?? "", body_text: d.body_text ?? null, body_html: d.body_html ?? null }, templateVars(lead, owner, tenant, `${services.config.publicUrl}/u/preview`));
    res.json(rendered);
  });

  r.post("/sequences", requireRole(...WRITERS), async (req, res) => {
    const d = sequenceSchema.parse(req.body ?? {});
    const steps = checkedSteps(d.steps);
    const created = await db.transaction(async (trx) => {
      const [row] = await trx("sequences")
        .insert({ tenant_id: user(req).tenantId, name: d.name, description: d.description ?? null, status: d.status ?? "active", version: 1, enrol_rule: json(d.enrol_rule), quiet_hours: json(d.quiet_hours), created_by: user(req).id })
        .returning(SEQUENCE_COLUMNS);
      await insertSteps(trx, user(req).tenantId, row.id, 1, steps);
      await bumpNurtureVersion(trx, user(req).tenantId);
      await audit(trx, req, "create", "sequences", row.id, { name: d.name, steps: steps.length });
      return withSteps(row, trx);
    });
    res.status(201).json(created);
  });

  r.get("/sequences/:id", async (req, res, next) => {
    // Not an id ("export.csv"): the resource routes below answer it.
    if (!z.uuid().safeParse(req.params.id).success) return next();
    res.json(await withSteps(await sequenceOf(req, req.params.id)));
  });

  r.put("/sequences/:id", requireRole(...WRITERS), async (req, res) => {
    const d = sequenceSchema.partial().parse(req.body ?? {});
    const updated = await db.transaction(async (trx) => {
      const before = await sequenceOf(req, req.params.id, trx, { lock: true });
      let version = before.version as number;
      if (d.steps) {
        const steps = checkedSteps(d.steps);
        // Enrolled leads keep walking the version they started; new ones take the new steps.
        if (!sameSteps(steps, await stepsOf(trx, before.id, version))) {
          version += 1;
          await insertSteps(trx, user(req).tenantId, before.id, version, steps);
        }
      }
      const [row] = await trx("sequences")
        .where("id", before.id)
        .update({
          ...(d.name !== undefined && { name: d.name }), ...(d.description !== undefined && { description: d.description }), ...(d.status && { status: d.status }),
          ...(d.enrol_rule !== undefined && { enrol_rule: json(d.enrol_rule) }), ...(d.quiet_hours !== undefined && { quiet_hours: json(d.quiet_hours) }),
          version, updated_at: clock.now(),
        })
        .returning(SEQUENCE_COLUMNS);
      await bumpNurtureVersion(trx, user(req).tenantId);
      await audit(trx, req, "update", "sequences", row.id, { version, fields: Object.keys(d) });
      return withSteps(row, trx);
    });
    res.json(updated);
  });

  r.delete("/sequences/:id", requireRole(...WRITERS), async (req, res) => {
    const row = await db.transaction(async (trx) => {
      const before = await sequenceOf(req, req.params.id, trx);
      const [row] = await trx("sequences").where("id", before.id).update({ deleted_at: clock.now(), status: "archived", updated_at: clock.now() }).returning(SEQUENCE_COLUMNS);
      const active: string[] = await trx("enrollments").where({ sequence_id: before.id, status: "active" }).pluck("id");
      await exitEnrollments(trx, { tenantId: user(req).tenantId, enrollmentIds: active, reason: "manual", now: clock.now(), userId: user(req).id, detail: "sequence deleted" });
      await bumpNurtureVersion(trx, user(req).tenantId);
      await audit(trx, req, "delete", "sequences", before.id, { name: before.name });
      return row;
    });
    res.json(row);
  });

  r.get("/sequences/:id/stats", async (req, res) => {
    const seq = await sequenceOf(req, req.params.id);
    res.json(await sequenceStats(db, user(req).tenantId, seq, req.query as Record<string, unknown>));
  });

  r.post("/sequences/:id/enroll", requireRole("admin", "manager", "marketer", "rep"), async (req, res) => {
    const d = z.object({ lead_ids: z.array(z.uuid()).max(100_000).optional(), filter: z.record(z.string(), z.unknown()).optional() }).strict().parse(req.body ?? {});
    if (!d.lead_ids && !d.filter) throw unprocessable("enroll_nothing_chosen", "give lead_ids or a leads filter");
    const seq = await sequenceOf(req, req.params.id);
    // The leads the caller may see (a rep: their own), chosen by id or by the leads list's filter.
    const q = db("leads").where("leads.tenant_id", user(req).tenantId).whereNull("leads.deleted_at");
    leadSpec.scope?.(q, req);
    if (d.lead_ids) q.whereIn("leads.id", d.lead_ids);
    if (d.filter) applyFilter(leadSpec, q, d.filter);
    const ids: string[] = await q.limit(100_000).pluck("leads.id");
    const result = await db.transaction(async (trx) => {
      const out = { enrolled: [] as DueStep[], skipped: {} as Record<string, number> };
      for (let i = 0; i < ids.length; i += 5_000) {
        const part = await enrolLeads(trx, { tenantId: user(req).tenantId, sequence: seq, leadIds: ids.slice(i, i + 5_000), source: "manual", userId: user(req).id, now: clock.now() });
        out.enrolled.push(...part.enrolled);
        for (const [k, n] of Object.entries(part.skipped)) out.skipped[k] = (out.skipped[k] ?? 0) + n;
      }
      return out;
    });
    await scheduleSoon(services.queues, clock, services.log, result.enrolled);
    const skipped = Object.values(result.skipped).reduce((a, b) => a + b, 0);
    res.json({ matched: ids.length, enrolled: result.enrolled.length, skipped, skipped_by_reason: result.skipped });
  });

  r.use("/sequences", resourceRoutes(services, {
    name: "sequences", table: "sequences", columns: SEQUENCE_COLUMNS, filters: ["status"], sortable: ["created_at", "updated_at", "name", "status"],
    search: { ilike: ["name", "description"] },
  }));
  r.use("/sequence_steps", resourceRoutes(services, {
    name: "sequence_steps", table: "sequence_steps", columns: ["id", "sequence_id", "version", ...STEP_COLUMNS, "created_at"], filters: ["sequence_id", "version", "type"],
    sortable: ["step", "version", "created_at"], defaultSort: ["step", "asc"], softDeletes: false,
  }));

  // ---- enrolments ----------------------------------------------------------------------------------
  const enrollmentColumns = ["id", "lead_id", "sequence_id", "sequence_version", "status", "exit_reason", "current_step", "next_run_at", "source", "enrolled_by", "enrolled_at", "completed_at", "exited_at", "created_at", "updated_at"];
  const enrollmentOf = async (req: Request, id: unknown, conn: Knex = db) => {
    const q = conn("enrollments").where({ id: uuid(id, "enrollment"), tenant_id: user(req).tenantId });
    ownLeads("lead_id")(q, req);
    const row = await q.first(enrollmentColumns);
    if (!row) throw notFound("enrollment");
    return row;
  };

  r.post("/enrollments", requireRole("admin", "manager", "marketer", "rep"), async (req, res) => {
    // The console says "manual"; anything else calling the API is "api".
    const d = z.object({ lead_id: z.uuid(), sequence_id: z.uuid(), source: z.enum(["manual", "api"]).default("api") }).strict().parse(req.body ?? {});
    const seq = await sequenceOf(req, d.sequence_id);
    const lead = db("leads").where({ id: d.lead_id, tenant_id: user(req).tenantId }).whereNull("deleted_at");
    leadSpec.scope?.(lead, req);
    if (!(await lead.first("id"))) throw notFound("lead");
    const out = await db.transaction(async (trx) => {
      const r = await enrolLeads(trx, { tenantId: user(req).tenantId, sequence: seq, leadIds: [d.lead_id], source: d.source, userId: user(req).id, now: clock.now(), keepBlocked: true });
      const id = r.enrolled[0]?.enrollmentId ?? r.exited[0]?.enrollmentId;
      if (!id) {
        if (r.skipped.already_enrolled) throw conflict("already_enrolled", "the lead is already active in this sequence");
        throw unprocessable("sequence_not_active", `the sequence is ${seq.status}`, r.skipped);
      }
      return { row: await enrollmentOf(req, id, trx), due: r.enrolled };
    });
    await scheduleSoon(services.queues, clock, services.log, out.due);
    res.status(201).json(out.row);
  });

  const stop = async (req: Request) => {
    const e = await enrollmentOf(req, req.params.id);
    await db.transaction((trx) => exitEnrollments(trx, { tenantId: user(req).tenantId, enrollmentIds: [e.id], reason: "manual", now: clock.now(), userId: user(req).id }));
    return enrollmentOf(req, e.id);
  };
  r.put("/enrollments/:id", requireRole("admin", "manager", "marketer", "rep"), async (req, res) => {
    // react-admin sends the whole record back: stopping is the one change a person may make.
    z.object({ status: z.literal("exited") }).parse({ status: req.body?.status });
    res.json(await stop(req));
  });
  r.post("/enrollments/:id/exit", requireRole("admin", "manager", "marketer", "rep"), async (req, res) => res.json(await stop(req)));
  r.use("/enrollments", resourceRoutes(services, {
    name: "enrollments", table: "enrollments", columns: enrollmentColumns, filters: ["lead_id", "sequence_id", "status", "exit_reason", "source", "current_step"],
    ranges: ["enrolled_at", "next_run_at"], sortable: ["enrolled_at", "next_run_at", "status", "current_step", "updated_at", "created_at"], defaultSort: ["enrolled_at", "desc"],
    softDeletes: false, scope: ownLeads("enrollments.lead_id"),
  }));

  // ---- the mail log --------------------------------------------------------------------------------
  r.post("/email_messages/:id/reconcile", requireRole("admin", "manager", "marketer"), async (req, res) => {
    const d = z.object({ outcome: z.enum(["sent", "not_sent"]) }).strict().parse(req.body ?? {});
    const [row] = await db.transaction(async (trx) => {
      const updated = await trx("email_messages")
        .where({ id: uuid(req.params.id, "email message"), tenant_id: user(req).tenantId, status: "unknown" })
        .update({ status: d.outcome, sent_at: d.outcome === "sent" ? trx.raw("coalesce(sent_at, created_at)") : null, updated_at: clock.now() })
        .returning(EMAIL_COLUMNS);
      if (updated.length) await audit(trx, req, "reconcile", "email_messages", updated[0].id, { outcome: d.outcome });
      return updated;
    });
    if (!row) {
      const exists = await db("email_messages").where({ id: req.params.id, tenant_id: user(req).tenantId }).first("status");
      if (!exists) throw notFound("email message");
      throw conflict("email_not_unknown", `only a mail whose outcome is unknown can be settled; this one is ${exists.status}`);
    }
    res.json(row);
  });
  r.use("/email_messages", resourceRoutes(services, {
    name: "email_messages", table: "email_messages", columns: [...EMAIL_COLUMNS, "body_text", "body_html"],
    filters: ["lead_id", "enrollment_id", "sequence_id", "status", "direction", "step"], ranges: ["created_at", "sent_at"],
    sortable: ["created_at", "sent_at", "status", "subject", "due_at"], defaultSort: ["created_at", "desc"], softDeletes: false, scope: ownLeads("email_messages.lead_id"),
  }));

  // ---- suppressions --------------------------------------------------------------------------------
  r.post("/suppressions", requireRole("admin", "manager", "marketer"), async (req, res) => {
    const d = z.object({ email: z.email().max(320), reason: z.enum(["manual", "complained", "unsubscribed", "bounced"]).default("manual"), note: z.string().max(500).nullish() }).strict().parse(req.body ?? {});
    const row = await db.transaction(async (trx) => {
      await suppressEmail(trx, { tenantId: user(req).tenantId, email: d.email, reason: d.reason, userId: user(req).id, now: clock.now(), note: d.note ?? undefined });
      const row = await trx("suppressions").where({ tenant_id: user(req).tenantId, email: d.email.trim().toLowerCase() }).first();
      await audit(trx, req, "create", "suppressions", row.id, { email: row.email, reason: row.reason });
      return row;
    });
    res.status(201).json(row);
  });
  r.delete("/suppressions/:id", requireRole("admin", "manager"), async (req, res) => {
    // A person asked to get mail again: the row goes (the audit log keeps who lifted it and when).
    const row = await db.transaction(async (trx) => {
      const [row] = await trx("suppressions").where({ id: uuid(req.params.id, "suppression"), tenant_id: user(req).tenantId }).delete().returning("*");
      if (!row) throw notFound("suppression");
      // An erased person's objection (GDPR) lives on only as this hash: lifting it would mail someone who asked to be forgotten.
      if (row.reason === "erased") throw conflict("suppression_erased_person", "this suppression keeps an erased person's objection and cannot be lifted");
      await audit(trx, req, "delete", "suppressions", row.id, { email: row.email, reason: row.reason });
      return row;
    });
    res.json(row);
  });
  r.use("/suppressions", resourceRoutes(services, {
    name: "suppressions", table: "suppressions", columns: ["id", "email", "reason", "lead_id", "email_message_id", "created_by", "note", "created_at", "updated_at"],
    filters: ["reason", "lead_id"], ranges: ["created_at"], sortable: ["created_at", "email", "reason"], search: { ilike: ["email"] }, softDeletes: false,
    readRoles: ["admin", "manager", "marketer"],
  }));

  // ---- settings ------------------------------------------------------------------------------------
  r.get("/nurture/settings", async (req, res) => {
    const t = await db("tenants").where("id", user(req).tenantId).first(db.raw("settings->'nurture' as v"));
    res.json(nurtureSettingsFrom(t.v));
  });
  r.put("/nurture/settings", requireRole("admin"), async (req, res) => {
    const current = nurtureSettingsFrom((await db("tenants").where("id", user(req).tenantId).first(db.raw("settings->'nurture' as v"))).v);
    const body = nurtureSettingsSchema.partial().parse(req.body ?? {});
    const value = nurtureSettingsSchema.parse({ ...current, ...body });
    await db.transaction(async (trx) => {
      await trx("tenants").where("id", user(req).tenantId).update({ settings: trx.raw(`jsonb_set(settings, '{nurture}', ?::jsonb)`, [JSON.stringify(value)]), updated_at: clock.now() });
      await audit(trx, req, "update", "nurture_settings", user(req).tenantId, value);
    });
    res.json(value);
  });
  return r;
}

/** A sequence's numbers: enrolments by state and exit, mail by outcome, per step and per day. */
export async function sequenceStats(db: Knex, tenantId: string, sequence: { id: string; version: number }, query: Record<string, unknown>) {
  const sequenceId = sequence.id;
  const range = z.object({ from: z.iso.date().or(z.iso.datetime()).optional(), to: z.iso.date().or(z.iso.datetime()).optional() }).parse({ from: query.from, to: query.to });
  const inRange = (q: Knex.QueryBuilder, column: string) => {
    if (range.from) q.where(column, ">=", range.from);
    if (range.to) q.where(column, "<", range.to.length === 10 ? db.raw("?::date + 1", [range.to]) : range.to);
    return q;
  };
  const e = inRange(db("enrollments").where({ tenant_id: tenantId, sequence_id: sequenceId }), "enrolled_at");
  const m = inRange(db("email_messages").where({ tenant_id: tenantId, sequence_id: sequenceId }), "created_at");
  const [enrolments, exits, mail, steps, daily] = await Promise.all([
    e.clone().first(db.raw(`count(*)::int AS enrolled, count(*) FILTER (WHERE status = 'active')::int AS active,
      count(*) FILTER (WHERE status = 'completed')::int AS completed, count(*) FILTER (WHERE status = 'exited')::int AS exited`)),
    e.clone().where("status", "exited").groupBy("exit_reason").select("exit_reason", db.raw("count(*)::int AS n")),
    m.clone().first(db.raw(`count(*) FILTER (WHERE status IN ('sent', 'bounced'))::int AS sent, count(opened_at)::int AS opened, count(clicked_at)::int AS clicked,
      count(replied_at)::int AS replied, count(unsubscribed_at)::int AS unsubscribed, count(*) FILTER (WHERE status = 'bounced')::int AS bounced,
      count(*) FILTER (WHERE status = 'unknown')::int AS unknown, count(*) FILTER (WHERE status = 'failed')::int AS failed`)),
    m.clone().groupBy("step").orderBy("step").select("step", db.raw(`count(*) FILTER (WHERE status IN ('sent', 'bounced'))::int AS sent, count(opened_at)::int AS opened,
      count(clicked_at)::int AS clicked, count(replied_at)::int AS replied`)),
    m.clone().whereNotNull("sent_at").groupByRaw("1").orderByRaw("1").select(db.raw(`to_char(date_trunc('day', sent_at), 'YYYY-MM-DD') AS date, count(*)::int AS sent,
      count(opened_at)::int AS opened, count(clicked_at)::int AS clicked, count(replied_at)::int AS replied`)),
  ]);
  const exitsBy = Object.fromEntries(exits.map((x: { exit_reason: string; n: number }) => [x.exit_reason, x.n]));
  const types = new Map((await db("sequence_steps").where({ sequence_id: sequenceId, version: sequence.version }).select("step", "type")).map((s) => [s.step, s.type]));
  return {
    ...enrolments, ...mail,
    unsubscribed: Math.max(mail.unsubscribed, exitsBy.unsubscribed ?? 0),
    converted: exitsBy.converted ?? 0,
    exits: exitsBy,
    steps: steps.map((s: { step: number }) => ({ ...s, type: types.get(s.step) ?? "email" })),
    daily,
  };
}

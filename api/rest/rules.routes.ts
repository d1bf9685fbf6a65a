import { audit } from "./audit.ts";
import { writeAudit } from "../../core/audit.ts";
import { Router, type Request } from "express";
import { z } from "zod";
import type { Services } from "../../core/services.ts";
import { unprocessable } from "../../core/errors.ts";
import { openLeadCounts } from "../../core/assignment/open-leads.ts";
import { jobId } from "../../core/queues.ts";
import { availability, pickRep, type Rep } from "../../core/assignment/pick.ts";
import { assignmentRuleSchema, assignmentSettingsFrom, assignmentSettingsSchema, compileAssignmentRules, type AssignmentRule } from "../../core/assignment/rules.ts";
import { conditionFields, conditionSchema, explainCondition } from "../../core/rules/condition.ts";
import { bumpRuleVersion, loadAssignmentRules, loadScoringRules, type RuleKind } from "../../core/rules/rule-sets.ts";
import { BEHAVIOURS, compileScoringRules, DEFAULT_SCORING_SETTINGS, scoreOf, scoringRuleSchema, scoringSettingsFrom, scoringSettingsSchema, type ScoringRule } from "../../core/scoring/score.ts";
import { requireRole } from "../auth/require-user.ts";
import type { Role } from "../types.ts";
import { resourceRoutes, type ResourceSpec } from "./resource.ts";
import { visibleLead } from "./lead-details.routes.ts";
import { leadDisplayName } from "../../core/lead/record.ts";

const EDITORS: Role[] = ["admin", "manager"];
/** Who changes the rules themselves (issue 10, promise 7: only admins manage rules); editors preview and re-run them. */
const RULE_OWNERS: Role[] = ["admin"];
const READERS: Role[] = ["admin", "manager", "marketer", "rep"];
const REP_COLUMNS = ["id", "name", "email", "weight", "capacity", "working_hours", "time_zone", "out_of_office", "notify_new_leads", "team_id"];

const issues = (e: z.ZodError) => e.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
const parse = <T,>(schema: z.ZodType<T>, body: unknown, code: string, what: string): T => {
  const p = schema.safeParse(body ?? {});
  if (!p.success) throw unprocessable(code, `${what} is not valid`, issues(p.error));
  return p.data;
};

/**
 * Scoring and assignment rules (react-admin resources, each change a new version of its set),
 * whole-set publishing, reordering, a dry run of a changed set over recent leads, the "test this
 * condition on a lead" preview, the tenant's scoring and assignment settings, re-score runs, a
 * lead's score history, and engagements recorded from outside (they earn behaviour points).
 */
export function rulesRoutes(services: Services): Router {
  const r = Router();
  const { db, clock } = services;
  const user = (req: Request) => req.user!;

  /** A re-score of the tenant's leads after its scoring rules changed; its row is the progress bar. */
  const startRescore = async (tenantId: string) => {
    const t = await db("tenants").where("id", tenantId).first("scoring_version");
    const [run] = await db("rescore_runs").insert({ tenant_id: tenantId, rule_version: t.scoring_version }).returning("*");
    try {
      await services.queues.enqueue("scoring.rescore", { tenantId, runId: run.id }, { jobId: jobId.rescore(run.id) });
    } catch (err) {
      services.log.warn({ err: (err as Error).message, run: run.id }, "could not enqueue a re-score; it starts with the next rule change");
    }
    return run;
  };

  const versioned = (kind: RuleKind): Pick<ResourceSpec, "afterWrite" | "afterCommit"> => ({
    afterWrite: async (trx, { action, after }, req) => {
      await bumpRuleVersion(trx, user(req).tenantId, kind, `${action} "${after.name}"`, user(req).id);
    },
    afterCommit: kind === "scoring" ? async (req) => void (await startRescore(user(req).tenantId)) : undefined,
  });

  /** A rule's target must be the tenant's own active user or team. */
  const checkTarget = async (tenantId: string, row: { target_user_id?: string | null; target_team_id?: string | null }) => {
    if (!row.target_user_id && !row.target_team_id) throw unprocessable("assignment_no_target", "a rule needs target_user_id or target_team_id");
    if (row.target_user_id && !(await db("users").where({ id: row.target_user_id, tenant_id: tenantId }).whereNull("deleted_at").first("id"))) {
      throw unprocessable("assignment_unknown_user", "target_user_id is not a user of this tenant");
    }
    if (row.target_team_id && !(await db("teams").where({ id: row.target_team_id, tenant_id: tenantId }).whereNull("deleted_at").first("id"))) {
      throw unprocessable("assignment_unknown_team", "target_team_id is not a team of this tenant");
    }
  };

  const nextPosition = async (table: string, column: string, tenantId: string) => {
    const [{ max }] = await db(table).where("tenant_id", tenantId).whereNull("deleted_at").max({ max: column });
    return (max ?? 0) + 10;
  };

  const scoringSpec: ResourceSpec = {
    name: "scoring_rules",
    table: "scoring_rules",
    columns: ["id", "name", "description", "condition", "points", "active", "position", "created_by", "created_at", "updated_at"],
    filters: ["active"],
    sortable: ["position", "name", "points", "created_at", "updated_at"],
    defaultSort: ["position", "asc"],
    search: { ilike: ["name", "description"] },
    readRoles: READERS,
    writeRoles: RULE_OWNERS,
    create: {
      schema: scoringRuleSchema.extend({ position: z.number().int().optional() }),
      toRow: async (d, req) => ({ ...d, condition: JSON.stringify(d.condition), position: d.position ?? (await nextPosition("scoring_rules", "position", user(req).tenantId)), created_by: user(req).id }),
    },
    update: {
      schema: scoringRuleSchema.extend({ position: z.number().int() }).partial(),
      toRow: (d) => ({ ...d, ...(d.condition ? { condition: JSON.stringify(d.condition) } : {}) }),
    },
    deletable: true,
    ...versioned("scoring"),
  };

  const assignmentSpec: ResourceSpec = {
    name: "assignment_rules",
    table: "assignment_rules",
    columns: ["id", "name", "description", "priority", "condition", "target_user_id", "target_team_id", "strategy", "sla_minutes", "sla_action", "active", "created_by", "created_at", "updated_at"],
    filters: ["active", "target_user_id", "target_team_id", "strategy"],
    sortable: ["priority", "name", "created_at", "updated_at"],
    defaultSort: ["priority", "asc"],
    search: { ilike: ["name", "description"] },
    readRoles: READERS,
    writeRoles: RULE_OWNERS,
    create: {
      schema: assignmentRuleSchema,
      toRow: async (d, req) => {
        await checkTarget(user(req).tenantId, d as Partial<AssignmentRule>);
        return { ...d, condition: JSON.stringify(d.condition), priority: d.priority ?? (await nextPosition("assignment_rules", "priority", user(req).tenantId)), created_by: user(req).id };
      },
    },
    update: {
      schema: assignmentRuleSchema.partial(),
      toRow: async (d, before, req) => {
        await checkTarget(user(req).tenantId, { ...before, ...d });
        return { ...d, ...(d.condition ? { condition: JSON.stringify(d.condition) } : {}) };
      },
    },
    deletable: true,
    ...versioned("assignment"),
  };

  // ---- whole sets: publish (one version for many edits) and reorder ----------------------------

  const draftScoring = scoringRuleSchema.extend({ id: z.uuid().optional() });
  const draftAssignment = assignmentRuleSchema.extend({ id: z.uuid().optional() });

  /** Replaces a rule set with the one given, in its order, as one new version: what "publish" in the editor does. */
  const publish = async <T extends { id?: string }>(req: Request, kind: RuleKind, rules: T[], toRow: (rule: T, i: number) => Record<string, unknown>) => {
    const { tenantId, id: userId } = user(req);
    const table = kind === "scoring" ? "scoring_rules" : "assignment_rules";
    const version = await db.transaction(async (trx) => {
      const now = clock.now();
      const existing: string[] = (await trx(table).where("tenant_id", tenantId).whereNull("deleted_at").forUpdate().select("id")).map((x: { id: string }) => x.id);
      const kept = new Set(rules.flatMap((x) => (x.id ? [x.id] : [])));
      for (const id of kept) if (!existing.includes(id)) throw unprocessable("rules_unknown_rule", `rule ${id} is not one of this tenant's ${kind} rules`);
      const gone = existing.filter((id) => !kept.has(id));
      if (gone.length) await trx(table).whereIn("id", gone).update({ deleted_at: now, updated_at: now });
      for (const [i, rule] of rules.entries()) {
        const row = toRow(rule, i);
        if (rule.id) await trx(table).where("id", rule.id).update({ ...row, updated_at: now });
        else await trx(table).insert({ ...row, tenant_id: tenantId, created_by: userId, created_at: now, updated_at: now });
      }
      await writeAudit(trx, { tenantId, id: userId }, "publish", table, tenantId, { rules: rules.length, removed: gone.length });
      return bumpRuleVersion(trx, tenantId, kind, `published ${rules.length} rule${rules.length === 1 ? "" : "s"}`, userId);
    });
    return version;
  };

  r.put("/scoring_rules/set", requireRole(...RULE_OWNERS), async (req, res) => {
    const body = parse(z.object({ rules: z.array(draftScoring).max(500) }), req.body, "scoring.invalid_rules", "the scoring rules");
    const version = await publish(req, "scoring", body.rules, (x, i) => ({ name: x.name, description: x.description ?? null, condition: JSON.stringify(x.condition), points: x.points, active: x.active ?? true, position: (i + 1) * 10 }));
    const run = await startRescore(user(req).tenantId);
    res.json({ version, rescore_run_id: run.id, rules: await loadScoringRules(db, user(req).tenantId) });
  });

  r.put("/assignment_rules/set", requireRole(...RULE_OWNERS), async (req, res) => {
    const body = parse(z.object({ rules: z.array(draftAssignment).max(500) }), req.body, "assignment.invalid_rules", "the assignment rules");
    for (const rule of body.rules) await checkTarget(user(req).tenantId, rule);
    const version = await publish(req, "assignment", body.rules, (x, i) => ({
      name: x.name, description: x.description ?? null, condition: JSON.stringify(x.condition), priority: (i + 1) * 10, target_user_id: x.target_user_id ?? null,
      target_team_id: x.target_team_id ?? null, strategy: x.strategy ?? "round_robin", sla_minutes: x.sla_minutes ?? null, sla_action: x.sla_action ?? "reassign", active: x.active ?? true,
    }));
    res.json({ version, rules: await loadAssignmentRules(db, user(req).tenantId) });
  });

  const reorderSchema = z.object({ ids: z.array(z.uuid()).min(1).max(500) });
  // Scoring adds up every matching rule, so its order is for people only; assignment's order decides.
  r.post("/scoring_rules/reorder", requireRole(...RULE_OWNERS), async (req, res) => {
    const { ids } = parse(reorderSchema, req.body, "rules.invalid_order", "the order");
    await db.transaction(async (trx) => {
      for (const [i, id] of ids.entries()) {
        const n = await trx("scoring_rules").where({ id, tenant_id: user(req).tenantId }).whereNull("deleted_at").update({ position: (i + 1) * 10, updated_at: clock.now() });
        if (!n) throw unprocessable("rules_unknown_rule", `rule ${id} is not one of this tenant's scoring rules`);
      }
    });
    res.json(await loadScoringRules(db, user(req).tenantId));
  });
  r.post("/assignment_rules/reorder", requireRole(...RULE_OWNERS), async (req, res) => {
    const { ids } = parse(reorderSchema, req.body, "rules.invalid_order", "the order");
    const version = await db.transaction(async (trx) => {
      for (const [i, id] of ids.entries()) {
        const n = await trx("assignment_rules").where({ id, tenant_id: user(req).tenantId }).whereNull("deleted_at").update({ priority: (i + 1) * 10, updated_at: clock.now() });
        if (!n) throw unprocessable("rules_unknown_rule", `rule ${id} is not one of this tenant's assignment rules`);
      }
      return bumpRuleVersion(trx, user(req).tenantId, "assignment", "reordered", user(req).id);
    });
    res.json({ version, rules: await loadAssignmentRules(db, user(req).tenantId) });
  });

  // ---- previews: one condition on one lead, a changed set over recent leads ----------------------

  r.post("/rules/test", async (req, res) => {
    const body = parse(z.object({ condition: conditionSchema, lead_id: z.uuid(), points: z.number().int().optional() }), req.body, "rules.invalid_condition", "the condition");
    const { id } = await visibleLead(services, req, body.lead_id);
    const lead = await db("leads").where("id", id).first();
    const explained = explainCondition(body.condition, lead, clock.now());
    res.json({ matched: explained.matched, explanation: explained, fields: conditionFields(body.condition), lead: { id: lead.id, lead_number: lead.lead_number, name: leadDisplayName(lead) } });
  });

  const dryRunSchema = <T extends z.ZodTypeAny>(rule: T) => z.object({ rules: z.array(rule).max(500).optional(), limit: z.number().int().min(1).max(5000).default(200) });
  const recentLeads = (tenantId: string, limit: number) =>
    db("leads").where("tenant_id", tenantId).whereNull("deleted_at").where("spam_score", "<", 100).orderBy("created_at", "desc").limit(limit).select("*");

  r.post("/scoring_rules/dry_run", requireRole(...EDITORS, "marketer"), async (req, res) => {
    const body = parse(dryRunSchema(draftScoring), req.body, "scoring.invalid_rules", "the scoring rules");
    const rules: ScoringRule[] = body.rules ? body.rules.map((x, i) => ({ ...x, id: x.id ?? `draft-${i + 1}` })) : await loadScoringRules(db, user(req).tenantId);
    const compiled = compileScoringRules(rules);
    const now = clock.now();
    const leads = await recentLeads(user(req).tenantId, body.limit);
    const grades = { before: {} as Record<string, number>, after: {} as Record<string, number> };
    const changes = leads.flatMap((l) => {
      const s = scoreOf(compiled, l, l.behaviour_score, now);
      grades.before[l.grade ?? "–"] = (grades.before[l.grade ?? "–"] ?? 0) + 1;
      grades.after[s.grade] = (grades.after[s.grade] ?? 0) + 1;
      if (s.score === l.lead_score && s.grade === l.grade) return [];
      return [{ lead_id: l.id, lead_number: l.lead_number, name: leadDisplayName(l), from: { score: l.lead_score, grade: l.grade, priority: l.priority }, to: { score: s.score, grade: s.grade, priority: s.priority }, rules: s.hits }];
    });
    res.json({ leads: leads.length, changed: changes.length, grades, changes });
  });

  r.post("/assignment_rules/dry_run", requireRole(...EDITORS), async (req, res) => {
    const { tenantId } = user(req);
    const body = parse(dryRunSchema(draftAssignment), req.body, "assignment.invalid_rules", "the assignment rules");
    const rules: AssignmentRule[] = body.rules
      ? body.rules.map((x, i) => ({ ...x, id: x.id ?? `draft-${i + 1}`, priority: (i + 1) * 10, target_user_id: x.target_user_id ?? null, target_team_id: x.target_team_id ?? null, strategy: x.strategy ?? "round_robin", sla_minutes: x.sla_minutes ?? null, sla_action: x.sla_action ?? "reassign" }))
      : await loadAssignmentRules(db, tenantId);
    const route = compileAssignmentRules(rules);
    const now = clock.now();
    const tenant = await db("tenants").where("id", tenantId).first("time_zone", db.raw("settings->'assignment' as assignment"));
    const fallback = assignmentSettingsFrom(tenant.assignment).fallback_user_id;
    const reps: (Rep & { team_id: string | null; is_active: boolean })[] = await db("users").where({ tenant_id: tenantId, is_active: true }).whereNull("deleted_at").whereIn("role", ["rep", "manager", "admin"]).orderBy([{ column: "created_at" }, { column: "id" }]).select(REP_COLUMNS);
    const teams = new Map((await db("teams").where("tenant_id", tenantId).whereNull("deleted_at").select("id", "name", "rr_position")).map((t) => [t.id, { ...t, position: Number(t.rr_position) }]));
    const open = await openLeadCounts(db, reps.map((x) => x.id));
    const names = new Map(reps.map((x) => [x.id, x.name]));
    // Oldest first, as they would have arrived; the simulation advances pointers and loads, never the real ones.
    const leads = (await recentLeads(tenantId, body.limit)).reverse();
    const changes = [];
    for (const l of leads) {
      const rule = route(l, now);
      let to: string | null = null;
      if (rule?.target_user_id) to = rule.target_user_id;
      else if (rule?.target_team_id) {
        const team = teams.get(rule.target_team_id);
        const members = reps.filter((x) => x.team_id === rule.target_team_id && x.weight >= 0);
        const load = (rep: Rep) => open.get(rep.id) ?? 0;
        const pick = team && pickRep(members, rule.strategy, team.position, (rep) => availability(rep, load(rep), tenant.time_zone, now).ok, load);
        if (pick) {
          team!.position = pick.next;
          to = pick.rep.id;
        }
      }
      to ??= fallback;
      if (to) open.set(to, (open.get(to) ?? 0) + 1);
      if (to === l.owner_id) continue;
      changes.push({ lead_id: l.id, lead_number: l.lead_number, name: leadDisplayName(l), from_owner_id: l.owner_id, from_owner: names.get(l.owner_id) ?? null, to_owner_id: to, to_owner: to ? names.get(to) ?? null : null, rule_id: rule?.id ?? null, rule: rule?.name ?? null });
    }
    res.json({ leads: leads.length, changed: changes.length, changes });
  });

  // ---- settings ----------------------------------------------------------------------------------

  const setting = async (req: Request, key: "scoring" | "assignment", value: unknown) => {
    await db.transaction(async (trx) => {
      await trx("tenants").where("id", user(req).tenantId).update({ settings: trx.raw(`jsonb_set(settings, '{${key}}', ?::jsonb)`, [JSON.stringify(value)]), updated_at: clock.now() });
      await audit(trx, req, "update", `${key}_settings`, user(req).tenantId, value);
    });
  };
  const stored = async (req: Request, key: string) => (await db("tenants").where("id", user(req).tenantId).first(db.raw(`settings->'${key}' as v`))).v;

  r.get("/scoring_settings", async (req, res) => {
    res.json({ ...scoringSettingsFrom(await stored(req, "scoring")), behaviours: BEHAVIOURS, defaults: DEFAULT_SCORING_SETTINGS });
  });
  r.put("/scoring_settings", requireRole("admin"), async (req, res) => {
    const body = parse(scoringSettingsSchema, req.body, "scoring.invalid_settings", "the scoring settings");
    const merged = scoringSettingsFrom({ ...scoringSettingsFrom(await stored(req, "scoring")), ...body });
    await setting(req, "scoring", merged);
    res.json({ ...merged, behaviours: BEHAVIOURS, defaults: DEFAULT_SCORING_SETTINGS });
  });
  r.get("/assignment_settings", async (req, res) => {
    res.json(assignmentSettingsFrom(await stored(req, "assignment")));
  });
  r.put("/assignment_settings", requireRole("admin"), async (req, res) => {
    const body = parse(assignmentSettingsSchema, req.body, "assignment.invalid_settings", "the assignment settings");
    if (body.fallback_user_id && !(await db("users").where({ id: body.fallback_user_id, tenant_id: user(req).tenantId }).whereNull("deleted_at").first("id"))) {
      throw unprocessable("assignment_unknown_user", "fallback_user_id is not a user of this tenant");
    }
    const merged = assignmentSettingsFrom({ ...assignmentSettingsFrom(await stored(req, "assignment")), ...body });
    await setting(req, "assignment", merged);
    res.json(merged);
  });

  // ---- a lead's score, engagements from outside ------------------------------------------------

  r.get("/leads/:id/score_history", async (req, res) => {
    const lead = await visibleLead(services, req, req.params.id);
    const rows = await db("score_history").where({ lead_id: lead.id, tenant_id: user(req).tenantId }).orderBy([{ column: "created_at", order: "desc" }, { column: "id", order: "desc" }]).limit(1000)
      .select("id", "score", "previous_score", "delta", "grade", "reason", "cause", "details", "rule_version", "engagement_id", "created_at");
    res.json(rows);
  });

  const engagementSchema = z.object({
    type: z.enum(BEHAVIOURS),
    channel: z.string().max(50).nullish(),
    occurred_at: z.coerce.date().optional(),
    data: z.record(z.string(), z.unknown()).optional(),
  });
  r.post("/leads/:id/engagements", async (req, res) => {
    const lead = await visibleLead(services, req, req.params.id);
    const body = parse(engagementSchema, req.body, "engagement.invalid", "the engagement");
    const now = clock.now();
    const [e] = await db.transaction(async (trx): Promise<{ id: string }[]> => {
      await trx("leads").where("id", lead.id).update({ last_activity_at: now, updated_at: now });
      return trx("engagements")
        .insert({ tenant_id: user(req).tenantId, lead_id: lead.id, type: body.type, channel: body.channel ?? null, data: JSON.stringify(body.data ?? {}), occurred_at: body.occurred_at ?? now })
        .returning(["id", "lead_id", "type", "channel", "occurred_at"]);
    });
    await services.queues.enqueue("scoring.engagement", { tenantId: user(req).tenantId, engagementId: e.id }, { jobId: jobId.engagement(e.id) });
    res.status(201).json(e);
  });

  // ---- read-only: versions, re-score runs ---------------------------------------------------------

  r.post("/rescore_runs", requireRole(...EDITORS), async (req, res) => {
    res.status(201).json(await startRescore(user(req).tenantId));
  });
  r.use("/rescore_runs", resourceRoutes(services, {
    name: "rescore_runs", table: "rescore_runs",
    columns: ["id", "status", "rule_version", "total", "processed", "changed", "error", "started_at", "finished_at", "created_at", "updated_at"],
    filters: ["status"], sortable: ["created_at"], readRoles: READERS, softDeletes: false,
  }));
  r.use("/rule_versions", resourceRoutes(services, {
    name: "rule_versions", table: "rule_versions",
    columns: ["id", "kind", "version", "rules", "change", "created_by", "created_at"],
    filters: ["kind", "version"], sortable: ["version", "created_at"], defaultSort: ["version", "desc"], readRoles: READERS, softDeletes: false,
  }));
  r.use("/scoring_rules", resourceRoutes(services, scoringSpec));
  r.use("/assignment_rules", resourceRoutes(services, assignmentSpec));
  return r;
}

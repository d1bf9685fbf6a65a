import type { Knex } from "knex";
import { openLeadCounts } from "../assignment/open-leads.ts";
import { availability, pickRep, type Rep } from "../assignment/pick.ts";
import { assignmentSettingsFrom, compileAssignmentRules, type AssignmentRule } from "../assignment/rules.ts";
import { leadDisplayName } from "../lead/record.ts";
import { compileScoringRules, scoreOf, type ScoringRule } from "../scoring/score.ts";
import { loadAssignmentRules, loadScoringRules } from "./rule-sets.ts";
import type { DraftAssignmentRule, DraftScoringRule } from "./publish.ts";

const REP_COLUMNS = [
  "id",
  "name",
  "email",
  "weight",
  "capacity",
  "working_hours",
  "time_zone",
  "out_of_office",
  "notify_new_leads",
  "team_id",
];

/** The tenant's newest leads (spam left out): what a dry run replays a rule set over. */
const recentLeads = (db: Knex, tenantId: string, limit: number) =>
  db("leads")
    .where("tenant_id", tenantId)
    .whereNull("deleted_at")
    .where("spam_score", "<", 100)
    .orderBy("created_at", "desc")
    .limit(limit)
    .select("*");

/** A changed scoring set (or the current one) over recent leads: whose score or grade would move, and the grades before and after. */
export async function scoringDryRun(db: Knex, tenantId: string, drafts: DraftScoringRule[] | undefined, limit: number, now: Date) {
  const rules: ScoringRule[] = drafts
    ? drafts.map((x, i) => ({ ...x, id: x.id ?? `draft-${i + 1}` }))
    : await loadScoringRules(db, tenantId);
  const compiled = compileScoringRules(rules);
  const leads = await recentLeads(db, tenantId, limit);
  const grades = { before: {} as Record<string, number>, after: {} as Record<string, number> };
  const changes = leads.flatMap((l) => {
    const s = scoreOf(compiled, l, l.behaviour_score, now);
    grades.before[l.grade ?? "–"] = (grades.before[l.grade ?? "–"] ?? 0) + 1;
    grades.after[s.grade] = (grades.after[s.grade] ?? 0) + 1;
    if (s.score === l.lead_score && s.grade === l.grade) return [];
    return [
      {
        lead_id: l.id,
        lead_number: l.lead_number,
        name: leadDisplayName(l),
        from: { score: l.lead_score, grade: l.grade, priority: l.priority },
        to: { score: s.score, grade: s.grade, priority: s.priority },
        rules: s.hits,
      },
    ];
  });
  return { leads: leads.length, changed: changes.length, grades, changes };
}

/**
 * A changed assignment set (or the current one) over recent leads, oldest first as they would have
 * arrived: who each would go to. The simulation advances its own round-robin pointers and loads, never the real ones.
 */
export async function assignmentDryRun(db: Knex, tenantId: string, drafts: DraftAssignmentRule[] | undefined, limit: number, now: Date) {
  const rules: AssignmentRule[] = drafts
    ? drafts.map((x, i) => ({
        ...x,
        id: x.id ?? `draft-${i + 1}`,
        priority: (i + 1) * 10,
        target_user_id: x.target_user_id ?? null,
        target_team_id: x.target_team_id ?? null,
        strategy: x.strategy ?? "round_robin",
        sla_minutes: x.sla_minutes ?? null,
        sla_action: x.sla_action ?? "reassign",
      }))
    : await loadAssignmentRules(db, tenantId);
  const route = compileAssignmentRules(rules);
  const tenant = await db("tenants").where("id", tenantId).first("time_zone", db.raw("settings->'assignment' as assignment"));
  const fallback = assignmentSettingsFrom(tenant.assignment).fallback_user_id;
  const reps: (Rep & { team_id: string | null; is_active: boolean })[] = await db("users")
    .where({ tenant_id: tenantId, is_active: true })
    .whereNull("deleted_at")
    .whereIn("role", ["rep", "manager", "admin"])
    .orderBy([{ column: "created_at" }, { column: "id" }])
    .select(REP_COLUMNS);
  const teams = new Map(
    (await db("teams").where("tenant_id", tenantId).whereNull("deleted_at").select("id", "name", "rr_position")).map((t) => [
      t.id,
      { ...t, position: Number(t.rr_position) },
    ]),
  );
  const open = await openLeadCounts(
    db,
    reps.map((x) => x.id),
  );
  const names = new Map(reps.map((x) => [x.id, x.name]));
  const leads = (await recentLeads(db, tenantId, limit)).reverse();
  const changes = [];
  for (const l of leads) {
    const rule = route(l, now);
    let to: string | null = null;
    if (rule?.target_user_id) to = rule.target_user_id;
    else if (rule?.target_team_id) {
      const team = teams.get(rule.target_team_id);
      const members = reps.filter((x) => x.team_id === rule.target_team_id && x.weight >= 0);
      const load = (rep: Rep) => open.get(rep.id) ?? 0;
      const pick =
        team && pickRep(members, rule.strategy, team.position, (rep) => availability(rep, load(rep), tenant.time_zone, now).ok, load);
      if (pick) {
        team!.position = pick.next;
        to = pick.rep.id;
      }
    }
    to ??= fallback;
    if (to) open.set(to, (open.get(to) ?? 0) + 1);
    if (to === l.owner_id) continue;
    changes.push({
      lead_id: l.id,
      lead_number: l.lead_number,
      name: leadDisplayName(l),
      from_owner_id: l.owner_id,
      from_owner: names.get(l.owner_id) ?? null,
      to_owner_id: to,
      to_owner: to ? (names.get(to) ?? null) : null,
      rule_id: rule?.id ?? null,
      rule: rule?.name ?? null,
    });
  }
  return { leads: leads.length, changed: changes.length, changes };
}

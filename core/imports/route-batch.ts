import type { Knex } from "knex";
import type { RuleSets } from "../rules/rule-sets.ts";
import type { AssignmentSettings } from "../assignment/rules.ts";
import { BatchSlots, type RoundRobinSlots } from "../assignment/slots.ts";
import { scoreOf } from "../scoring/score.ts";
import { scoreRows, type ScoreChange } from "../scoring/record-score.ts";
import { assignmentColumns, assignmentRows, chooseOwner, type AssignInput } from "../assignment/assign-lead.ts";
import { convertIfRuleHolds } from "../crm/conversion-rules.ts";
import { enrolByRules, type DueStep } from "../nurture/enrol.ts";

/** What an import needs to route its new leads as intake routes a new lead: the rules and the assignment settings. */
export interface ImportRouting {
  sets: RuleSets;
  settings: AssignmentSettings;
  slots: RoundRobinSlots;
  tenantTimeZone: string;
}

export type NewLeadRow = Record<string, unknown> & { id: string; lead_number: string; owner_id: string | null };

/** The lead as the rules read it: stored fields, and the status a new lead takes. */
const ruleView = (lead: NewLeadRow) => ({ ...lead, status: "new" });

/**
 * Before a batch's new leads are inserted: each is scored by the tenant's scoring rules and, unless
 * the import gave it an owner, assigned by its assignment rules (the same functions as intake),
 * written onto the rows so the batch's one insert carries them. Answers the score history,
 * timeline and notification rows to insert with them. Owners picked earlier in the batch count as
 * open leads for the later picks (capacity, least loaded), as they would had each lead been
 * committed on its own.
 */
export async function routeNewLeads(trx: Knex.Transaction, tenantId: string, r: ImportRouting, leads: NewLeadRow[], now: Date) {
  const { sets } = r;
  const changes: ScoreChange[] = [];
  const assigned: Record<string, unknown>[] = [];
  const notifications: Record<string, unknown>[] = [];
  const pending = new Map<string, number>();
  const assigns = sets.assignmentRules > 0 || Boolean(r.settings.fallback_user_id);
  for (const lead of sets.scoringRules ? leads : []) {
    const scored = scoreOf(sets.score, ruleView(lead), 0, now);
    Object.assign(lead, { lead_score: scored.score, grade: scored.grade, priority: scored.priority, score_version: sets.scoringVersion });
    changes.push({ tenantId, leadId: lead.id, previous: 0, scored, reason: "rules", cause: "imported", version: sets.scoringVersion, now });
  }
  if (!assigns) {
    const score = scoreRows(changes);
    return { history: score.history, activities: score.timeline, notifications };
  }
  // Reads and round-robin slots shared by the batch's picks: one round trip per team or rep, not per lead.
  const cache = new Map<string, Promise<unknown>>();
  const slots = new BatchSlots(r.slots);
  const perTeam = new Map<string, number>();
  for (const lead of leads) {
    // The batch's insert takes its columns from the first row: every row carries the same ones.
    Object.assign(lead, { team_id: null, assignment_rule_id: null, assignment_version: null, assigned_at: null, sla_due_at: null });
    const teamId = lead.owner_id ? null : sets.route(ruleView(lead), now)?.target_team_id;
    if (teamId) perTeam.set(teamId, (perTeam.get(teamId) ?? 0) + 1);
  }
  for (const [teamId, n] of perTeam) await slots.reserve(teamId, n);
  for (const lead of leads) {
    if (lead.owner_id) continue;
    const input: AssignInput = {
      slots,
      tenantId,
      lead: ruleView(lead),
      sets,
      settings: r.settings,
      tenantTimeZone: r.tenantTimeZone,
      now,
      cause: "Imported lead",
      pending,
      cache,
    };
    const a = await chooseOwner(trx, input);
    Object.assign(lead, assignmentColumns(a, now));
    if (a.rep) pending.set(a.rep.id, (pending.get(a.rep.id) ?? 0) + 1);
    const rows = assignmentRows(a, input, lead.id);
    assigned.push(rows.timeline);
    if (rows.notification) notifications.push(rows.notification);
  }
  await slots.finish();
  const score = scoreRows(changes);
  return { history: score.history, activities: [...score.timeline, ...assigned], notifications };
}

/**
 * After the batch's new leads are inserted: conversion rules that hold convert them, and sequences
 * whose enrolment rule they meet take them. Answers the first steps to schedule after the commit.
 */
export async function afterNewLeads(
  trx: Knex.Transaction,
  tenantId: string,
  sets: RuleSets,
  leads: NewLeadRow[],
  now: Date,
): Promise<DueStep[]> {
  if (sets.conversion.length) {
    for (const lead of leads) await convertIfRuleHolds(trx, tenantId, ruleView(lead), now, null, sets.conversion);
  }
  return sets.enrol.length ? enrolByRules(trx, tenantId, leads.map(ruleView), "created", sets, now) : [];
}

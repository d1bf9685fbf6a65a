import type { Knex } from "knex";
import type { RuleSets } from "../rules/rule-sets.ts";
import type { AssignmentSettings } from "./rules.ts";
import { BatchSlots, type RoundRobinSlots } from "./slots.ts";
import { scoreOf } from "../scoring/score.ts";
import { scoreRows, type ScoreChange } from "../scoring/record-score.ts";
import { assignmentColumns, assignmentRows, chooseOwner, readTeams, type AssignInput } from "./assign-lead.ts";

/** What routing a batch of new leads needs: the tenant's compiled rules and assignment settings. */
export interface NewLeadRouting {
  sets: RuleSets;
  settings: AssignmentSettings;
  slots: RoundRobinSlots;
  tenantTimeZone: string;
}

export type NewLeadRow = Record<string, unknown> & { id: string; lead_number: string; owner_id: string | null };

/** Why, for the timeline: the score's cause (null for a lead that arrived) and the assignment's ("New lead", "Imported lead"). */
export interface RoutingCause {
  score: string | null;
  assign: string;
}

/** The lead as the rules read it: its stored fields, and the status a new lead takes. */
export const ruleView = <T extends Record<string, unknown>>(lead: T) => ({ ...lead, status: "new" });

/** The routing columns every new lead row carries, so a batch's one insert has the same columns in each. */
export const UNROUTED = {
  lead_score: 0,
  grade: null,
  priority: "medium",
  score_version: null,
  team_id: null,
  assignment_rule_id: null,
  assignment_version: null,
  assigned_at: null,
  sla_due_at: null,
};

/**
 * Before a batch's new leads are inserted: each is scored by the tenant's scoring rules and, unless
 * it already has an owner, assigned by its assignment rules, written onto the rows so the batch's
 * one insert carries them. Each team's round-robin pointer moves once for the batch (its slots are
 * reserved in one statement, then handed out in turn), and owners picked earlier in the batch count
 * as open leads for the later picks (capacity, least loaded), as they would had each lead been
 * committed on its own. Answers the score history, timeline and notification rows, each by lead.
 */
export async function routeNewLeads(
  trx: Knex.Transaction,
  tenantId: string,
  r: NewLeadRouting,
  leads: NewLeadRow[],
  now: Date,
  cause: RoutingCause,
) {
  const { sets } = r;
  const changes: ScoreChange[] = [];
  const assigned: Record<string, unknown>[] = [];
  const notifications: Record<string, unknown>[] = [];
  // Each lead as the rules read it, once (a wide row copied is dear), kept up with what routing writes.
  const views = leads.map(ruleView);
  for (const [i, lead] of (sets.scoringRules ? leads : []).entries()) {
    const scored = scoreOf(sets.score, views[i], 0, now);
    const columns = { lead_score: scored.score, grade: scored.grade, priority: scored.priority, score_version: sets.scoringVersion };
    Object.assign(lead, columns);
    Object.assign(views[i], columns);
    changes.push({
      tenantId,
      leadId: lead.id,
      previous: 0,
      scored,
      reason: "rules",
      cause: cause.score,
      version: sets.scoringVersion,
      now,
    });
  }
  const assigns = sets.assignmentRules > 0 || Boolean(r.settings.fallback_user_id);
  if (assigns) {
    // Reads and round-robin slots shared by the batch's picks: one round trip per team or rep, not per lead.
    const cache = new Map<string, Promise<unknown>>();
    const pending = new Map<string, number>();
    const slots = new BatchSlots(r.slots);
    const perTeam = new Map<string, number>();
    for (const [i, lead] of leads.entries()) {
      const teamId = lead.owner_id ? null : sets.route(views[i], now)?.target_team_id;
      if (teamId) perTeam.set(teamId, (perTeam.get(teamId) ?? 0) + 1);
    }
    // Every team's slots in one statement and every team's members in one query, whatever the number of teams.
    await slots.reserveAll(perTeam);
    await readTeams(trx, cache, [...perTeam.keys()]);
    for (const [i, lead] of leads.entries()) {
      if (lead.owner_id) continue;
      const input: AssignInput = {
        slots,
        tenantId,
        lead: views[i],
        sets,
        settings: r.settings,
        tenantTimeZone: r.tenantTimeZone,
        now,
        cause: cause.assign,
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
  }
  const score = scoreRows(changes);
  return { history: score.history, activities: [...score.timeline, ...assigned], notifications, scored: changes.length > 0, assigns };
}

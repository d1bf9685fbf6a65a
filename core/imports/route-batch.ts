import type { Knex } from "knex";
import type { RuleSets } from "../rules/rule-sets.ts";
import { routeNewLeads as route, ruleView, UNROUTED, type NewLeadRouting, type NewLeadRow } from "../assignment/route-new-leads.ts";
import { convertIfRuleHolds } from "../crm/conversion-rules.ts";
import { enrolByRules, type DueStep } from "../nurture/enrol.ts";

/** What an import needs to route its new leads as intake routes a new lead: the rules and the assignment settings. */
export type ImportRouting = NewLeadRouting;
export type { NewLeadRow };

/**
 * Before a batch's new leads are inserted: scored and, unless the import gave them an owner,
 * assigned exactly as intake's new leads are (core/assignment/route-new-leads.ts: each team's
 * pointer moved once for the batch, earlier picks counting toward capacity), written onto the rows
 * so the batch's one insert carries them. Answers the score history, timeline and notification rows.
 */
export async function routeNewLeads(trx: Knex.Transaction, tenantId: string, r: ImportRouting, leads: NewLeadRow[], now: Date) {
  // The batch's insert takes its columns from the first row: every row carries the routing ones.
  for (const lead of leads) for (const [column, value] of Object.entries(UNROUTED)) if (!(column in lead)) lead[column] = value;
  const routed = await route(trx, tenantId, r, leads, now, { score: "imported", assign: "Imported lead" });
  return { history: routed.history, activities: routed.activities, notifications: routed.notifications };
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

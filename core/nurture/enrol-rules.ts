import type { Knex } from "knex";
import { compileCondition } from "../rules/condition.ts";
import type { EnrolRule } from "./sequence.ts";
import type { EnrolTrigger } from "../vocabulary.ts";

/** What just happened to a lead; a rule's "both" answers either. */
export type Trigger = Exclude<EnrolTrigger, "both">;
export type EnrolRules = {
  sequenceId: string;
  on: (trigger: Trigger) => boolean;
  holds: (lead: Record<string, unknown>, now: Date) => boolean;
}[];

/** Active sequences' enrolment rules, compiled (cached with the other rule sets by tenants.nurture_version). */
export async function loadEnrolRules(db: Knex, tenantId: string): Promise<EnrolRules> {
  const rows: { id: string; enrol_rule: EnrolRule }[] = await db("sequences")
    .where({ tenant_id: tenantId, status: "active" })
    .whereNull("deleted_at")
    .whereNotNull("enrol_rule")
    .orderBy("created_at")
    .select("id", "enrol_rule");
  return rows.map((r) => ({
    sequenceId: r.id,
    on: (t) => r.enrol_rule.trigger === "both" || r.enrol_rule.trigger === t,
    holds: compileCondition(r.enrol_rule.condition),
  }));
}

/** Sequences changed: every process reloads their rules on its next lead. */
export const bumpNurtureVersion = (trx: Knex, tenantId: string) => trx("tenants").where("id", tenantId).increment("nurture_version", 1);

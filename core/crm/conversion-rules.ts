import type { Knex } from "knex";
import { z } from "zod";
import { compileCondition, conditionSchema, type Condition } from "../rules/condition.ts";
import { convertLead, type Converted } from "./convert.ts";

export const conversionRuleSchema = z.object({
  name: z.string().trim().min(1).max(200),
  condition: conditionSchema,
  active: z.boolean().optional(),
});

export type ConversionRules = { name: string; holds: (lead: Record<string, unknown>, now: Date) => boolean }[];

/** The tenant's active conversion rules, compiled (load once for a batch of leads). */
export async function loadConversionRules(db: Knex, tenantId: string): Promise<ConversionRules> {
  const rows: { name: string; condition: Condition }[] = await db("conversion_rules")
    .where({ tenant_id: tenantId, active: true })
    .whereNull("deleted_at")
    .orderBy("created_at")
    .select("name", "condition");
  return rows.map((r) => ({ name: r.name, holds: compileCondition(r.condition) }));
}

/**
 * After a lead's score, status or fields changed: the first active conversion rule that holds
 * converts it, in the caller's transaction. Converted, spam and deleted leads are left alone.
 */
export async function convertIfRuleHolds(
  trx: Knex.Transaction,
  tenantId: string,
  lead: Record<string, unknown>,
  now: Date,
  userId: string | null,
  rules?: ConversionRules,
): Promise<Converted | null> {
  if (lead.converted_opportunity_id || lead.deleted_at || Number(lead.spam_score) >= 100) return null;
  const rule = (rules ?? (await loadConversionRules(trx, tenantId))).find((r) => r.holds(lead, now));
  if (!rule) return null;
  return convertLead(trx, { tenantId, leadId: lead.id as string, userId, now, why: `Conversion rule "${rule.name}"` });
}

/** Workers cache the rules by this number (intake checks every new lead against them): a change moves it on. */
export const bumpConversionVersion = (trx: Knex, tenantId: string) =>
  trx("tenants").where("id", tenantId).increment("conversion_version", 1);

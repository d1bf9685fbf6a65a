import { z } from "zod";
import { compileCondition, conditionSchema, type Condition, type Lead } from "../rules/condition.ts";
import { optionalUuid } from "../schemas.ts";
import { ASSIGNMENT_STRATEGIES, SLA_ACTIONS, type AssignmentStrategy, type SlaAction } from "../vocabulary.ts";

export interface AssignmentRule {
  id: string;
  name: string;
  priority: number;
  condition: Condition;
  target_user_id: string | null;
  target_team_id: string | null;
  strategy: AssignmentStrategy;
  sla_minutes: number | null;
  sla_action: SlaAction;
  active?: boolean;
}

export const assignmentRuleSchema = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullish(),
  priority: z.number().int().min(0).max(1_000_000).optional(),
  condition: conditionSchema,
  target_user_id: optionalUuid,
  target_team_id: optionalUuid,
  strategy: z.enum(ASSIGNMENT_STRATEGIES).optional(),
  sla_minutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 90)
    .nullish(),
  sla_action: z.enum(SLA_ACTIONS).optional(),
  active: z.boolean().optional(),
});

export const assignmentSettingsSchema = z.object({ fallback_user_id: optionalUuid }).partial();
export type AssignmentSettings = { fallback_user_id: string | null };
export function assignmentSettingsFrom(stored: unknown): AssignmentSettings {
  const s = assignmentSettingsSchema.safeParse(stored ?? {});
  return { fallback_user_id: (s.success && s.data.fallback_user_id) || null };
}

/** The ordered rules made into one function: the first active rule whose condition holds, or null. */
export function compileAssignmentRules(rules: AssignmentRule[]): (lead: Lead, now: Date) => AssignmentRule | null {
  const ordered = rules
    .filter((r) => r.active !== false)
    .sort((a, b) => a.priority - b.priority)
    .map((rule) => ({ rule, test: compileCondition(rule.condition) }));
  return (lead, now) => ordered.find((o) => o.test(lead, now))?.rule ?? null;
}

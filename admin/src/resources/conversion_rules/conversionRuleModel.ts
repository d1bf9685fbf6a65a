// Conversion rules as the console edits them; pure helpers, unit-tested.
import { type Group, asCondition, childrenOf, conditionErrors, normaliseCondition } from "../../rules/conditionModel.ts";

export interface ConversionRule {
  id?: string;
  name: string;
  condition: Group;
  active: boolean;
}

/**
 * The form's checks. Unlike a scoring rule, a conversion rule with no checks would convert every
 * lead it sees, so it needs at least one. Condition errors are keyed `condition` for the form and
 * by node path for the builder.
 */
export function validateConversionRule(rule: Partial<ConversionRule>): { form: Record<string, string>; condition: Record<string, string> } {
  const form: Record<string, string> = {};
  if (!rule.name?.trim()) form.name = "A rule needs a name";
  const condition = asCondition(rule.condition);
  const errors = conditionErrors(condition);
  if (!childrenOf(condition).length) form.condition = "Add at least one check: a rule without checks would convert every lead";
  else if (Object.keys(errors).length) form.condition = "Some checks are incomplete";
  return { form, condition: errors };
}

/** What the API stores: numbers typed in number fields sent as numbers. */
export function conversionRulePayload(data: Record<string, unknown>): Record<string, unknown> {
  return { name: data.name, active: data.active !== false, condition: normaliseCondition(asCondition(data.condition)) };
}

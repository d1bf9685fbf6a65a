import type { Knex } from "knex";
import { z } from "zod";
import { writeAudit, type Actor } from "../audit.ts";
import { unprocessable } from "../errors.ts";
import { assignmentRuleSchema } from "../assignment/rules.ts";
import { scoringRuleSchema } from "../scoring/score.ts";
import { bumpRuleVersion, type RuleKind } from "./rule-sets.ts";

/** A rule as the editor sends it in a whole set: with its id when it exists already. */
export const draftScoringRule = scoringRuleSchema.extend({ id: z.uuid().optional() });
export const draftAssignmentRule = assignmentRuleSchema.extend({ id: z.uuid().optional() });
export type DraftScoringRule = z.infer<typeof draftScoringRule>;
export type DraftAssignmentRule = z.infer<typeof draftAssignmentRule>;

const TABLES = {
  scoring: { table: "scoring_rules", order: "position" },
  assignment: { table: "assignment_rules", order: "priority" },
} as const;

/** Where a new rule goes when none is given: after the last one. */
export async function nextPosition(db: Knex, kind: RuleKind, tenantId: string): Promise<number> {
  const { table, order } = TABLES[kind];
  const [{ max }] = await db(table).where("tenant_id", tenantId).whereNull("deleted_at").max({ max: order });
  return (max ?? 0) + 10;
}

/** A user of the tenant, not deleted. */
export const isTenantUser = async (db: Knex, tenantId: string, id: string) =>
  Boolean(await db("users").where({ id, tenant_id: tenantId }).whereNull("deleted_at").first("id"));

/** An assignment rule's target must be the tenant's own user or team. */
export async function checkAssignmentTarget(
  db: Knex,
  tenantId: string,
  row: { target_user_id?: string | null; target_team_id?: string | null },
) {
  if (!row.target_user_id && !row.target_team_id)
    throw unprocessable("assignment_no_target", "a rule needs target_user_id or target_team_id");
  if (row.target_user_id && !(await isTenantUser(db, tenantId, row.target_user_id))) {
    throw unprocessable("assignment_unknown_user", "target_user_id is not a user of this tenant");
  }
  if (
    row.target_team_id &&
    !(await db("teams").where({ id: row.target_team_id, tenant_id: tenantId }).whereNull("deleted_at").first("id"))
  ) {
    throw unprocessable("assignment_unknown_team", "target_team_id is not a team of this tenant");
  }
}

const scoringRow = (x: DraftScoringRule, i: number) => ({
  name: x.name,
  description: x.description ?? null,
  condition: JSON.stringify(x.condition),
  points: x.points,
  active: x.active ?? true,
  position: (i + 1) * 10,
});
const assignmentRow = (x: DraftAssignmentRule, i: number) => ({
  name: x.name,
  description: x.description ?? null,
  condition: JSON.stringify(x.condition),
  priority: (i + 1) * 10,
  target_user_id: x.target_user_id ?? null,
  target_team_id: x.target_team_id ?? null,
  strategy: x.strategy ?? "round_robin",
  sla_minutes: x.sla_minutes ?? null,
  sla_action: x.sla_action ?? "reassign",
  active: x.active ?? true,
});

/**
 * Replaces a rule set with the one given, in its order, as one new version: what "publish" in the
 * editor does. Rules left out are deleted; an id that is not the tenant's is refused.
 */
export async function publishRules(
  db: Knex,
  actor: Actor,
  now: Date,
  set: { kind: "scoring"; rules: DraftScoringRule[] } | { kind: "assignment"; rules: DraftAssignmentRule[] },
): Promise<number> {
  const { tenantId, id: userId } = actor;
  const { kind, rules } = set;
  const { table } = TABLES[kind];
  return db.transaction(async (trx) => {
    const existing: string[] = (await trx(table).where("tenant_id", tenantId).whereNull("deleted_at").forUpdate().select("id")).map(
      (x: { id: string }) => x.id,
    );
    const kept = new Set(rules.flatMap((x) => (x.id ? [x.id] : [])));
    for (const id of kept)
      if (!existing.includes(id)) throw unprocessable("rules_unknown_rule", `rule ${id} is not one of this tenant's ${kind} rules`);
    const gone = existing.filter((id) => !kept.has(id));
    if (gone.length) await trx(table).whereIn("id", gone).update({ deleted_at: now, updated_at: now });
    for (const [i, rule] of rules.entries()) {
      const row = set.kind === "scoring" ? scoringRow(rule as DraftScoringRule, i) : assignmentRow(rule as DraftAssignmentRule, i);
      if (rule.id)
        await trx(table)
          .where("id", rule.id)
          .update({ ...row, updated_at: now });
      else await trx(table).insert({ ...row, tenant_id: tenantId, created_by: userId, created_at: now, updated_at: now });
    }
    await writeAudit(trx, actor, "publish", table, tenantId, { rules: rules.length, removed: gone.length });
    return bumpRuleVersion(trx, tenantId, kind, `published ${rules.length} rule${rules.length === 1 ? "" : "s"}`, userId);
  });
}

/**
 * Puts a set's rules in the order of `ids`. Scoring adds up every matching rule, so its order is for
 * people only and makes no version; assignment's order decides, so it does (the new number answered).
 */
export async function reorderRules(db: Knex, actor: Actor, kind: RuleKind, ids: string[], now: () => Date): Promise<number | undefined> {
  const { table, order } = TABLES[kind];
  return db.transaction(async (trx) => {
    for (const [i, id] of ids.entries()) {
      const n = await trx(table)
        .where({ id, tenant_id: actor.tenantId })
        .whereNull("deleted_at")
        .update({ [order]: (i + 1) * 10, updated_at: now() });
      if (!n) throw unprocessable("rules_unknown_rule", `rule ${id} is not one of this tenant's ${kind} rules`);
    }
    return kind === "assignment" ? bumpRuleVersion(trx, actor.tenantId, "assignment", "reordered", actor.id) : undefined;
  });
}

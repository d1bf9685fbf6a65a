import type { Knex } from "knex";
import { compileAssignmentRules, type AssignmentRule } from "../assignment/rules.ts";
import { compileScoringRules, type CompiledRules, type ScoringRule } from "../scoring/score.ts";
import { loadConversionRules, type ConversionRules } from "../crm/conversion-rules.ts";
import { loadEnrolRules, type EnrolRules } from "../nurture/enrol-rules.ts";
import type { RuleKind } from "../vocabulary.ts";

export type { RuleKind };

export interface RuleSets {
  scoringVersion: number;
  assignmentVersion: number;
  score: CompiledRules;
  route: ReturnType<typeof compileAssignmentRules>;
  /** Active rules in each set: a tenant without any gets no score or routing entries on its leads. */
  scoringRules: number;
  assignmentRules: number;
  /** Active conversion rules, compiled: a new lead that meets one converts at intake. */
  conversion: ConversionRules;
  /** Active sequences' enrolment rules, compiled: a lead that meets one is enrolled as it is written. */
  enrol: EnrolRules;
}

export interface RuleVersions {
  scoring: number;
  assignment: number;
  conversion: number;
  nurture: number;
}

export const loadScoringRules = (db: Knex, tenantId: string): Promise<ScoringRule[]> =>
  db("scoring_rules")
    .where({ tenant_id: tenantId })
    .whereNull("deleted_at")
    .orderBy([{ column: "position" }, { column: "created_at" }])
    .select("id", "name", "description", "condition", "points", "active");

export const loadAssignmentRules = (db: Knex, tenantId: string): Promise<AssignmentRule[]> =>
  db("assignment_rules")
    .where({ tenant_id: tenantId })
    .whereNull("deleted_at")
    .orderBy([{ column: "priority" }, { column: "created_at" }])
    .select(
      "id",
      "name",
      "description",
      "priority",
      "condition",
      "target_user_id",
      "target_team_id",
      "strategy",
      "sla_minutes",
      "sla_action",
      "active",
    );

/**
 * A tenant's rules, compiled, kept per process and reloaded only when a version number moves
 * (intake reads the numbers with the event it already loads, so a lead costs no rule query).
 */
export class RuleSetCache {
  private sets = new Map<string, Promise<RuleSets>>();

  constructor(private db: Knex) {}

  get(tenantId: string, versions: RuleVersions): Promise<RuleSets> {
    const key = `${tenantId}:${versions.scoring}:${versions.assignment}:${versions.conversion}:${versions.nurture}`;
    let sets = this.sets.get(key);
    if (!sets) {
      for (const k of this.sets.keys()) if (k.startsWith(`${tenantId}:`)) this.sets.delete(k);
      sets = this.load(tenantId, versions);
      this.sets.set(key, sets);
      sets.catch(() => this.sets.delete(key));
    }
    return sets;
  }

  /** The current versions, then the rules (for jobs that do not already hold the tenant row). */
  async current(tenantId: string): Promise<RuleSets> {
    const t = await this.db("tenants")
      .where("id", tenantId)
      .first("scoring_version", "assignment_version", "conversion_version", "nurture_version");
    return this.get(tenantId, {
      scoring: t.scoring_version,
      assignment: t.assignment_version,
      conversion: t.conversion_version,
      nurture: t.nurture_version,
    });
  }

  private async load(tenantId: string, versions: RuleVersions): Promise<RuleSets> {
    const [scoring, assignment, conversion, enrol] = await Promise.all([
      loadScoringRules(this.db, tenantId),
      loadAssignmentRules(this.db, tenantId),
      loadConversionRules(this.db, tenantId),
      loadEnrolRules(this.db, tenantId),
    ]);
    return {
      conversion,
      enrol,
      scoringVersion: versions.scoring,
      assignmentVersion: versions.assignment,
      score: compileScoringRules(scoring),
      route: compileAssignmentRules(assignment),
      scoringRules: scoring.filter((r) => r.active !== false).length,
      assignmentRules: assignment.filter((r) => r.active !== false).length,
    };
  }
}

/**
 * A rule set changed: its version moves on and the set as it now stands is kept under that
 * number (what each decision's version refers to). Runs in the change's transaction.
 */
export async function bumpRuleVersion(
  trx: Knex.Transaction,
  tenantId: string,
  kind: RuleKind,
  change: string,
  userId: string | null,
): Promise<number> {
  const column = kind === "scoring" ? "scoring_version" : "assignment_version";
  const [{ version }] = await trx("tenants").where("id", tenantId).increment(column, 1).returning(`${column} as version`);
  const rules = kind === "scoring" ? await loadScoringRules(trx, tenantId) : await loadAssignmentRules(trx, tenantId);
  await trx("rule_versions").insert({
    tenant_id: tenantId,
    kind,
    version,
    rules: JSON.stringify(rules),
    change: change.slice(0, 500),
    created_by: userId,
  });
  return version;
}

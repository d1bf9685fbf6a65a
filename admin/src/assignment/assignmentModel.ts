// Assignment rules as the Assignment page edits them, and what a dry run of a draft says would move.
import { type Choice, choicesOf } from "../components/toneModel.ts";
import { emptyCondition } from "../rules/conditionModel.ts";
import { type RuleBase, baseRuleErrors, basePayload } from "../rules/draftModel.ts";
import {
  ASSIGNMENT_STRATEGIES,
  SLA_ACTIONS as ACTIONS,
  type AssignmentStrategy as Strategy,
  type SlaAction,
} from "../../../core/vocabulary.ts";

export type { SlaAction, Strategy };

export interface AssignmentRule extends RuleBase {
  priority?: number;
  target_user_id: string | null;
  target_team_id: string | null;
  strategy: Strategy;
  sla_minutes: number | null;
  sla_action: SlaAction;
}

const STRATEGY_HELP: Record<Strategy, string> = {
  round_robin: "Members take turns",
  weighted: "Turns in proportion to each member's weight",
  least_loaded: "The member with the fewest open leads",
};
export const STRATEGIES: readonly (Choice & { id: Strategy; help: string })[] = choicesOf(ASSIGNMENT_STRATEGIES, {
  round_robin: ["Round robin", "blue"],
  weighted: ["Weighted", "violet"],
  least_loaded: ["Least loaded", "teal"],
}).map((c) => ({ ...c, help: STRATEGY_HELP[c.id] }));

export const SLA_ACTIONS = choicesOf(ACTIONS, {
  reassign: ["Reassign to the next rep", "amber"],
  escalate: ["Tell the team's manager", "red"],
});

/** The longest SLA the API takes: 90 days. */
export const MAX_SLA_MINUTES = 60 * 24 * 90;

export const emptyAssignmentRule = (): AssignmentRule => ({
  name: "",
  description: null,
  condition: emptyCondition(),
  target_user_id: null,
  target_team_id: null,
  strategy: "round_robin",
  sla_minutes: null,
  sla_action: "reassign",
  active: true,
});

/** A rule goes to one user or one team; the other target is cleared so the API gets exactly one. */
export type TargetKind = "team" | "user";
export const targetKind = (rule: Pick<AssignmentRule, "target_user_id" | "target_team_id">): TargetKind =>
  rule.target_user_id ? "user" : "team";

/** What `PUT /api/assignment_rules/set` takes for one rule (and what decides whether it changed). */
export function assignmentPayload(rule: AssignmentRule) {
  const toUser = targetKind(rule) === "user";
  return {
    ...basePayload(rule),
    target_user_id: toUser ? rule.target_user_id : null,
    target_team_id: toUser ? null : rule.target_team_id,
    strategy: rule.strategy,
    sla_minutes: rule.sla_minutes ?? null,
    sla_action: rule.sla_action,
  };
}

export function assignmentRuleErrors(rule: AssignmentRule): Record<string, string> {
  const errors = baseRuleErrors(rule);
  if (!rule.target_user_id && !rule.target_team_id) errors.target = "Pick the team or the person who gets these leads";
  const sla = rule.sla_minutes;
  if (sla !== null && sla !== undefined && (!Number.isInteger(sla) || sla < 1 || sla > MAX_SLA_MINUTES))
    errors.sla_minutes = "Whole minutes, 1 to 129,600 (90 days); empty for none";
  return errors;
}

/** "45 min", "2 h", "1 h 30 min", "3 days". */
export function slaText(minutes: number | null | undefined): string {
  if (!minutes) return "no SLA";
  if (minutes % 1440 === 0) return `${minutes / 1440} ${minutes === 1440 ? "day" : "days"}`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h && `${h} h`, m && `${m} min`].filter(Boolean).join(" ");
}

export type Names = { users: ReadonlyMap<string, string>; teams: ReadonlyMap<string, string> };

/** Where a rule sends leads, for the rule list: "Team West · round robin" or "Asha Rao". */
export function targetText(rule: AssignmentRule, names: Names): string {
  if (targetKind(rule) === "user") return names.users.get(rule.target_user_id!) ?? "a user no longer here";
  if (!rule.target_team_id) return "nobody yet";
  const team = names.teams.get(rule.target_team_id) ?? "a team no longer here";
  const strategy = STRATEGIES.find((s) => s.id === rule.strategy)?.name.toLowerCase() ?? rule.strategy;
  return `Team ${team} · ${strategy}`;
}

export interface OwnerChangePreview {
  lead_id: string;
  lead_number: string;
  name: string;
  from_owner_id: string | null;
  from_owner: string | null;
  to_owner_id: string | null;
  to_owner: string | null;
  rule_id: string | null;
  rule: string | null;
}

/** `POST /api/assignment_rules/dry_run`: the draft routed over the latest leads, oldest first, nothing written. */
export interface AssignmentDryRun {
  leads: number;
  changed: number;
  changes: OwnerChangePreview[];
}

const n = (x: number) => x.toLocaleString("en-IN");

export function assignmentDryRunSummary(run: AssignmentDryRun): string {
  if (!run.leads) return "There are no leads to try the rules on yet.";
  if (!run.changed) return `All of the latest ${n(run.leads)} leads would keep their owner.`;
  return `${n(run.changed)} of ${n(run.leads)} leads would go to another owner.`;
}

export const ownerName = (name: string | null, id: string | null): string => name ?? (id ? "a user no longer here" : "Unassigned");

/** Per owner, how many of the tried leads they would gain and lose; busiest first. */
export function ownerMoves(run: AssignmentDryRun): { owner: string; gains: number; losses: number }[] {
  const rows = new Map<string, { owner: string; gains: number; losses: number }>();
  const row = (id: string | null, name: string | null) => {
    const key = id ?? "";
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { owner: ownerName(name, id), gains: 0, losses: 0 }));
    return r;
  };
  for (const c of run.changes) {
    row(c.to_owner_id, c.to_owner).gains++;
    row(c.from_owner_id, c.from_owner).losses++;
  }
  return [...rows.values()].sort((a, b) => b.gains + b.losses - (a.gains + a.losses) || a.owner.localeCompare(b.owner));
}

/** `GET/PUT /api/assignment_settings`: who gets a lead that no rule, or nobody in a rule's team, can take. */
export interface AssignmentSettings {
  fallback_user_id: string | null;
}

// Scoring rules as the Scoring page edits them, and what a dry run of a draft says would change.
import { emptyCondition } from "../rules/conditionModel.ts";
import { type RuleBase, baseRuleErrors, basePayload } from "../rules/draftModel.ts";
import { LEAD_GRADES as GRADES } from "../../../core/vocabulary.ts";

export interface ScoringRule extends RuleBase {
  points: number;
  position?: number;
}

export const emptyScoringRule = (): ScoringRule => ({ name: "", description: null, condition: emptyCondition(), points: 10, active: true });

/** What `PUT /api/scoring_rules/set` takes for one rule (and what decides whether it changed). */
export const scoringPayload = (rule: ScoringRule) => ({ ...basePayload(rule), points: rule.points });

export function scoringRuleErrors(rule: ScoringRule): Record<string, string> {
  const errors = baseRuleErrors(rule);
  if (!Number.isInteger(rule.points) || rule.points < -100 || rule.points > 100) errors.points = "Whole points from −100 to 100";
  else if (rule.points === 0) errors.points = "A rule worth 0 points changes nothing";
  return errors;
}

export interface ScorePreview {
  score: number | null;
  grade: string | null;
  priority: string | null;
}

export interface ScoreChangePreview {
  lead_id: string;
  lead_number: string;
  name: string;
  from: ScorePreview;
  to: ScorePreview;
  rules: { id: string; name: string; points: number }[];
}

/** `POST /api/scoring_rules/dry_run`: the draft scored over the latest leads, nothing written. */
export interface ScoringDryRun {
  leads: number;
  changed: number;
  grades: { before: Record<string, number>; after: Record<string, number> };
  changes: ScoreChangePreview[];
}

/** Leads per grade before and after; "–" (not scored yet) only when some lead had no grade. */
export function gradeRows(grades: ScoringDryRun["grades"]): { grade: string; before: number; after: number; delta: number }[] {
  const keys = [...GRADES, ...(grades.before["–"] || grades.after["–"] ? ["–"] : [])];
  return keys.map((grade) => {
    const before = grades.before[grade] ?? 0;
    const after = grades.after[grade] ?? 0;
    return { grade, before, after, delta: after - before };
  });
}

export const scoreDelta = (c: ScoreChangePreview): number => (c.to.score ?? 0) - (c.from.score ?? 0);

const n = (x: number) => x.toLocaleString("en-IN");

/** "12 of 200 leads would change: 9 up, 3 down" */
export function scoringDryRunSummary(run: ScoringDryRun): string {
  if (!run.leads) return "There are no leads to try the rules on yet.";
  if (!run.changed) return `None of the latest ${n(run.leads)} leads would change score or grade.`;
  const up = run.changes.filter((c) => scoreDelta(c) > 0).length;
  const down = run.changes.filter((c) => scoreDelta(c) < 0).length;
  const moves = [up && `${n(up)} up`, down && `${n(down)} down`].filter(Boolean).join(", ");
  return `${n(run.changed)} of ${n(run.leads)} leads would change${moves ? `: ${moves}` : ""}.`;
}

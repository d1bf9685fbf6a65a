// A lead's score history (`GET /api/leads/:id/score_history`, newest first) as the "Why this score"
// panel reads it: the rules that hold now, the behaviour points on top, and how the score moved.
import { type Tone, choicesOf } from "../../components/toneModel.ts";
import { SCORE_REASONS as REASONS, type ScoreReason } from "../../../../core/vocabulary.ts";

/** "+20", "−5": points with their sign always shown, and a real minus sign. */
export const signed = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : "±0");
export const pointsTone = (n: number): Tone => (n > 0 ? "green" : n < 0 ? "red" : "grey");

export interface RuleHit {
  id: string;
  name: string;
  points: number;
}

export interface ScoreHistoryEntry {
  id: string | number;
  score: number;
  previous_score: number;
  delta: number;
  grade: string;
  reason: ScoreReason;
  cause: string | null;
  details: { fit?: number; rules?: RuleHit[] } | null;
  rule_version: number | null;
  created_at: string;
}

export const SCORE_REASONS = choicesOf(REASONS, {
  rules: ["Scored on arrival", "blue"],
  rescore: ["Rules changed", "violet"],
  behaviour: ["Engagement", "green"],
  decay: ["Decay", "amber"],
});

export interface ScoreBreakdown {
  hits: RuleHit[];
  /** Points from the rules (may be negative). */
  fit: number;
  /** Points from engagement, net of decay. */
  behaviour: number;
  /** The sum before the score is held to 0–100. */
  raw: number;
  score: number;
  version: number | null;
}

/**
 * Why the lead has its score now: the rule hits of the latest entry (every entry re-evaluates all
 * rules), plus the lead's behaviour points. Null when it was never scored.
 */
export function scoreBreakdown(
  entries: readonly ScoreHistoryEntry[],
  lead: { lead_score?: unknown; behaviour_score?: unknown },
): ScoreBreakdown | null {
  const latest = entries[0];
  if (!latest) return null;
  const hits = latest.details?.rules ?? [];
  const fit = Number(latest.details?.fit ?? hits.reduce((s, h) => s + h.points, 0)) || 0;
  const behaviour = Number(lead.behaviour_score) || 0;
  const score = Number.isFinite(Number(lead.lead_score)) ? Number(lead.lead_score) : latest.score;
  return { hits, fit, behaviour, raw: fit + behaviour, score, version: latest.rule_version };
}

/** What a clamped total means, when the sum of the parts is not the score. */
export function clampNote(b: ScoreBreakdown): string | null {
  if (b.raw > 100) return `${b.raw} points in all, held to 100`;
  if (b.raw < 0) return `−${Math.abs(b.raw)} points in all, held to 0`;
  return null;
}

/** Oldest first, for the chart: the score before the first entry, then after each. */
export function chartPoints(entries: readonly ScoreHistoryEntry[]): { at: number; score: number; reason: string }[] {
  const oldestFirst = [...entries].reverse();
  const points = oldestFirst.map((e): { at: number; score: number; reason: string } => ({
    at: Date.parse(e.created_at),
    score: e.score,
    reason: e.reason,
  }));
  const first = oldestFirst[0];
  if (first && first.previous_score !== first.score)
    points.unshift({ at: Date.parse(first.created_at) - 1, score: first.previous_score, reason: "start" });
  return points.filter((p) => Number.isFinite(p.at));
}

/** One history line's why: the engagement or decay cause, then the rules that held ("+20 Budget, −5 Free mail"). */
export function entryWhy(entry: ScoreHistoryEntry): string {
  const hits = entry.details?.rules ?? [];
  const rules = hits.map((h) => `${h.points >= 0 ? "+" : "−"}${Math.abs(h.points)} ${h.name}`).join(", ");
  const parts = [entry.cause, entry.reason === "rules" || entry.reason === "rescore" ? rules || "no rule matched" : null];
  return parts.filter(Boolean).join("; ");
}

import { z } from "zod";
import { compileCondition, conditionSchema, type Condition, type Lead } from "../rules/condition.ts";
import { BEHAVIOURS, type Behaviour, type LeadGrade, type LeadPriority } from "../vocabulary.ts";

export { BEHAVIOURS, type Behaviour };

export interface ScoringRule {
  id: string;
  name: string;
  condition: Condition;
  points: number;
  active?: boolean;
}

/** Points per behaviour and the decay of idle leads: a tenant setting (`settings.scoring`). */
export const scoringSettingsSchema = z
  .object({
    behaviour: z
      .object(Object.fromEntries(BEHAVIOURS.map((b) => [b, z.number().int().min(-100).max(100)])) as Record<Behaviour, z.ZodNumber>)
      .partial(),
    decay: z.object({ points: z.number().int().min(0).max(100), every_days: z.number().int().min(1).max(365) }).nullable(),
  })
  .partial();
export type ScoringSettings = { behaviour: Record<Behaviour, number>; decay: { points: number; every_days: number } | null };

export const DEFAULT_SCORING_SETTINGS: ScoringSettings = {
  behaviour: { email_opened: 2, link_clicked: 5, email_replied: 10, form_resubmitted: 5, meeting: 15, site_visit: 1, demo: 20 },
  decay: { points: 5, every_days: 7 },
};

export function scoringSettingsFrom(stored: unknown): ScoringSettings {
  const s = scoringSettingsSchema.safeParse(stored ?? {});
  const v = s.success ? s.data : {};
  return {
    behaviour: { ...DEFAULT_SCORING_SETTINGS.behaviour, ...v.behaviour },
    decay: v.decay === undefined ? DEFAULT_SCORING_SETTINGS.decay : v.decay,
  };
}

export const scoringRuleSchema = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullish(),
  condition: conditionSchema,
  points: z.number().int().min(-100).max(100),
  active: z.boolean().optional(),
});

/** Grade and priority follow the score: what a rep sorts by at a glance. */
export function gradeOf(score: number): LeadGrade {
  return score >= 75 ? "A" : score >= 50 ? "B" : score >= 25 ? "C" : "D";
}
export function priorityOf(score: number): LeadPriority {
  return score >= 85 ? "urgent" : score >= 60 ? "high" : score >= 30 ? "medium" : "low";
}

export interface RuleHit {
  id: string;
  name: string;
  points: number;
}

export interface Scored {
  /** Points from the rules on the lead's fields. */
  fit: number;
  score: number;
  grade: string;
  priority: string;
  hits: RuleHit[];
}

export type CompiledRules = (lead: Lead, now: Date) => { fit: number; hits: RuleHit[] };

/** A rule set made into one function: each active rule's condition compiled once. */
export function compileScoringRules(rules: ScoringRule[]): CompiledRules {
  const compiled = rules
    .filter((r) => r.active !== false)
    .map((r) => ({ hit: { id: r.id, name: r.name, points: r.points }, test: compileCondition(r.condition) }));
  return (lead, now) => {
    const hits: RuleHit[] = [];
    let fit = 0;
    for (const c of compiled) {
      if (!c.test(lead, now)) continue;
      hits.push(c.hit);
      fit += c.hit.points;
    }
    return { fit, hits };
  };
}

/** The score (0–100) is the fit from the rules plus the points earned by behaviour. */
export function scoreOf(rules: CompiledRules, lead: Lead, behaviour: number, now: Date): Scored {
  const { fit, hits } = rules(lead, now);
  const score = Math.max(0, Math.min(100, Math.round(fit + behaviour)));
  return { fit, score, grade: gradeOf(score), priority: priorityOf(score), hits };
}

/** "+20 Budget ≥ 5 lakh, −5 Free mail": the why of a score, for the timeline. */
export const describeHits = (hits: RuleHit[]) => hits.map((h) => `${h.points >= 0 ? "+" : "−"}${Math.abs(h.points)} ${h.name}`).join(", ");

import type { Knex } from "knex";
import { insertAll } from "../db.ts";
import { eventRow } from "../events/outbox.ts";
import { convertIfRuleHolds } from "../crm/conversion-rules.ts";
import { enrolByRules } from "../nurture/enrol.ts";
import { timelineRow } from "../lead/timeline.ts";
import { describeHits, scoreOf, type Behaviour, type Scored, type ScoringSettings } from "./score.ts";
import type { RuleSets } from "../rules/rule-sets.ts";
import type { ScoreReason } from "../vocabulary.ts";

export interface ScoreChange {
  tenantId: string;
  leadId: string;
  previous: number;
  scored: Scored;
  reason: ScoreReason;
  cause?: string | null;
  version: number;
  engagementId?: string | null;
  now: Date;
}

const TITLES: Record<ScoreChange["reason"], string> = {
  rules: "Scored",
  rescore: "Re-scored",
  behaviour: "Score changed",
  decay: "Score decayed",
};

/** Score changes as score history rows (the why, rule by rule) and timeline rows, to write with others. */
export function scoreRows(changes: ScoreChange[]) {
  return {
    history: changes.map((c) => ({
      tenant_id: c.tenantId,
      lead_id: c.leadId,
      score: c.scored.score,
      previous_score: c.previous,
      delta: c.scored.score - c.previous,
      grade: c.scored.grade,
      reason: c.reason,
      cause: c.cause ?? null,
      details: { fit: c.scored.fit, rules: c.scored.hits },
      rule_version: c.version,
      engagement_id: c.engagementId ?? null,
      created_at: c.now,
    })),
    timeline: changes.map((c) => {
      const { scored } = c;
      const why = [
        c.cause,
        scored.hits.length ? describeHits(scored.hits) : c.reason === "rules" || c.reason === "rescore" ? "no rule matched" : null,
      ]
        .filter(Boolean)
        .join("; ");
      return timelineRow(c.tenantId, c.leadId, c.now, {
        action: "lead.scored",
        title: `${TITLES[c.reason]} ${c.reason === "rules" ? "" : `${c.previous} → `}${scored.score} (${scored.grade}) by scoring rules v${c.version}`,
        body: why || null,
        data: { score: scored.score, previous: c.previous, grade: scored.grade, reason: c.reason, rules: scored.hits, version: c.version },
      });
    }),
  };
}

/** Score changes as the rows to write: history, timeline entries and the `lead.scored` events subscribers hear. */
export function scoreChangeRows(changes: ScoreChange[]) {
  const { history, timeline } = scoreRows(changes);
  const events = changes.map((c) =>
    eventRow({
      tenantId: c.tenantId,
      type: "lead.scored",
      recordType: "lead",
      recordId: c.leadId,
      now: c.now,
      payload: {
        id: c.leadId,
        lead_score: c.scored.score,
        previous_score: c.previous,
        grade: c.scored.grade,
        priority: c.scored.priority,
        reason: c.reason,
        rule_version: c.version,
      },
    }),
  );
  return { history, timeline, events };
}

/** Score changes written: three inserts in one statement, however many. */
export async function recordScores(trx: Knex, changes: ScoreChange[]): Promise<void> {
  const { history, timeline, events } = scoreChangeRows(changes);
  await insertAll(trx, [
    ["score_history", history],
    ["activities", timeline],
    ["outbox_events", events],
  ]);
}

export const recordScore = (trx: Knex, c: ScoreChange) => recordScores(trx, [c]);

/**
 * Behaviour points for one engagement (an open, a click, a reply, a meeting…), counted once per
 * engagement, and the score recomputed with the current rules. Returns false when already counted.
 */
export async function addBehaviourPoints(
  trx: Knex.Transaction,
  input: {
    tenantId: string;
    leadId: string;
    behaviour: Behaviour;
    engagementId: string | null;
    sets: RuleSets;
    settings: ScoringSettings;
    now: Date;
  },
): Promise<boolean> {
  const points = input.settings.behaviour[input.behaviour] ?? 0;
  if (!points) return false;
  if (input.engagementId && (await trx("score_history").where("engagement_id", input.engagementId).first("id"))) return false;
  const lead = await trx("leads").where({ id: input.leadId, tenant_id: input.tenantId }).whereNull("deleted_at").forUpdate().first();
  if (!lead) return false;
  const behaviour = Math.max(0, lead.behaviour_score + points);
  const scored = scoreOf(input.sets.score, lead, behaviour, input.now);
  await trx("leads").where("id", lead.id).update({
    behaviour_score: behaviour,
    lead_score: scored.score,
    grade: scored.grade,
    priority: scored.priority,
    score_version: input.sets.scoringVersion,
    last_activity_at: input.now,
    decayed_at: null,
    updated_at: input.now,
  });
  await recordScore(trx, {
    tenantId: input.tenantId,
    leadId: lead.id,
    previous: lead.lead_score,
    scored,
    reason: "behaviour",
    cause: `${points >= 0 ? "+" : "−"}${Math.abs(points)} ${input.behaviour.replace(/_/g, " ")}`,
    version: input.sets.scoringVersion,
    engagementId: input.engagementId,
    now: input.now,
  });
  // A higher score may be what a conversion rule or an enrolment rule (a score band) waits for.
  const after = { ...lead, behaviour_score: behaviour, lead_score: scored.score, grade: scored.grade, priority: scored.priority };
  await convertIfRuleHolds(trx, input.tenantId, after, input.now, null, input.sets.conversion);
  // The first step is due at once; the nurture sweep schedules it (this runs inside callers' transactions).
  if (input.sets.enrol.length) await enrolByRules(trx, input.tenantId, [after], "changed", input.sets, input.now);
  return true;
}

import { describe, expect, it } from "vitest";
import {
  type ScoreHistoryEntry,
  chartPoints,
  clampNote,
  entryWhy,
  pointsTone,
  scoreBreakdown,
  signed,
} from "../../admin/src/resources/leads/scoreHistoryModel.ts";
import { slaState } from "../../admin/src/resources/leads/leadModel.ts";

const entry = (over: Partial<ScoreHistoryEntry>): ScoreHistoryEntry => ({
  id: 1,
  score: 40,
  previous_score: 0,
  delta: 40,
  grade: "C",
  reason: "rules",
  cause: null,
  details: {
    fit: 40,
    rules: [
      { id: "r1", name: "Budget ≥ 5 lakh", points: 20 },
      { id: "r2", name: "Referral", points: 20 },
    ],
  },
  rule_version: 3,
  created_at: "2026-11-20T10:00:00Z",
  ...over,
});

// Newest first, as the API answers.
const history = [
  entry({
    id: 3,
    score: 45,
    previous_score: 60,
    delta: -15,
    grade: "C",
    reason: "decay",
    cause: "−15 idle 7 days",
    created_at: "2026-11-29T03:00:00Z",
  }),
  entry({
    id: 2,
    score: 60,
    previous_score: 40,
    delta: 20,
    grade: "B",
    reason: "behaviour",
    cause: "+20 demo",
    created_at: "2026-11-21T10:00:00Z",
  }),
  entry({ id: 1 }),
];

describe("scoreBreakdown", () => {
  it("when scored, then the latest entry's rules plus the lead's behaviour points make the score", () => {
    expect(scoreBreakdown(history, { lead_score: 45, behaviour_score: 5 })).toEqual({
      hits: history[0].details!.rules,
      fit: 40,
      behaviour: 5,
      raw: 45,
      score: 45,
      version: 3,
    });
    expect(scoreBreakdown([], { lead_score: 0 })).toBeNull();
  });

  it("when the parts add up past 100 or below 0, then a note says the score is held", () => {
    const b = scoreBreakdown([entry({ details: { fit: 90, rules: [] } })], { lead_score: 100, behaviour_score: 30 })!;
    expect(clampNote(b)).toBe("120 points in all, held to 100");
    expect(clampNote(scoreBreakdown([entry({ details: { fit: -30, rules: [] } })], { lead_score: 0, behaviour_score: 0 })!)).toBe(
      "−30 points in all, held to 0",
    );
    expect(clampNote(scoreBreakdown(history, { lead_score: 45, behaviour_score: 5 })!)).toBeNull();
  });
});

describe("chartPoints and entryWhy", () => {
  it("when charted, then oldest first, starting from the score before the first change", () => {
    expect(chartPoints(history).map((p) => p.score)).toEqual([0, 40, 60, 45]);
  });

  it("when a change is explained, then its cause, and the rules for rule scoring", () => {
    expect(entryWhy(history[2])).toBe("+20 Budget ≥ 5 lakh, +20 Referral");
    expect(entryWhy(history[1])).toBe("+20 demo");
    expect(entryWhy(entry({ reason: "rescore", cause: "scoring rules changed", details: { fit: 0, rules: [] } }))).toBe(
      "scoring rules changed; no rule matched",
    );
  });
});

describe("signed points", () => {
  it("when points are shown, then always with a sign, a real minus, and a tone by sign", () => {
    expect([signed(20), signed(-5), signed(0)]).toEqual(["+20", "−5", "±0"]);
    expect([pointsTone(5), pointsTone(-5), pointsTone(0)]).toEqual(["green", "red", "grey"]);
  });
});

describe("slaState", () => {
  const now = new Date("2026-11-22T10:00:00Z");
  it("when a lead has an SLA, then due, overdue or missed; nothing once contacted", () => {
    expect(slaState({ sla_due_at: "2026-11-22T10:30:00Z" }, now)).toMatchObject({
      tone: "amber",
      label: expect.stringMatching(/^Contact by /),
    });
    expect(slaState({ sla_due_at: "2026-11-22T09:30:00Z" }, now)).toEqual({ label: "SLA overdue", tone: "red" });
    expect(slaState({ sla_due_at: "2026-11-22T09:30:00Z", sla_breached_at: "2026-11-22T09:31:00Z" }, now)).toEqual({
      label: "SLA missed",
      tone: "red",
    });
    expect(slaState({ sla_due_at: "2026-11-22T10:30:00Z", first_contacted_at: "2026-11-22T09:50:00Z" }, now)).toBeNull();
    expect(slaState({}, now)).toBeNull();
  });
});

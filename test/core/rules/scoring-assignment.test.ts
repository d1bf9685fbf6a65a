import { describe, expect, it } from "vitest";
import { compileScoringRules, gradeOf, priorityOf, scoreOf, scoringSettingsFrom, type ScoringRule } from "../../../core/scoring/score.ts";
import { isWorking, pickRep, weightedCycle, type Rep } from "../../../core/assignment/pick.ts";
import { compileAssignmentRules, type AssignmentRule } from "../../../core/assignment/rules.ts";

const now = new Date("2026-12-01T06:30:00Z"); // Tuesday 12:00 in Kolkata

describe("scoring", () => {
  const rules: ScoringRule[] = [
    { id: "1", name: "Budget ≥ 5 lakh", points: 20, condition: { all: [{ field: "budget", op: "gte", value: 500000 }] } },
    { id: "2", name: "Decision maker", points: 15, condition: { all: [{ field: "authority", op: "eq", value: "decision maker" }] } },
    { id: "3", name: "Referral", points: 10, condition: { all: [{ field: "source", op: "eq", value: "referral" }] } },
    { id: "4", name: "Free mail", points: -5, condition: { all: [{ field: "is_free_mail", op: "eq", value: true }] } },
    { id: "5", name: "Outside the sales area", points: -30, condition: { all: [{ field: "country", op: "not_in", value: ["IN", "AE"] }] } },
    { id: "6", name: "Inactive rule", points: 50, active: false, condition: { all: [] } },
  ];
  const score = compileScoringRules(rules);

  it("when rules match, then the score is their sum plus behaviour, with grade and priority", () => {
    const s = scoreOf(
      score,
      { budget: 600000, authority: "Decision Maker", source: "referral", email: "a@gmail.com", country: "IN" },
      12,
      now,
    );
    expect(s).toMatchObject({ fit: 40, score: 52, grade: "B", priority: "medium" });
    expect(s.hits.map((h) => h.id)).toEqual(["1", "2", "3", "4"]);
  });

  it("when the points go past the ends, then the score stays within 0–100", () => {
    expect(scoreOf(score, { country: "US", email: "x@yahoo.com" }, 0, now).score).toBe(0);
    expect(scoreOf(score, { budget: 1e7, authority: "decision maker", source: "referral", country: "IN" }, 90, now).score).toBe(100);
  });

  it("when scores are graded, then the bands are A ≥ 75, B ≥ 50, C ≥ 25, D below", () => {
    expect([100, 75, 74, 50, 49, 25, 24, 0].map(gradeOf)).toEqual(["A", "A", "B", "B", "C", "C", "D", "D"]);
    expect([85, 60, 30, 29].map(priorityOf)).toEqual(["urgent", "high", "medium", "low"]);
  });

  it("when settings are stored partly or badly, then the defaults fill in", () => {
    expect(scoringSettingsFrom({ behaviour: { demo: 30 } }).behaviour).toMatchObject({ demo: 30, email_opened: 2 });
    expect(scoringSettingsFrom({ decay: null }).decay).toBeNull();
    expect(scoringSettingsFrom("nonsense").decay).toEqual({ points: 5, every_days: 7 });
  });
});

describe("assignment", () => {
  const rep = (id: string, extra: Partial<Rep> = {}): Rep => ({
    id,
    name: id,
    email: `${id}@x`,
    weight: 1,
    capacity: null,
    working_hours: null,
    time_zone: null,
    out_of_office: false,
    notify_new_leads: "off",
    ...extra,
  });
  const team = ["a", "b", "c"].map((id) => rep(id));
  const all = () => true;
  const none = () => 0;

  it("when rules are ordered, then the first match wins and inactive rules are skipped", () => {
    const base = { target_user_id: "u", target_team_id: null, strategy: "round_robin", sla_minutes: null, sla_action: "reassign" } as const;
    const rules: AssignmentRule[] = [
      { ...base, id: "late", name: "Everyone", priority: 100, condition: { all: [] } },
      { ...base, id: "off", name: "Off", priority: 1, active: false, condition: { all: [] } },
      { ...base, id: "mh", name: "Maharashtra", priority: 10, condition: { all: [{ field: "state", op: "eq", value: "Maharashtra" }] } },
    ];
    const route = compileAssignmentRules(rules);
    expect(route({ state: "maharashtra" }, now)?.id).toBe("mh");
    expect(route({ state: "Kerala" }, now)?.id).toBe("late");
  });

  it("when round robin runs, then reps take turns and the pointer moves past the one who took it", () => {
    let pos = 0;
    const got = Array.from({ length: 7 }, () => {
      const p = pickRep(team, "round_robin", pos, all, none)!;
      pos = p.next;
      return p.rep.id;
    });
    expect(got.join("")).toBe("abcabca");
  });

  it("when a rep is unavailable, then the next one gets the lead", () => {
    const p = pickRep(team, "round_robin", 0, (r) => r.id !== "a", none)!;
    expect(p.rep.id).toBe("b");
    expect(p.next).toBe(2);
    expect(pickRep(team, "round_robin", 0, () => false, none)).toBeNull();
  });

  it("when weights are 5, 1, 1, then the weighted cycle spreads the heavy rep out", () => {
    expect(
      weightedCycle([5, 1, 1])
        .map((i) => "abc"[i])
        .join(""),
    ).toBe("aabacaa");
    expect(weightedCycle([0, 2])).toEqual([1, 1]);
  });

  it("when least loaded, then the rep with fewest open leads wins, ties in turn", () => {
    const open = (r: Rep) => ({ a: 5, b: 2, c: 2 })[r.id as "a"];
    expect(pickRep(team, "least_loaded", 0, all, open)!.rep.id).toBe("b");
    expect(pickRep(team, "least_loaded", 2, all, open)!.rep.id).toBe("c");
  });

  it("when working hours are set, then only those hours in the rep's zone count", () => {
    const weekdays = { mon: ["09:00", "18:00"], tue: ["09:00", "18:00"] } as const;
    expect(isWorking(weekdays as never, "Asia/Kolkata", now)).toBe(true); // 12:00 Tuesday
    expect(isWorking(weekdays as never, "America/New_York", now)).toBe(false); // 01:30 Tuesday
    expect(isWorking({ tue: [["22:00", "02:00"]] } as never, "America/New_York", now)).toBe(true);
    expect(isWorking({ wed: ["00:00", "23:59"] } as never, "Asia/Kolkata", now)).toBe(false);
    expect(isWorking(null, "UTC", now)).toBe(true);
  });
});

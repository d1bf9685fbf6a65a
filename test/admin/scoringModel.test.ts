import { describe, expect, it } from "vitest";
import { type RescoreRun, isRunActive, runProgress, runSummary } from "../../admin/src/scoring/rescoreModel.ts";
import { type ScoringDryRun, gradeRows, scoringDryRunSummary } from "../../admin/src/scoring/scoringModel.ts";
import { type ScoringSettings, decaySentence, sameSettings, settingsErrors } from "../../admin/src/scoring/scoringSettingsModel.ts";

const change = (from: number, to: number) => ({
  lead_id: `l${from}-${to}`,
  lead_number: "LEAD-202611-00001",
  name: "Meera Iyer",
  from: { score: from, grade: "C", priority: "medium" },
  to: { score: to, grade: "B", priority: "high" },
  rules: [],
});

describe("scoring dry run", () => {
  it("when some leads move, then the summary counts them up and down", () => {
    const run: ScoringDryRun = {
      leads: 200,
      changed: 3,
      grades: { before: {}, after: {} },
      changes: [change(40, 70), change(10, 30), change(50, 45)],
    };
    expect(scoringDryRunSummary(run)).toBe("3 of 200 leads would change: 2 up, 1 down.");
    expect(scoringDryRunSummary({ ...run, changed: 0, changes: [] })).toBe("None of the latest 200 leads would change score or grade.");
    expect(scoringDryRunSummary({ leads: 0, changed: 0, changes: [], grades: { before: {}, after: {} } })).toContain("no leads");
  });

  it("when grades move, then every grade has a row with its change, and unscored leads only when there are some", () => {
    expect(gradeRows({ before: { A: 1, C: 3 }, after: { A: 2, B: 1, C: 1 } })).toEqual([
      { grade: "A", before: 1, after: 2, delta: 1 },
      { grade: "B", before: 0, after: 1, delta: 1 },
      { grade: "C", before: 3, after: 1, delta: -2 },
      { grade: "D", before: 0, after: 0, delta: 0 },
    ]);
    expect(gradeRows({ before: { "–": 4 }, after: { D: 4 } }).map((r) => r.grade)).toEqual(["A", "B", "C", "D", "–"]);
  });
});

const run = (over: Partial<RescoreRun>): RescoreRun => ({
  id: "r1",
  status: "running",
  rule_version: 6,
  total: 0,
  processed: 0,
  changed: 0,
  created_at: "2026-11-22T10:00:00Z",
  ...over,
});

describe("re-score runs", () => {
  it("when running, then processed over total; when done, then full; polling only while queued or running", () => {
    expect(runProgress(run({ total: 300, processed: 75 }))).toBe(25);
    expect(runProgress(run({ status: "done", total: 0 }))).toBe(100);
    expect(isRunActive(run({ status: "queued" }))).toBe(true);
    expect(isRunActive(run({ status: "failed" }))).toBe(false);
    expect(isRunActive(null)).toBe(false);
  });

  it("when each state, then one sentence", () => {
    expect(runSummary(run({ total: 1500, processed: 200 }))).toBe("Re-scored 200 of 1,500 leads");
    expect(runSummary(run({ status: "done", processed: 1, changed: 1 }))).toBe("Re-scored 1 lead with rules v6: 1 changed");
    expect(runSummary(run({ status: "failed", error: "database down" }))).toContain("database down");
  });
});

const settings: ScoringSettings = {
  behaviour: { email_opened: 2, link_clicked: 5, email_replied: 10, form_resubmitted: 5, meeting: 15, site_visit: 1, demo: 20 },
  decay: { points: 5, every_days: 7 },
};

describe("scoring settings", () => {
  it("when values are out of the API's range, then errors use its paths", () => {
    expect(settingsErrors(settings)).toEqual({});
    const errors = settingsErrors({
      behaviour: { ...settings.behaviour, demo: 150, meeting: Number.NaN },
      decay: { points: -1, every_days: 0 },
    });
    expect(Object.keys(errors).sort()).toEqual(["behaviour.demo", "behaviour.meeting", "decay.every_days", "decay.points"]);
  });

  it("when compared, then decay off differs from on, and the sentence says what decay does", () => {
    expect(sameSettings(settings, { ...settings, behaviour: { ...settings.behaviour } })).toBe(true);
    expect(sameSettings(settings, { ...settings, decay: null })).toBe(false);
    expect(decaySentence(null)).toBe("Behaviour points never expire.");
    expect(decaySentence({ points: 5, every_days: 7 })).toContain("idle for 7 days loses 5 behaviour points");
  });
});

import { describe, expect, it } from "vitest";
import {
  diffDraft,
  diffSummary,
  moveItem,
  nextDraftKey,
  publishErrorLines,
  publishQuestion,
  removeItem,
  stableJson,
  toDraft,
  upsertItem,
} from "../../admin/src/rules/draftModel.ts";
import { activeCount, versionChange } from "../../admin/src/rules/versionModel.ts";
import { type ScoringRule, scoringPayload, scoringRuleErrors } from "../../admin/src/scoring/scoringModel.ts";

const rule = (id: string, name: string, points = 10): ScoringRule => ({
  id,
  name,
  points,
  condition: { all: [{ field: "source", op: "eq", value: name.toLowerCase() }] },
  active: true,
});
const saved = [rule("a", "Referral", 20), rule("b", "Website", 5), rule("c", "Partner", 10)];

describe("draft edits", () => {
  it("when an item is moved, then the others keep their order; out-of-range moves change nothing", () => {
    expect(moveItem(["a", "b", "c", "d"], 0, 2)).toEqual(["b", "c", "a", "d"]);
    expect(moveItem(["a", "b", "c", "d"], 3, 0)).toEqual(["d", "a", "b", "c"]);
    expect(moveItem(["a", "b"], 0, 5)).toEqual(["a", "b"]);
  });

  it("when a new rule is added, then it gets a key no other item has and lands last; an edit replaces in place", () => {
    const draft = toDraft(saved);
    const key = nextDraftKey([...draft, { key: "new-4" }]);
    expect(key).toBe("new-5");
    const added = upsertItem(draft, { ...rule("", "Event", 15), id: undefined, key });
    expect(added.map((r) => r.name)).toEqual(["Referral", "Website", "Partner", "Event"]);
    expect(upsertItem(added, { ...added[1], points: 7 }).map((r) => r.points)).toEqual([20, 7, 10, 15]);
    expect(removeItem(added, "b").map((r) => r.name)).toEqual(["Referral", "Partner", "Event"]);
  });
});

describe("diffDraft", () => {
  it("when nothing changed but jsonb reordered keys, then the draft is clean", () => {
    const fromDb = saved.map((r) => ({
      ...r,
      condition: { all: [{ value: (r.condition as { all: { value: string }[] }).all[0].value, op: "eq", field: "source" }] },
    })) as ScoringRule[];
    const diff = diffDraft(fromDb, toDraft(saved), scoringPayload);
    expect(diff).toEqual({ added: [], removed: [], changed: [], reordered: false, dirty: false });
    expect(diffSummary(diff)).toBe("No changes");
  });

  it("when rules are added, changed, removed and moved, then each is named, and a removal alone is not a reorder", () => {
    let draft = toDraft(saved);
    draft = upsertItem(draft, { ...draft[0], points: 30 });
    draft = upsertItem(draft, { ...rule("", "Event"), id: undefined, key: "new-1" });
    draft = removeItem(draft, "b");
    expect(diffDraft(saved, draft, scoringPayload)).toMatchObject({
      added: ["Event"],
      changed: ["Referral"],
      removed: ["Website"],
      reordered: false,
      dirty: true,
    });
    const moved = moveItem(draft, 0, 1);
    const diff = diffDraft(saved, moved, scoringPayload);
    expect(diff.reordered).toBe(true);
    expect(diffSummary(diff)).toBe("1 added, 1 changed, 1 removed, order changed");
    expect(publishQuestion(diff, 3)).toBe(
      "1 added, 1 changed, 1 removed, order changed. The 3 rules, in this order, become a new version.",
    );
    expect(publishQuestion({ ...diff, added: [], changed: [], reordered: false }, 0)).toBe(
      "1 removed. An empty set (no rules) becomes a new version.",
    );
  });

  it("when only an empty description became null or a name gained spaces, then the rule is unchanged", () => {
    const draft = toDraft(saved).map((r, i) => (i === 0 ? { ...r, description: "  ", name: " Referral " } : r));
    expect(diffDraft(saved, draft, scoringPayload).dirty).toBe(false);
  });
});

describe("scoring rules", () => {
  it("when points are zero, out of range or not whole, then the error is on points; a blank name on name", () => {
    expect(scoringRuleErrors(rule("a", "Ok", 5))).toEqual({});
    expect(scoringRuleErrors(rule("a", "Ok", 0)).points).toContain("0 points");
    expect(scoringRuleErrors(rule("a", "Ok", 101)).points).toContain("−100 to 100");
    expect(scoringRuleErrors(rule("a", "Ok", 2.5)).points).toBeDefined();
    expect(Object.keys(scoringRuleErrors({ ...rule("a", " ", 5), condition: { all: [{ field: "city", op: "eq", value: "" }] } }))).toEqual([
      "name",
      "condition.0",
    ]);
  });

  it("when a rule is published, then the payload has typed values and no list position", () => {
    const payload = scoringPayload({
      ...rule("a", "Budget", 20),
      position: 30,
      condition: { all: [{ field: "budget", op: "gte", value: "500000" }] },
    });
    expect(payload).toEqual({
      id: "a",
      name: "Budget",
      description: null,
      condition: { all: [{ field: "budget", op: "gte", value: 500000 }] },
      active: true,
      points: 20,
    });
  });
});

describe("publishErrorLines", () => {
  it("when the API rejects a rule by index, then the line names the rule", () => {
    expect(
      publishErrorLines({ "rules.1.condition.all.0.value": '"in" takes a list of values', rules: "too many" }, ["Referral", "Website"]),
    ).toEqual(['“Website” (condition.all.0.value): "in" takes a list of values', "rules: too many"]);
  });
});

describe("versions", () => {
  it("when the API notes a change, then it reads as words, and the active rules are counted", () => {
    expect(versionChange('create "Referral"')).toBe('Added "Referral"');
    expect(versionChange('delete "Old"')).toBe('Removed "Old"');
    expect(versionChange("published 3 rules")).toBe("Published 3 rules");
    expect(versionChange("published 1 rules")).toBe("Published 1 rule");
    expect(versionChange("reordered")).toBe("Reordered");
    expect(versionChange(null)).toBe("Changed");
    expect(activeCount([{ active: true }, { active: false }, {}])).toBe(2);
  });

  it("when keys differ only in order, then stableJson is the same", () => {
    expect(stableJson({ b: 1, a: { d: [1, { y: 1, x: 2 }], c: 2 } })).toBe(stableJson({ a: { c: 2, d: [1, { x: 2, y: 1 }] }, b: 1 }));
  });
});

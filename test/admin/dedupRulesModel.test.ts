import { describe, expect, it } from "vitest";
import { type MatchRules, sameRules, thresholdBands, validateRules } from "../../admin/src/dedup/rulesModel.ts";

const defaults: MatchRules = {
  keys: { email: true, phone: true, name: true, company: true, tax: true, emailLocal: true, city: true },
  weights: { email: 0.7, phone: 0.6, name: 0.4, company: 0.2, emailLocal: 0.2, city: 0.05, contactConflict: 0.15 },
  autoMergeAt: 0.9,
  reviewAt: 0.6,
  sharedContactFrom: 3,
  sharedContactFactor: 0.5,
};

describe("validateRules", () => {
  it("when the rules are the defaults, then no errors", () => {
    expect(validateRules(defaults)).toEqual({});
  });
  it("when review is above auto-merge, then the error sits on reviewAt like the API's", () => {
    expect(validateRules({ ...defaults, reviewAt: 0.95 })).toEqual({ reviewAt: expect.stringContaining("must not exceed") });
  });
  it("when a weight or the shared-contact count is out of range, then each is named by its API path", () => {
    const errors = validateRules({ ...defaults, weights: { ...defaults.weights, city: 1.5 }, sharedContactFrom: 1.5 });
    expect(Object.keys(errors).sort()).toEqual(["sharedContactFrom", "weights.city"]);
    expect(validateRules({ ...defaults, sharedContactFrom: Number.NaN })).toHaveProperty("sharedContactFrom");
  });
});

describe("sameRules", () => {
  it("when only key order differs, then the same; when a switch flips, then not", () => {
    const reordered = { ...defaults, keys: Object.fromEntries(Object.entries(defaults.keys).reverse()) as MatchRules["keys"] };
    expect(sameRules(defaults, reordered)).toBe(true);
    expect(sameRules(defaults, { ...defaults, keys: { ...defaults.keys, city: false } })).toBe(false);
  });
});

describe("thresholdBands", () => {
  it("when thresholds are the defaults, then new / review / auto-merge spans cover 0..1", () => {
    expect(thresholdBands(defaults)).toEqual([
      { label: "New lead", from: 0, to: 0.6 },
      { label: "Review", from: 0.6, to: 0.9 },
      { label: "Auto-merge", from: 0.9, to: 1 },
    ]);
  });
  it("when review equals auto-merge, then there is no review band", () => {
    expect(thresholdBands({ reviewAt: 0.8, autoMergeAt: 0.8 }).map((b) => b.label)).toEqual(["New lead", "Auto-merge"]);
  });
});

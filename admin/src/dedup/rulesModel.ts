// The tenant's duplicate-matching rules as the settings page edits them (`GET/PUT /api/dedup/rules`).

export type MatchKey = "email" | "phone" | "name" | "company" | "tax" | "emailLocal" | "city";
export type WeightKey = "email" | "phone" | "name" | "company" | "emailLocal" | "city" | "contactConflict";

export interface MatchRules {
  keys: Record<MatchKey, boolean>;
  weights: Record<WeightKey, number>;
  autoMergeAt: number;
  reviewAt: number;
  sharedContactFrom: number;
  sharedContactFactor: number;
}

export interface RulesResponse {
  rules: MatchRules;
  defaults: MatchRules;
}

export const MATCH_KEYS: readonly { key: MatchKey; label: string; help: string }[] = [
  { key: "email", label: "Email", help: "Same address, however it is written (dots, +tags, common typos)" },
  { key: "phone", label: "Phone", help: "Same number in any format" },
  { key: "name", label: "Name", help: "Same, similar or nickname-compatible name" },
  { key: "company", label: "Company", help: "Same company name" },
  { key: "tax", label: "GSTIN / PAN", help: "Tax ids as company evidence" },
  { key: "emailLocal", label: "Email handle", help: "Same free-mail handle on another provider" },
  { key: "city", label: "City", help: "Same city, a small nudge" },
];

export const WEIGHTS: readonly { key: WeightKey; label: string }[] = [
  { key: "email", label: "Email" },
  { key: "phone", label: "Phone" },
  { key: "name", label: "Name" },
  { key: "company", label: "Company" },
  { key: "emailLocal", label: "Email handle" },
  { key: "city", label: "City" },
  { key: "contactConflict", label: "Different email and phone (taken off)" },
];

export const percent = (x: number): string => `${Math.round(x * 100)}%`;

const inUnit = (x: unknown) => typeof x === "number" && Number.isFinite(x) && x >= 0 && x <= 1;

/**
 * The same checks as the API's schema, keyed by the API's error paths (`weights.email`,
 * `reviewAt`), so a client-side and a server-side error land under the same control.
 */
export function validateRules(r: MatchRules): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const { key } of WEIGHTS) if (!inUnit(r.weights[key])) errors[`weights.${key}`] = "A weight is between 0 and 1";
  if (!inUnit(r.autoMergeAt)) errors.autoMergeAt = "Between 0 and 1";
  if (!inUnit(r.reviewAt)) errors.reviewAt = "Between 0 and 1";
  else if (inUnit(r.autoMergeAt) && r.reviewAt > r.autoMergeAt)
    errors.reviewAt = "The review threshold must not exceed the auto-merge threshold";
  if (!Number.isInteger(r.sharedContactFrom) || r.sharedContactFrom < 2) errors.sharedContactFrom = "A whole number, 2 or more";
  if (!inUnit(r.sharedContactFactor)) errors.sharedContactFactor = "Between 0 and 1";
  return errors;
}

/** Whether the form holds something other than what is saved (Save and Discard only then). */
export function sameRules(a: MatchRules, b: MatchRules): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

const canonical = (r: MatchRules) => ({
  keys: Object.fromEntries(MATCH_KEYS.map(({ key }) => [key, r.keys[key]])),
  weights: Object.fromEntries(WEIGHTS.map(({ key }) => [key, r.weights[key]])),
  autoMergeAt: r.autoMergeAt,
  reviewAt: r.reviewAt,
  sharedContactFrom: r.sharedContactFrom,
  sharedContactFactor: r.sharedContactFactor,
});

/** Score ranges and what intake does in each, for the bar under the thresholds. */
export function thresholdBands(r: Pick<MatchRules, "reviewAt" | "autoMergeAt">): { label: string; from: number; to: number }[] {
  const review = Math.min(r.reviewAt, r.autoMergeAt);
  return [
    { label: "New lead", from: 0, to: review },
    { label: "Review", from: review, to: r.autoMergeAt },
    { label: "Auto-merge", from: r.autoMergeAt, to: 1 },
  ].filter((b) => b.to > b.from || (b.label === "Auto-merge" && b.from === 1));
}

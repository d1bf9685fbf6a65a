import type { RuleKind } from "./draftModel.ts";

/** A saved version of a rule set (`GET /api/rule_versions`): every change of a set makes one. */
export interface RuleVersion {
  id: string;
  kind: RuleKind;
  version: number;
  /** The whole set as it stood after the change. */
  rules: unknown[];
  change: string | null;
  created_by: string | null;
  created_at: string;
}

const VERBS: Record<string, string> = { create: "Added", update: "Changed", delete: "Removed" };

/**
 * The API's change note in words: `create "Referral"` (one rule saved through the resource) reads
 * "Added "Referral"", `published 1 rules` reads "Published 1 rule".
 */
export function versionChange(change: string | null | undefined): string {
  if (!change) return "Changed";
  const m = /^(create|update|delete) (.*)$/.exec(change);
  if (m) return `${VERBS[m[1]]} ${m[2]}`;
  const published = /^published (\d+) rules$/.exec(change);
  if (published) return `Published ${published[1]} ${published[1] === "1" ? "rule" : "rules"}`;
  return change.charAt(0).toUpperCase() + change.slice(1);
}

/** How many active rules a version held, for the history line. */
export function activeCount(rules: unknown): number {
  if (!Array.isArray(rules)) return 0;
  return rules.filter((r) => r && typeof r === "object" && (r as { active?: unknown }).active !== false).length;
}

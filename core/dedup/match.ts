import type { Knex } from "knex";
import { lockAndFindCandidates, toCandidate, type CandidateRow } from "./candidates.ts";
import type { MatchKeys } from "./keys.ts";
import { DEFAULT_MATCH_RULES, rulesFrom, type MatchRules } from "./rules.ts";
import { scoreCandidates, type Candidate, type ScoredCandidate } from "./score.ts";

export interface Match extends ScoredCandidate {
  row: CandidateRow;
}

export interface MatchOptions {
  rules?: MatchRules;
  /** The tenant's phone region, for candidates' numbers stored without a country (never, after intake). */
  region: string;
  /** Leads not to match (the lead itself, in a scan). */
  exclude?: string[];
  /** Pairs people marked "not a duplicate" with the lead being matched. */
  excludePairsOf?: string;
  /** The lead being matched is itself stored (a scan): it is not one more lead sharing a contact. */
  selfStored?: boolean;
}

/**
 * Dedup of one lead inside the caller's transaction: lock its exact keys, fetch candidates through
 * the blocking indexes, rank them. The best match first; an empty list means nobody like it.
 * The locks hold until the transaction ends, so the caller writes its decision before anyone else
 * with the same email or phone can look.
 */
export async function matchLead(trx: Knex.Transaction, tenantId: string, keys: MatchKeys, opts: MatchOptions): Promise<Match[]> {
  const rules = opts.rules ?? DEFAULT_MATCH_RULES;
  let rows = await lockAndFindCandidates(trx, tenantId, keys, { exclude: opts.exclude, byName: nameAloneMatters(rules) });
  if (opts.excludePairsOf && rows.length) rows = await withoutExcludedPairs(trx, opts.excludePairsOf, rows);
  if (!rows.length) return [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const candidates = rows.map((r) => toCandidate(r, opts.region));
  return scoreCandidates(keys, opts.selfStored ? candidates.map((c) => withoutSelf(c, keys)) : candidates, rules)
    .filter((s) => s.decision !== "new")
    .map((s) => ({ ...s, row: byId.get(s.id)! }));
}

/** Whether a same name (and city) alone can reach a review under these rules; by default it cannot. */
export function nameAloneMatters(rules: MatchRules): boolean {
  return rules.keys.name && rules.weights.name + (rules.keys.city ? rules.weights.city : 0) >= rules.reviewAt;
}

/** A stored lead being matched (a scan) is not one more lead sharing its own email or phone. */
export function withoutSelf(c: Candidate, keys: MatchKeys): Candidate {
  const sharesPhone = c.phoneKeys[0] !== undefined && keys.phoneKeys.includes(c.phoneKeys[0]);
  const sharesEmail = keys.emailKey !== null && c.emailKey === keys.emailKey;
  return {
    ...c,
    phoneSharedBy: sharesPhone ? Math.max(1, (c.phoneSharedBy ?? 1) - 1) : c.phoneSharedBy,
    emailSharedBy: sharesEmail ? Math.max(1, (c.emailSharedBy ?? 1) - 1) : c.emailSharedBy,
  };
}

async function withoutExcludedPairs(trx: Knex, leadId: string, rows: CandidateRow[]): Promise<CandidateRow[]> {
  const ids = rows.map((r) => r.id);
  const excluded = await trx("dedup_exclusions")
    .where((q) => q.where("lead_a", leadId).whereIn("lead_b", ids))
    .orWhere((q) => q.where("lead_b", leadId).whereIn("lead_a", ids))
    .select("lead_a", "lead_b");
  const out = new Set(excluded.flatMap((e) => [e.lead_a, e.lead_b]));
  return rows.filter((r) => !out.has(r.id));
}

/** What a job matching a tenant's leads needs from the tenant: its phone region and its rules. */
export async function tenantMatching(db: Knex, tenantId: string): Promise<{ region: string; rules: MatchRules }> {
  const t = await db("tenants").where("id", tenantId).first("default_region", db.raw("settings->'dedup' as rules"));
  return { region: t.default_region, rules: rulesFrom(t.rules) };
}

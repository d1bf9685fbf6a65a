import type { Knex } from "knex";
import { lockAndFindCandidates, toCandidate, type CandidateRow } from "./candidates.ts";
import { matchKeys, type MatchKeys } from "./keys.ts";
import { DEFAULT_MATCH_RULES, type MatchRules } from "./rules.ts";
import { scoreCandidates, type ScoredCandidate } from "./score.ts";

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
  if (opts.selfStored) rows = rows.map((r) => withoutSelf(r, keys));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return scoreCandidates(keys, rows.map((r) => toCandidate(r, opts.region)), rules)
    .filter((s) => s.decision !== "new")
    .map((s) => ({ ...s, row: byId.get(s.id)! }));
}

/** Whether a same name (and city) alone can reach a review under these rules; by default it cannot. */
export function nameAloneMatters(rules: MatchRules): boolean {
  return rules.keys.name && rules.weights.name + (rules.keys.city ? rules.weights.city : 0) >= rules.reviewAt;
}

function withoutSelf(row: CandidateRow, keys: MatchKeys): CandidateRow {
  const sharesPhone = row.phone_e164 !== null && keys.phoneKeys.includes(row.phone_e164);
  const sharesEmail = keys.emailKey !== null && matchKeys(row).emailKey === keys.emailKey;
  return {
    ...row,
    phone_shared_by: sharesPhone ? Math.max(1, row.phone_shared_by - 1) : row.phone_shared_by,
    email_shared_by: sharesEmail ? Math.max(1, row.email_shared_by - 1) : row.email_shared_by,
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

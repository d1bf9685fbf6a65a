import { rememberNewLeadKeys, storedLeadKeys, type CandidateRow } from "./candidates.ts";
import { planFields } from "./fields.ts";
import { matchKeys, type LeadLike, type MatchKeys } from "./keys.ts";
import type { Match } from "./match.ts";
import { nameAloneMatters } from "./match.ts";
import { DEFAULT_MATCH_RULES, type MatchRules } from "./rules.ts";
import { distinctiveHandle, scoreCandidates, type Candidate } from "./score.ts";

type Fields = Record<string, unknown>;

/** One arrival of an intake batch as dedup sees it: its keys, its fields, and what the batch lookup found for it. */
export interface Arrival {
  keys: MatchKeys;
  fields: Fields;
  /** Existing leads the candidate lookup found for this arrival (`dedup_candidates_batch`, tagged by index). */
  found: CandidateRow[];
}

export type ArrivalDecision =
  { kind: "create"; id: string; leadNumber: string; matches: Match[] } | { kind: "merge"; match: Match; intoNew: boolean };

interface Known {
  row: CandidateRow;
  keys: MatchKeys;
  isNew: boolean;
}

/**
 * Dedup of a batch of arrivals in arrival order, in memory, after one locked lookup for the whole
 * batch: each is scored (the same scorer and rules as one arrival at a time) against the existing
 * leads found for it and against the leads earlier arrivals of the batch created or filled in, then
 * merged into the best match or created (with its review matches). So two submissions of one
 * person in one batch end as they would in two: one lead, and a merge into it. Pure.
 */
export function decideArrivals(
  arrivals: (Arrival | null)[],
  opts: { rules?: MatchRules; region: string; now: Date; newLead: () => { id: string; leadNumber: string } },
): (ArrivalDecision | null)[] {
  const rules = opts.rules ?? DEFAULT_MATCH_RULES;
  const byName = nameAloneMatters(rules);
  // Leads this batch created or changed, found by the same blocks the lookup uses (exact keys, handle, PAN, name; company below).
  const known = new Map<string, Known>();
  const index = new Map<string, Set<string>>();
  // Colleagues by company, sorted by name key, as the lookup's company index orders them.
  const colleagues = new Map<string, { name: string; id: string }[]>();
  const remember = (k: Known) => {
    const before = known.get(k.row.id);
    known.set(k.row.id, k);
    for (const key of blockKeys(k.keys, byName)) {
      let ids = index.get(key);
      if (!ids) index.set(key, (ids = new Set()));
      ids.add(k.row.id);
    }
    if (before?.keys.companyKey && before.keys.nameKey) {
      const list = colleagues.get(before.keys.companyKey)!;
      let at = firstAtOrAfter(list, before.keys.nameKey);
      while (at < list.length && list[at].id !== k.row.id) at++;
      if (at < list.length) list.splice(at, 1);
    }
    const { companyKey, nameKey } = k.keys;
    if (companyKey && nameKey) {
      let list = colleagues.get(companyKey);
      if (!list) colleagues.set(companyKey, (list = []));
      list.splice(firstAtOrAfter(list, nameKey), 0, { name: nameKey, id: k.row.id });
    }
  };
  const keysOf = (row: CandidateRow) => known.get(row.id)?.keys ?? storedLeadKeys(row, opts.region);
  const newSharing = (key: string) => {
    let n = 0;
    for (const id of index.get(key) ?? []) if (known.get(id)!.isNew) n++;
    return n;
  };

  return arrivals.map((a) => {
    if (!a) return null;
    const rows = new Map<string, CandidateRow>();
    for (const r of a.found) rows.set(r.id, known.get(r.id)?.row ?? r);
    for (const key of blockKeys(a.keys, byName)) for (const id of index.get(key) ?? []) rows.set(id, known.get(id)!.row);
    for (const id of neighbours(colleagues.get(a.keys.companyKey ?? ""), a.keys.nameKey)) rows.set(id, known.get(id)!.row);
    // How many leads share a phone or email: the database's count (the most any found lead was told), plus this batch's new leads.
    const phoneShared = new Map<string, number>();
    const emailShared = new Map<string, number>();
    for (const r of a.found) {
      if (r.phone_e164) phoneShared.set(r.phone_e164, Math.max(phoneShared.get(r.phone_e164) ?? 0, r.phone_shared_by));
      const email = keysOf(r).emailKey;
      if (email) emailShared.set(email, Math.max(emailShared.get(email) ?? 0, r.email_shared_by));
    }
    const candidates: Candidate[] = [];
    for (const row of rows.values()) {
      const keys = keysOf(row);
      const phone = keys.phoneKeys[0];
      candidates.push(
        Object.assign({}, keys, {
          id: row.id,
          phoneSharedBy: phone ? Math.max(1, (phoneShared.get(row.phone_e164!) ?? 0) + newSharing(`p:${phone}`)) : 1,
          emailSharedBy: keys.emailKey ? Math.max(1, (emailShared.get(keys.emailKey) ?? 0) + newSharing(`e:${keys.emailKey}`)) : 1,
        }),
      );
    }
    const matches: Match[] = scoreCandidates(a.keys, candidates, rules)
      .filter((s) => s.decision !== "new")
      .map((s) => ({ ...s, row: rows.get(s.id)! }));
    const best = matches[0];
    if (best?.decision === "merge") {
      const target = known.get(best.id) ?? { row: best.row, keys: keysOf(best.row), isNew: false };
      // The lead as the next arrivals see it: with what this submission filled in.
      const row = { ...target.row, ...planFields({ ...target.row }, a.fields).taken } as CandidateRow;
      remember({ row, keys: matchKeys(row as LeadLike, { region: opts.region }), isNew: target.isNew });
      return { kind: "merge", match: best, intoNew: target.isNew };
    }
    const { id, leadNumber } = opts.newLead();
    const row = newRow(id, leadNumber, a.fields, opts.now);
    remember({ row, keys: a.keys, isNew: true });
    rememberNewLeadKeys(row, a.fields, opts.region, a.keys);
    return { kind: "create", id, leadNumber, matches };
  });
}

/** The blocks an arrival is looked up by, as keys of the in-memory index. */
function blockKeys(keys: MatchKeys, byName: boolean): string[] {
  const handle = keys.emailLocal && distinctiveHandle(keys.emailLocal, keys.nameTokens) ? keys.emailLocal : null;
  return [
    ...(keys.emailKey ? [`e:${keys.emailKey}`] : []),
    ...(keys.otherEmailKeys ?? []).map((e) => `e:${e}`),
    ...keys.phoneKeys.map((p) => `p:${p}`),
    ...(handle ? [`h:${handle}`] : []),
    ...(keys.pan ? [`t:${keys.pan}`] : []),
    ...(byName && keys.nameKey && keys.nameTokens.length > 1 ? [`n:${keys.nameKey}`] : []),
  ];
}

/** Where `name` goes in a list sorted by name (the first entry not before it). */
function firstAtOrAfter(list: { name: string }[], name: string): number {
  let [lo, hi] = [0, list.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].name < name) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * As `dedup_candidates` picks colleagues at one company: the 10 names from this one on and the 5
 * before it in the company's name order, those at least 0.3 similar (pg_trgm).
 */
function neighbours(list: { name: string; id: string }[] | undefined, name: string | null): string[] {
  if (!list || !name) return [];
  const at = firstAtOrAfter(list, name);
  return [...list.slice(at, at + 10), ...list.slice(Math.max(0, at - 5), at)]
    .filter((c) => trigramSimilarity(name, c.name) >= 0.3)
    .map((c) => c.id);
}

const trigramCache = new Map<string, Set<string>>();
/** pg_trgm's trigrams of a text: each word lower-cased and padded ("  word "), every three characters. */
function trigrams(text: string): Set<string> {
  let t = trigramCache.get(text);
  if (t) return t;
  t = new Set();
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (!word) continue;
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) t.add(padded.slice(i, i + 3));
  }
  if (trigramCache.size > 50_000) trigramCache.clear();
  trigramCache.set(text, t);
  return t;
}

/** pg_trgm's similarity(): shared trigrams over all trigrams of the two. */
export function trigramSimilarity(a: string, b: string | null): number {
  if (!b) return 0;
  const [x, y] = [trigrams(a), trigrams(b)];
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  const all = x.size + y.size - shared;
  return all ? shared / all : 0;
}

/** A lead this batch creates, as a candidate row for the arrivals after it. */
function newRow(id: string, leadNumber: string, f: Fields, now: Date): CandidateRow {
  const s = (k: string) => (typeof f[k] === "string" ? (f[k] as string) : null);
  return {
    id,
    lead_number: leadNumber,
    first_name: s("first_name"),
    last_name: s("last_name"),
    email: s("email"),
    email_canonical: s("email_canonical"),
    phone_e164: s("phone_e164"),
    alt_phone: s("alt_phone"),
    company: s("company"),
    gstin: s("gstin"),
    pan: s("pan"),
    city: s("city"),
    country: s("country"),
    status: "new",
    owner_id: null,
    last_activity_at: now,
    created_at: now,
    phone_shared_by: 1,
    email_shared_by: 1,
    additional_emails: [],
    additional_email_keys: [],
    additional_phones: [],
  };
}

import type { Knex } from "knex";
import { LRUCache } from "lru-cache";
import { pgTextArray } from "../db.ts";
import { keysFromColumns, lockKeys, matchKeys, type LeadLike, type MatchKeys } from "./keys.ts";
import { distinctiveHandle, type Candidate } from "./score.ts";

/** A lead a blocking key found: enough to compute its keys, show it and merge into it. */
export interface CandidateRow {
  id: string;
  lead_number: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  email_canonical: string | null;
  phone_e164: string | null;
  alt_phone: string | null;
  company: string | null;
  gstin: string | null;
  pan: string | null;
  city: string | null;
  country: string | null;
  status: string;
  owner_id: string | null;
  last_activity_at: Date | null;
  created_at: Date;
  phone_shared_by: number;
  email_shared_by: number;
  /** Contact points merges kept (migration 25): matched as the lead's own. */
  additional_emails: string[];
  additional_email_keys: string[];
  additional_phones: string[];
}

/**
 * Locks the newcomer's exact keys (email, phones) for the rest of the transaction and returns the
 * existing leads that might be the same person, found only through indexes within the tenant: the
 * same email key, phone (as phone or alt phone), an additional email or phone a merge kept,
 * distinctive free-mail handle or PAN, the same or a
 * neighbouring name at the same company, and (`byName`) similar names anywhere. The same person
 * arriving twice at once waits here for the first arrival to commit, then finds it.
 * One round trip to the dedup_candidates function (see migration 4), whose plans are cached.
 */
export async function lockAndFindCandidates(
  trx: Knex.Transaction,
  tenantId: string,
  keys: MatchKeys,
  opts: { exclude?: string[]; byName?: boolean } = {},
): Promise<CandidateRow[]> {
  const r = candidateRequest(keys, Boolean(opts.byName));
  const { rows } = await trx.raw("SELECT * FROM dedup_candidates(?, ?::text[], ?, ?, ?, ?, ?, ?, ?, ?, ?::uuid[])", [
    tenantId,
    pgTextArray(lockKeys(tenantId, keys)),
    r.email,
    r.phone1,
    r.phone2,
    r.local,
    r.pan,
    r.company,
    r.name,
    r.by_name,
    opts.exclude?.length ? pgTextArray(opts.exclude) : null,
  ]);
  return rows as CandidateRow[];
}

/** What the candidate lookup asks for one lead: its blocking keys (see `dedup_candidates`). */
export function candidateRequest(keys: MatchKeys, byName: boolean) {
  // A handle that is only the name (rahulsharma@…) is everyone's and the scorer ignores it.
  const handle = keys.emailLocal && distinctiveHandle(keys.emailLocal, keys.nameTokens) ? keys.emailLocal : null;
  return {
    email: keys.emailKey,
    phone1: keys.phoneKeys[0] ?? null,
    phone2: keys.phoneKeys[1] ?? null,
    local: handle,
    pan: keys.pan,
    company: keys.companyKey,
    name: keys.nameKey,
    by_name: Boolean(byName && keys.nameKey && keys.nameTokens.length > 1),
  };
}

/**
 * The batch form of `lockAndFindCandidates`: every arrival's exact keys locked at once, then each
 * arrival's candidates, tagged with its index in `requests` (one round trip, migration 27). An
 * arrival that is a stored lead (`self`, the duplicate scan's) is left out of its own candidates
 * after the blocks' limits (migration 32).
 */
export async function lockAndFindBatchCandidates(
  trx: Knex.Transaction,
  tenantId: string,
  arrivals: { index: number; keys: MatchKeys; self?: string }[],
  byName: boolean,
): Promise<(CandidateRow & { request: number })[]> {
  if (!arrivals.length) return [];
  const locks = [...new Set(arrivals.flatMap((a) => lockKeys(tenantId, a.keys)))].sort();
  const requests = arrivals.map((a) => ({ i: a.index, ...candidateRequest(a.keys, byName), ...(a.self && { self_id: a.self }) }));
  const { rows } = await trx.raw("SELECT * FROM dedup_candidates_batch(?, ?::text[], ?::jsonb)", [
    tenantId,
    pgTextArray(locks),
    JSON.stringify(requests),
  ]);
  return rows;
}

/** A candidate row as the scorer sees it: its keys, and how many leads share its contacts. */
export function toCandidate(row: CandidateRow, region: string): Candidate {
  return Object.assign({}, storedLeadKeys(row, region), {
    id: row.id,
    phoneSharedBy: row.phone_shared_by || 1,
    emailSharedBy: row.email_shared_by || 1,
  });
}

const storedKeys = new LRUCache<string, { row: KeyFields; region: string; keys: Readonly<MatchKeys> }>({ max: 20_000 }); // ~15 MB

/**
 * The keys of a stored lead, remembered by its id while the values they are computed from stay the
 * same: the same leads are candidates for arrival after arrival (a company's colleagues), and their
 * keys (transliteration, nicknames, phonetics) cost more than the scoring. The least recently used
 * are forgotten first, so a tenant with more leads than fit keeps its busy ones. Shared: never
 * change the object returned.
 */
export function storedLeadKeys(row: CandidateRow, region: string): Readonly<MatchKeys> {
  const seen = storedKeys.get(row.id);
  if (seen && seen.region === region && sameKeyFields(seen.row, row)) return seen.keys;
  const keys = frozen(matchKeys(row, { region }));
  remember(row, region, keys);
  return keys;
}

/**
 * A lead just created, with the keys its arrival was read with: colleagues arriving later find it
 * as a candidate, and its keys need not be computed again. Only when the row's columns give the
 * same keys (the arrival's name and phone fallbacks are not stored as such).
 */
export function rememberNewLeadKeys(row: CandidateRow, fields: LeadLike, region: string, keys: MatchKeys): void {
  if (!keysFromColumns(fields)) return;
  // A copy: the arrival's own keys stay its caller's to change. A stored row carries its contact points.
  const copy = Object.assign({}, keys, {
    phoneKeys: [...keys.phoneKeys],
    nameTokens: [...keys.nameTokens],
    otherEmailKeys: [...(keys.otherEmailKeys ?? [])],
  });
  remember(row, region, frozen(copy));
}

function remember(row: CandidateRow, region: string, keys: Readonly<MatchKeys>) {
  storedKeys.set(row.id, { row: keyFieldsOf(row), region, keys });
}

type KeyFields = Pick<CandidateRow, (typeof KEY_FIELDS)[number]>;
const KEY_FIELDS = [
  "first_name",
  "last_name",
  "email",
  "email_canonical",
  "phone_e164",
  "alt_phone",
  "company",
  "gstin",
  "pan",
  "city",
  "country",
  "additional_emails",
  "additional_phones",
] as const;

/** Shared keys: a caller that changed them would change every later arrival's candidate. */
function frozen(keys: MatchKeys): Readonly<MatchKeys> {
  for (const v of Object.values(keys)) if (Array.isArray(v)) Object.freeze(v);
  return Object.freeze(keys);
}

/** A copy of the values the keys come from: the row itself may be changed by whoever holds it. */
function keyFieldsOf(row: CandidateRow): KeyFields {
  const out = {} as Record<string, unknown>;
  for (const f of KEY_FIELDS) out[f] = Array.isArray(row[f]) ? [...(row[f] as string[])] : row[f];
  return out as KeyFields;
}

function sameKeyFields(a: KeyFields, b: KeyFields): boolean {
  // Spelled out: a loop over field names reads them by a computed key, several times slower here.
  return (
    a.first_name === b.first_name &&
    a.last_name === b.last_name &&
    a.email === b.email &&
    a.email_canonical === b.email_canonical &&
    a.phone_e164 === b.phone_e164 &&
    a.alt_phone === b.alt_phone &&
    a.company === b.company &&
    a.gstin === b.gstin &&
    a.pan === b.pan &&
    a.city === b.city &&
    a.country === b.country &&
    sameList(a.additional_emails, b.additional_emails) &&
    sameList(a.additional_phones, b.additional_phones)
  );
}

function sameList(a: readonly string[] | null | undefined, b: readonly string[] | null | undefined): boolean {
  if (!a || !b) return a === b;
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

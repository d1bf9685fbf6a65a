import type { Knex } from "knex";
import { lockKeys, matchKeys, type MatchKeys } from "./keys.ts";
import type { Candidate } from "./score.ts";

/** Lead columns a candidate is read with: enough to compute its keys, show it and merge into it. */
export const CANDIDATE_COLUMNS = [
  "id", "lead_number", "first_name", "last_name", "email", "email_canonical", "phone_e164", "alt_phone", "company", "gstin",
  "pan", "city", "country", "status", "owner_id", "last_activity_at", "created_at",
] as const;

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
}

/** Names at least this trigram-similar are candidates (pg_trgm's `%`); the scorer decides the rest. */
const NAME_SIMILARITY = 0.5;
/** At most this many rows from each blocking key: a switchboard number must not pull in thousands. */
const PER_KEY = 20;
/** Shared-contact counts stop here: the scorer only needs to know "many". */
const SHARED_CAP = 10;

/**
 * Takes the transaction-scoped advisory locks of the newcomer's exact keys (email, phones), in a
 * fixed order so two arrivals cannot deadlock: the same person arriving twice at once waits for the
 * first to commit, then finds it. Also sets the trigram threshold the candidate query uses.
 */
export async function lockMatchKeys(trx: Knex.Transaction, tenantId: string, keys: MatchKeys): Promise<void> {
  await trx.raw(
    `SELECT set_config('pg_trgm.similarity_threshold', ?, true),
            (SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0))) FROM (SELECT jsonb_array_elements_text(?::jsonb) AS k ORDER BY 1) s)`,
    [String(NAME_SIMILARITY), JSON.stringify(lockKeys(tenantId, keys))],
  );
}

/**
 * Existing leads that might be the newcomer, found only through indexes within the tenant: the same
 * email key, phone (as phone or alt phone), free-mail handle or PAN, a trigram-similar name at a
 * trigram-similar company, and the closest similar names. One round trip; each block is capped.
 */
export async function findCandidates(db: Knex, tenantId: string, keys: MatchKeys, opts: { exclude?: string[] } = {}): Promise<CandidateRow[]> {
  const [p1, p2] = [keys.phoneKeys[0] ?? null, keys.phoneKeys[1] ?? null];
  const blocks: string[] = [];
  const bind: (string | null)[] = [];
  const live = "tenant_id = ? AND deleted_at IS NULL";
  if (keys.emailKey) {
    blocks.push(`(SELECT id FROM leads WHERE ${live} AND email_key = ? LIMIT ${PER_KEY})`);
    bind.push(tenantId, keys.emailKey);
  }
  if (p1) {
    blocks.push(`(SELECT id FROM leads WHERE ${live} AND phone_e164 IN (?, ?) LIMIT ${PER_KEY})`);
    blocks.push(`(SELECT id FROM leads WHERE ${live} AND alt_phone IN (?, ?) LIMIT ${PER_KEY})`);
    bind.push(tenantId, p1, p2, tenantId, p1, p2);
  }
  if (keys.emailLocal) {
    blocks.push(`(SELECT id FROM leads WHERE ${live} AND email_local = ? LIMIT ${PER_KEY})`);
    bind.push(tenantId, keys.emailLocal);
  }
  if (keys.pan) {
    blocks.push(`(SELECT id FROM leads WHERE ${live} AND pan = ? LIMIT ${PER_KEY})`);
    bind.push(tenantId, keys.pan);
  }
  // A one-word name ("Rahul") is no block of its own: thousands share it.
  if (keys.nameKey && keys.nameTokens.length > 1) {
    if (keys.companyKey) {
      blocks.push(`(SELECT id FROM leads WHERE ${live} AND company_key % ? AND name_key % ? ORDER BY name_key <-> ? LIMIT ${PER_KEY})`);
      bind.push(tenantId, keys.companyKey, keys.nameKey, keys.nameKey);
    }
    blocks.push(`(SELECT id FROM leads WHERE ${live} AND name_key % ? ORDER BY name_key <-> ? LIMIT ${PER_KEY / 2})`);
    bind.push(tenantId, keys.nameKey, keys.nameKey);
  }
  if (!blocks.length) return [];
  const exclude = opts.exclude?.length ? `WHERE c.id NOT IN (${opts.exclude.map(() => "?").join(",")})` : "";
  const { rows } = await db.raw(
    `WITH c AS (${blocks.join(" UNION ")})
     SELECT ${CANDIDATE_COLUMNS.map((col) => `l.${col}`).join(", ")},
       CASE WHEN l.phone_e164 IS NULL THEN 0 ELSE (SELECT count(*) FROM (SELECT 1 FROM leads x WHERE x.tenant_id = l.tenant_id AND x.phone_e164 = l.phone_e164 AND x.deleted_at IS NULL LIMIT ${SHARED_CAP}) s) END::int AS phone_shared_by,
       CASE WHEN l.email_key IS NULL THEN 0 ELSE (SELECT count(*) FROM (SELECT 1 FROM leads x WHERE x.tenant_id = l.tenant_id AND x.email_key = l.email_key AND x.deleted_at IS NULL LIMIT ${SHARED_CAP}) s) END::int AS email_shared_by
     FROM c JOIN leads l ON l.id = c.id ${exclude}`,
    [...bind, ...(opts.exclude ?? [])],
  );
  return rows as CandidateRow[];
}

/** A candidate row as the scorer sees it: its keys, and how many leads share its contacts. */
export function toCandidate(row: CandidateRow, region: string): Candidate {
  return {
    ...matchKeys(row, { region }),
    id: row.id,
    phoneSharedBy: row.phone_shared_by || 1,
    emailSharedBy: row.email_shared_by || 1,
  };
}

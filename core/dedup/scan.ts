import { jsonInsert, pgTextArray, type DbRow } from "../db.ts";
import type { Knex } from "knex";
import type { JobContext, JobResult } from "../context.ts";
import type { JobPayloads } from "../queues.ts";
import { toCandidate, type CandidateRow } from "./candidates.ts";
import { lockKeys, matchKeys, type LeadLike, type MatchKeys } from "./keys.ts";
import { nameAloneMatters, tenantMatching, type Match } from "./match.ts";
import { mergeLeads } from "./merge.ts";
import type { MatchRules } from "./rules.ts";
import { distinctiveHandle, scoreCandidates, type Candidate } from "./score.ts";

export type ScanPayload = JobPayloads["dedup.scan"];

/** Leads per transaction: their candidates come in one query; progress is written after each batch. */
const BATCH = 500;

interface Cursor {
  created_at: string;
  id: string;
}

const LEAD_COLUMNS = [
  "id",
  "lead_number",
  "first_name",
  "last_name",
  "email",
  "email_canonical",
  "phone_e164",
  "alt_phone",
  "additional_emails",
  "additional_phones",
  "company",
  "gstin",
  "pan",
  "city",
  "country",
  "created_at",
];

type ScanLead = { id: string; created_at: Date } & DbRow;
interface ScanOptions {
  rules: MatchRules;
  region: string;
  autoMerge: boolean;
}

/**
 * Looks for duplicates among the tenant's existing leads (after an import or a rule change): each
 * lead, oldest first, is matched against the leads older than it with intake's own lookup and
 * scoring, then merged into the older lead (high confidence, when the scan allows it) or put up for
 * review. Batched: a batch's candidates come from one query, are scored in memory, and its reviews
 * are written in one statement; the outcome is the same as matching one lead at a time, since a
 * merge (the only write a later lead's matching can see) makes the rest of the batch look again.
 * Resumable: the cursor and counts are saved after every batch, so a restarted worker goes on where
 * the last one stopped; merges and reviews are each idempotent (a merged lead is gone from the scan,
 * a review pair is unique).
 */
export async function scanTenantDuplicates(ctx: JobContext, data: ScanPayload): Promise<JobResult> {
  const { db } = ctx;
  const scan = await db("dedup_scans").where({ id: data.scanId, tenant_id: data.tenantId }).first();
  if (!scan) return { outcome: "skipped", detail: "scan not found" };
  if (scan.status === "done" || scan.status === "failed") return { outcome: "skipped", detail: `already ${scan.status}` };
  const { rules, region } = await tenantMatching(db, data.tenantId);
  // After an import, only its leads are scanned (against everyone).
  const live = () =>
    db("leads")
      .where("tenant_id", data.tenantId)
      .whereNull("deleted_at")
      .where("spam_score", "<", 100)
      .modify((q) => (scan.import_id ? q.where("import_id", scan.import_id) : q));
  if (scan.status === "queued") {
    const [{ n }] = await live().count<{ n: number }[]>("* as n");
    await db("dedup_scans")
      .where("id", scan.id)
      .update({ status: "running", total: n, started_at: ctx.clock.now(), updated_at: ctx.clock.now() });
  }
  let cursor = scan.cursor as Cursor | null;
  let { processed, merged, reviews } = scan as { processed: number; merged: number; reviews: number };
  const opts = { rules, region, autoMerge: scan.auto_merge };

  for (;;) {
    const batch: ScanLead[] = await live()
      .modify((q) => (cursor ? q.whereRaw("(created_at, id) > (?::timestamptz, ?::uuid)", [cursor.created_at, cursor.id]) : q))
      .orderBy([{ column: "created_at" }, { column: "id" }])
      .limit(BATCH)
      .select(LEAD_COLUMNS);
    if (!batch.length) break;
    const counts = await db.transaction((trx) => scanBatch(trx, data.tenantId, batch, opts, ctx.clock.now()));
    merged += counts.merged;
    reviews += counts.reviews;
    processed += batch.length;
    const last = batch[batch.length - 1];
    cursor = { created_at: new Date(last.created_at).toISOString(), id: last.id };
    await db("dedup_scans")
      .where("id", scan.id)
      .update({ processed, merged, reviews, cursor: JSON.stringify(cursor), updated_at: ctx.clock.now() });
  }
  await db("dedup_scans")
    .where("id", scan.id)
    .update({
      status: "done",
      processed,
      total: Math.max(processed, scan.total),
      finished_at: ctx.clock.now(),
      updated_at: ctx.clock.now(),
    });
  return { outcome: "done", detail: `${processed} leads scanned, ${merged} merged, ${reviews} reviews opened` };
}

/** One batch, oldest lead first, in the caller's transaction: how many leads merged and how many opened reviews. */
async function scanBatch(trx: Knex.Transaction, tenantId: string, batch: ScanLead[], opts: ScanOptions, now: Date) {
  const keys = batch.map((l) => matchKeys(l as LeadLike, { region: opts.region }));
  const counts = { merged: 0, reviews: 0 };
  let pending: { lead: ScanLead; matches: Match[] }[] = [];
  const found = await lookUp(trx, tenantId, batch, keys, opts.rules);
  for (let i = 0; i < batch.length; i++) {
    const lead = batch[i];
    // Merged or deleted since the batch was read: nothing left to match.
    if (!found.live.has(lead.id)) continue;
    const matches = scoreLead(keys[i], found.candidates.get(lead.id) ?? [], opts.rules, opts.region)
      // Each pair once: a lead is matched only against leads older than it.
      .filter((m) => older(m.row, lead));
    const best = matches[0];
    if (!best) continue;
    if (best.decision !== "merge" || !opts.autoMerge) {
      pending.push({ lead, matches });
      continue;
    }
    counts.reviews += await openReviews(trx, tenantId, pending, now);
    pending = [];
    await mergeLeads(trx, {
      tenantId,
      survivorId: best.id,
      mergedId: lead.id,
      score: best.score,
      reasons: best.reasons,
      region: opts.region,
      now,
    });
    counts.merged++;
    // The leads that saw either of the two look again, as they would one at a time: the survivor took values and contact points.
    const again = batch.flatMap((l, j) =>
      j > i && found.candidates.get(l.id)?.some((c) => c.id === best.id || c.id === lead.id) ? [j] : [],
    );
    if (again.length) {
      const fresh = await lookUp(
        trx,
        tenantId,
        again.map((j) => batch[j]),
        again.map((j) => keys[j]),
        opts.rules,
      );
      for (const j of again) {
        if (!fresh.live.has(batch[j].id)) found.live.delete(batch[j].id);
        found.candidates.set(batch[j].id, fresh.candidates.get(batch[j].id) ?? []);
      }
    }
  }
  counts.reviews += await openReviews(trx, tenantId, pending, now);
  return counts;
}

/**
 * Intake's candidate blocks (`dedup_candidates`, migration 25: the same keys, indexes and limits,
 * but the contact points merges kept, which are one search for the batch without a per-key limit),
 * for every lead of a batch in one set-based statement: planned once, each block an index probe per
 * lead. Calling `dedup_candidates` per lead through a lateral join cost 3–5 ms a lead (its plan is
 * made per call). The equivalence test (test/core/dedup-scan-batched.test.ts) holds the two to the
 * same answers. The explicit `IS NOT NULL`s let the planner use the partial indexes from a join.
 */
const BATCH_BLOCKS = `
WITH r AS (SELECT * FROM jsonb_to_recordset(?::jsonb)
  AS r(lead_id uuid, email text, phone1 text, phone2 text, local text, pan text, company text, name text, by_name boolean)),
-- One search per batch, not per lead (before migration 28 made && leakproof, each read the tenant's leads).
a AS MATERIALIZED (
  SELECT x.id, x.additional_email_keys, x.additional_phones FROM leads x WHERE x.tenant_id = :t AND x.deleted_at IS NULL
    AND (x.additional_email_keys && (SELECT array_agg(email) FROM r WHERE email IS NOT NULL)
      OR x.additional_phones && (SELECT array_agg(p) FROM r, unnest(ARRAY[phone1, phone2]) p WHERE p IS NOT NULL))
),
c AS (
  SELECT r.lead_id, b.id FROM r CROSS JOIN LATERAL (
    (SELECT x.id FROM leads x WHERE x.tenant_id = :t AND x.deleted_at IS NULL AND x.email_key IS NOT NULL AND x.email_key = r.email LIMIT 20)
    UNION (SELECT x.id FROM leads x WHERE x.tenant_id = :t AND x.deleted_at IS NULL AND x.phone_e164 IN (r.phone1, r.phone2) LIMIT 20)
    UNION (SELECT x.id FROM leads x WHERE x.tenant_id = :t AND x.deleted_at IS NULL AND x.alt_phone IS NOT NULL AND x.alt_phone IN (r.phone1, r.phone2) LIMIT 20)
    UNION (SELECT x.id FROM leads x WHERE x.tenant_id = :t AND x.deleted_at IS NULL AND x.email_local IS NOT NULL AND x.email_local = r.local LIMIT 20)
    UNION (SELECT x.id FROM leads x WHERE x.tenant_id = :t AND x.deleted_at IS NULL AND x.pan IS NOT NULL AND x.pan = r.pan LIMIT 20)
    UNION (SELECT n.id FROM (
        (SELECT x.id, x.name_key FROM leads x WHERE x.tenant_id = :t AND x.deleted_at IS NULL AND x.company_key IS NOT NULL AND x.company_key = r.company
           AND x.name_key >= r.name ORDER BY x.name_key LIMIT 10)
        UNION ALL
        (SELECT x.id, x.name_key FROM leads x WHERE x.tenant_id = :t AND x.deleted_at IS NULL AND x.company_key IS NOT NULL AND x.company_key = r.company
           AND x.name_key < r.name ORDER BY x.name_key DESC LIMIT 5)
      ) n WHERE similarity(n.name_key, r.name) >= 0.3)
    UNION (SELECT x.id FROM leads x WHERE r.by_name AND x.tenant_id = :t AND x.deleted_at IS NULL AND x.name_key IS NOT NULL AND x.name_key % r.name
           ORDER BY x.name_key <-> r.name LIMIT 10)
  ) b
  UNION
  -- Contact points merges kept: one search for the batch.
  SELECT r.lead_id, a.id FROM r JOIN a
    ON a.additional_email_keys @> ARRAY[r.email] OR a.additional_phones && array_remove(ARRAY[r.phone1, r.phone2], NULL)
)
SELECT c.lead_id AS of_lead, l.id, l.lead_number, l.first_name, l.last_name, l.email, l.email_canonical, l.phone_e164, l.alt_phone,
  l.company, l.gstin, l.pan, l.city, l.country, l.status, l.owner_id, l.last_activity_at, l.created_at,
  CASE WHEN l.phone_e164 IS NULL THEN 0 ELSE (SELECT count(*) FROM (SELECT 1 FROM leads y WHERE y.tenant_id = :t
    AND y.phone_e164 = l.phone_e164 AND y.deleted_at IS NULL LIMIT 10) s) END::int AS phone_shared_by,
  CASE WHEN l.email_key IS NULL THEN 0 ELSE (SELECT count(*) FROM (SELECT 1 FROM leads y WHERE y.tenant_id = :t
    AND y.email_key = l.email_key AND y.deleted_at IS NULL LIMIT 10) s) END::int AS email_shared_by,
  l.additional_emails, l.additional_email_keys, l.additional_phones
FROM c JOIN leads l ON l.id = c.id
WHERE l.id <> c.lead_id`.replaceAll(":t", "?::uuid");
const TENANT_PARAMS = BATCH_BLOCKS.split("?::uuid").length - 1;

/**
 * The batch's candidates in one round trip, after one call that takes the batch's key locks in
 * order (dedup_candidates with no keys: intake's own locking); with which of the batch's leads are
 * still live and the pairs people marked "not a duplicate".
 */
async function lookUp(trx: Knex.Transaction, tenantId: string, leads: ScanLead[], keys: MatchKeys[], rules: MatchRules) {
  const locks = [...new Set(keys.flatMap((k) => lockKeys(tenantId, k)))].sort();
  await trx.raw("SELECT count(*) FROM dedup_candidates(?, ?::text[], NULL, NULL, NULL, NULL, NULL, NULL, NULL, false, NULL)", [
    tenantId,
    pgTextArray(locks),
  ]);
  const byNameRule = nameAloneMatters(rules);
  // As lockAndFindCandidates (core/dedup/candidates.ts) derives its arguments from the keys.
  const args = leads.map((l, i) => {
    const k = keys[i];
    return {
      lead_id: l.id,
      email: k.emailKey,
      phone1: k.phoneKeys[0] ?? null,
      phone2: k.phoneKeys[1] ?? null,
      local: k.emailLocal && distinctiveHandle(k.emailLocal, k.nameTokens) ? k.emailLocal : null,
      pan: k.pan,
      company: k.companyKey,
      name: k.nameKey,
      by_name: Boolean(byNameRule && k.nameKey && k.nameTokens.length > 1),
    };
  });
  // As the function runs its blocks: index probes only, and the trigram threshold of a by-name block;
  // no JIT (enable_seqscan off inflates the estimates past jit_above_cost: seconds of compiling).
  const byName = args.some((a) => a.by_name) ? ", set_config('pg_trgm.similarity_threshold', '0.6', true)" : "";
  await trx.raw(`SELECT set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)${byName}`);
  const { rows } = await trx.raw(BATCH_BLOCKS, [JSON.stringify(args), ...Array.from({ length: TENANT_PARAMS }, () => tenantId)]);
  await trx.raw("SELECT set_config('enable_seqscan', 'on', true)");
  const ids = pgTextArray(leads.map((l) => l.id));
  const live = await trx("leads").whereRaw("id = ANY(?::uuid[])", [ids]).whereNull("deleted_at").pluck("id");
  const excluded = await trx("dedup_exclusions")
    .whereRaw("lead_a = ANY(?::uuid[]) OR lead_b = ANY(?::uuid[])", [ids, ids])
    .select("lead_a", "lead_b");
  const notPairs = new Set(
    excluded.flatMap((e: { lead_a: string; lead_b: string }) => [`${e.lead_a}|${e.lead_b}`, `${e.lead_b}|${e.lead_a}`]),
  );
  const candidates = new Map<string, CandidateRow[]>();
  for (const r of rows as (CandidateRow & { of_lead: string })[]) {
    if (notPairs.has(`${r.of_lead}|${r.id}`)) continue;
    const list = candidates.get(r.of_lead) ?? [];
    list.push(r);
    candidates.set(r.of_lead, list);
  }
  return { live: new Set<string>(live), candidates };
}

/** As matchLead ranks a stored lead's candidates: the best first, only those worth a merge or a review. */
function scoreLead(keys: MatchKeys, rows: CandidateRow[], rules: MatchRules, region: string): Match[] {
  if (!rows.length) return [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return scoreCandidates(
    keys,
    rows.map((r) => withoutSelf(toCandidate(r, region), keys)),
    rules,
  )
    .filter((s) => s.decision !== "new")
    .map((s) => ({ ...s, row: byId.get(s.id)! }));
}

/** A stored lead being matched is not one more lead sharing its own email or phone (as in core/dedup/match.ts). */
function withoutSelf(c: Candidate, keys: MatchKeys): Candidate {
  const sharesPhone = c.phoneKeys[0] !== undefined && keys.phoneKeys.includes(c.phoneKeys[0]);
  const sharesEmail = keys.emailKey !== null && c.emailKey === keys.emailKey;
  return {
    ...c,
    phoneSharedBy: sharesPhone ? Math.max(1, (c.phoneSharedBy ?? 1) - 1) : c.phoneSharedBy,
    emailSharedBy: sharesEmail ? Math.max(1, (c.emailSharedBy ?? 1) - 1) : c.emailSharedBy,
  };
}

/**
 * Reviews for the leads whose best match is not a sure one, in one statement: the best three
 * candidates each. A lead counts (and is flagged) only if a pair of it was new: a pair already
 * reviewed, even closed, is not asked again.
 */
async function openReviews(trx: Knex.Transaction, tenantId: string, leads: { lead: ScanLead; matches: Match[] }[], now: Date) {
  if (!leads.length) return 0;
  const rows = leads.flatMap(({ lead, matches }) =>
    matches.slice(0, 3).map((m) => ({
      tenant_id: tenantId,
      lead_id: lead.id,
      candidate_lead_id: m.id,
      score: m.score,
      reasons: m.reasons,
      status: "open",
      origin: "scan",
      created_at: now,
      updated_at: now,
    })),
  );
  const { sql, binding } = jsonInsert("duplicate_reviews", rows);
  const { rows: inserted } = await trx.raw(`${sql} ON CONFLICT (lead_id, candidate_lead_id) DO NOTHING RETURNING lead_id`, [binding]);
  const opened = new Set((inserted as { lead_id: string }[]).map((r) => r.lead_id));
  const flags = leads.filter(({ lead }) => opened.has(lead.id)).map(({ lead, matches }) => ({ id: lead.id, best: matches[0].id }));
  if (flags.length)
    await trx.raw(
      `UPDATE leads l SET is_duplicate = true, duplicate_of_id = f.best, updated_at = ? FROM jsonb_to_recordset(?::jsonb) AS f(id uuid, best uuid)
       WHERE l.id = f.id`,
      [now, JSON.stringify(flags)],
    );
  return flags.length;
}

const older = (a: { created_at: Date | string; id: string }, b: { created_at: Date | string; id: string }) => {
  const [x, y] = [new Date(a.created_at).getTime(), new Date(b.created_at).getTime()];
  return x < y || (x === y && a.id < b.id);
};

/** After the last retry the scan shows as failed, with the reason. */
export async function failScan(ctx: JobContext, data: ScanPayload, err: Error): Promise<void> {
  await ctx
    .db("dedup_scans")
    .where({ id: data.scanId })
    .update({ status: "failed", error: err.message.slice(0, 500), finished_at: ctx.clock.now(), updated_at: ctx.clock.now() });
}

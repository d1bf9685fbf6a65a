import { setImmediate } from "node:timers/promises";
import { jsonInsert, pgTextArray, type DbRow } from "../db.ts";
import type { Knex } from "knex";
import type { JobContext, JobResult } from "../context.ts";
import type { JobPayloads } from "../queues.ts";
import { lockAndFindBatchCandidates, toCandidate, type CandidateRow } from "./candidates.ts";
import { matchKeys, type LeadLike, type MatchKeys } from "./keys.ts";
import { nameAloneMatters, tenantMatching, withoutSelf, type Match } from "./match.ts";
import { mergeLeads } from "./merge.ts";
import type { MatchRules } from "./rules.ts";
import { scoreCandidates } from "./score.ts";

export type ScanPayload = JobPayloads["dedup.scan"];

/** Leads per transaction by default (tests take smaller): their candidates come in one query; progress is written after each batch. */
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
 * The next batch is looked up (in its own transaction, holding its own key locks) while one is
 * scored and written, and looked up again after a batch that merged.
 * Resumable: the cursor and counts are saved after every batch, so a restarted worker goes on where
 * the last one stopped; merges and reviews are each idempotent (a merged lead is gone from the scan,
 * a review pair is unique).
 */
export async function scanTenantDuplicates(ctx: JobContext, data: ScanPayload, { batchSize = BATCH } = {}): Promise<JobResult> {
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
  let { processed, merged, reviews } = scan as { processed: number; merged: number; reviews: number };
  const opts = { rules, region, autoMerge: scan.auto_merge };
  /** A batch's leads and their keys, read without locks. */
  const read = (after: Cursor | null): Promise<Read | null> =>
    handled(
      live()
        .modify((q) => (after ? q.whereRaw("(created_at, id) > (?::timestamptz, ?::uuid)", [after.created_at, after.id]) : q))
        .orderBy([{ column: "created_at" }, { column: "id" }])
        .limit(batchSize)
        .select(LEAD_COLUMNS)
        .then((rows: ScanLead[]) => {
          if (!rows.length) return null;
          const last = rows[rows.length - 1];
          const keys = rows.map((l) => matchKeys(l as LeadLike, { region }));
          return { rows, keys, cursor: { created_at: new Date(last.created_at).toISOString(), id: last.id } };
        }),
    );
  const lookUpWhenRead = (reading: Promise<Read | null>) => handled(reading.then((b) => (b ? begin(db, data.tenantId, b, rules) : null)));
  const readAfter = (reading: Promise<Read | null>) => handled(reading.then((b) => (b ? read(b.cursor) : null)));

  // Pipelined: while batch N is scored and written, batch N+1 is looked up in its own transaction
  // and batch N+2 is read.
  let reading = read(scan.cursor as Cursor | null);
  let next = lookUpWhenRead(reading);
  reading = readAfter(reading);
  for (;;) {
    const batch = await next;
    if (!batch) break;
    next = lookUpWhenRead(reading);
    reading = readAfter(reading);
    let counts: { merged: number; reviews: number };
    try {
      counts = await scanBatch(batch, data.tenantId, opts, ctx.clock.now());
      await batch.trx.commit();
    } catch (err) {
      await Promise.all([batch.trx.rollback().catch(() => {}), abandon(next)]);
      throw err;
    }
    // A merge is the one write a later batch's matching can see, and the next batch may have been
    // looked up before this one committed: it is looked up again, as it would have been after it.
    if (counts.merged) {
      const again = read(batch.cursor);
      next = handled(abandon(next).then(() => lookUpWhenRead(again)));
      reading = readAfter(again);
    }
    merged += counts.merged;
    reviews += counts.reviews;
    processed += batch.rows.length;
    await db("dedup_scans")
      .where("id", scan.id)
      .update({ processed, merged, reviews, cursor: JSON.stringify(batch.cursor), updated_at: ctx.clock.now() });
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

/** A batch of leads as read: their keys, and where the next batch starts. */
interface Read {
  rows: ScanLead[];
  keys: MatchKeys[];
  cursor: Cursor;
}

/** A batch read, with its transaction, opened by its lookup, and what the lookup found. */
interface LookedUp extends Read {
  trx: Knex.Transaction;
  found: Found;
}

/**
 * Opens a batch's transaction with its lookup: the exact keys' locks the lookup takes hold until the
 * batch's decisions are written, as for one lead at a time (intake arriving with the same keys waits).
 */
async function begin(db: Knex, tenantId: string, batch: Read, rules: MatchRules): Promise<LookedUp> {
  const trx = await db.transaction();
  try {
    return { ...batch, trx, found: await lookUp(trx, tenantId, batch.rows, batch.keys, rules) };
  } catch (err) {
    await trx.rollback();
    throw err;
  }
}

/** A batch looked up ahead that will not be used: its transaction (and its locks) let go. */
async function abandon(next: Promise<LookedUp | null>): Promise<void> {
  const batch = await next.catch(() => null);
  await batch?.trx.rollback();
}

/** Awaited later: a failure before then must not count as an unhandled rejection. */
function handled<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
}

/** Leads scored between two yields to the event loop, so that the next batch's lookup goes on meanwhile. */
const SCORED_PER_TURN = 25;

/** One batch, oldest lead first, in its own transaction: how many leads merged and how many opened reviews. */
async function scanBatch({ rows: batch, keys, trx, found }: LookedUp, tenantId: string, opts: ScanOptions, now: Date) {
  const counts = { merged: 0, reviews: 0 };
  let pending: { lead: ScanLead; matches: Match[] }[] = [];
  for (let i = 0; i < batch.length; i++) {
    if (i % SCORED_PER_TURN === SCORED_PER_TURN - 1) await setImmediate();
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

interface Found {
  live: Set<string>;
  candidates: Map<string, CandidateRow[]>;
}

/**
 * The batch's candidates in one round trip, as intake finds a batch's (`dedup_candidates_batch`,
 * migration 27: its key locks in one sorted order, then every block for every lead in one planned
 * statement), without each lead itself (migration 32); then, in one more, which of the batch's leads
 * are still live and the pairs people marked "not a duplicate".
 */
async function lookUp(trx: Knex.Transaction, tenantId: string, leads: ScanLead[], keys: MatchKeys[], rules: MatchRules): Promise<Found> {
  const found = await lockAndFindBatchCandidates(
    trx,
    tenantId,
    leads.map((l, index) => ({ index, keys: keys[index], self: l.id })),
    nameAloneMatters(rules),
  );
  const ids = pgTextArray(leads.map((l) => l.id));
  const { rows } = await trx.raw(
    `SELECT ARRAY(SELECT id::text FROM leads WHERE id = ANY(?::uuid[]) AND deleted_at IS NULL) AS live,
       ARRAY(SELECT lead_a::text || '|' || lead_b::text FROM dedup_exclusions WHERE lead_a = ANY(?::uuid[]) OR lead_b = ANY(?::uuid[])) AS pairs`,
    [ids, ids, ids],
  );
  const { live, pairs } = rows[0] as { live: string[]; pairs: string[] };
  const notPairs = new Set(pairs.flatMap((p) => [p, p.split("|").reverse().join("|")]));
  const candidates = new Map<string, CandidateRow[]>();
  for (const r of found) {
    const of = leads[r.request].id;
    if (notPairs.has(`${of}|${r.id}`)) continue;
    const list = candidates.get(of);
    if (list) list.push(r);
    else candidates.set(of, [r]);
  }
  return { live: new Set(live), candidates };
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

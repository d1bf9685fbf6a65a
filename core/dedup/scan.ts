import type { DbRow } from "../db.ts";
import type { Knex } from "knex";
import type { JobContext, JobResult } from "../context.ts";
import type { JobPayloads } from "../queues.ts";
import { matchKeys, type LeadLike } from "./keys.ts";
import { matchLead, tenantMatching } from "./match.ts";
import { mergeLeads } from "./merge.ts";
import type { MatchRules } from "./rules.ts";

export type ScanPayload = JobPayloads["dedup.scan"];

/** Leads read per batch; progress is written after each. */
const BATCH = 200;

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

/**
 * Looks for duplicates among the tenant's existing leads (after an import or a rule change): each
 * lead, oldest first, is matched against the leads older than it with intake's own matching, then
 * merged into the older lead (high confidence, when the scan allows it) or put up for review.
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

  for (;;) {
    const batch = await live()
      .modify((q) => (cursor ? q.whereRaw("(created_at, id) > (?::timestamptz, ?::uuid)", [cursor.created_at, cursor.id]) : q))
      .orderBy([{ column: "created_at" }, { column: "id" }])
      .limit(BATCH)
      .select(LEAD_COLUMNS);
    if (!batch.length) break;
    for (const lead of batch) {
      const outcome = await db.transaction((trx) => scanOne(trx, ctx, data.tenantId, lead, { rules, region, autoMerge: scan.auto_merge }));
      if (outcome === "merged") merged++;
      if (outcome === "review") reviews++;
      processed++;
    }
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

async function scanOne(
  trx: Knex.Transaction,
  ctx: JobContext,
  tenantId: string,
  lead: { id: string; created_at: Date } & DbRow,
  opts: { rules: MatchRules; region: string; autoMerge: boolean },
) {
  // Merged away earlier in this scan (as an older lead's duplicate): nothing left to match.
  const still = await trx("leads").where("id", lead.id).whereNull("deleted_at").first("id");
  if (!still) return "gone";
  const matches = (
    await matchLead(trx, tenantId, matchKeys(lead as LeadLike, { region: opts.region }), {
      ...opts,
      exclude: [lead.id],
      excludePairsOf: lead.id,
      selfStored: true,
    })
  )
    // Each pair once: a lead is matched only against leads older than it.
    .filter((m) => older(m.row, lead));
  const best = matches[0];
  if (!best) return "none";
  const now = ctx.clock.now();
  if (best.decision === "merge" && opts.autoMerge) {
    await mergeLeads(trx, {
      tenantId,
      survivorId: best.id,
      mergedId: lead.id,
      score: best.score,
      reasons: best.reasons,
      region: opts.region,
      now,
    });
    return "merged";
  }
  const inserted = await trx("duplicate_reviews")
    .insert(
      matches.slice(0, 3).map((m) => ({
        tenant_id: tenantId,
        lead_id: lead.id,
        candidate_lead_id: m.id,
        score: m.score,
        reasons: JSON.stringify(m.reasons),
        status: "open",
        origin: "scan",
        created_at: now,
        updated_at: now,
      })),
    )
    .onConflict(["lead_id", "candidate_lead_id"])
    .ignore()
    .returning("id");
  if (!inserted.length) return "known";
  await trx("leads").where("id", lead.id).update({ is_duplicate: true, duplicate_of_id: best.id, updated_at: now });
  return "review";
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

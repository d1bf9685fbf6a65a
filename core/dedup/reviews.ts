import type { Knex } from "knex";
import { z } from "zod";
import { writeAudit, type Actor } from "../audit.ts";
import { recordName } from "../audit-label.ts";
import { conflict, notFound } from "../errors.ts";
import { jobId } from "../queues.ts";
import type { Services } from "../services.ts";
import { MERGE_FIELDS, type MergeField } from "./fields.ts";
import { mergeLeads, undoLastMerge } from "./merge.ts";

/** The tenant's default phone region: merged and split leads renormalise their numbers with it. */
export const tenantRegion = async (db: Knex, tenantId: string) =>
  (await db("tenants").where("id", tenantId).first("default_region")).default_region as string;

/** A review of the tenant's, still open: not found otherwise, and a conflict once decided. */
export async function openReview(db: Knex, tenantId: string, id: string) {
  if (!z.uuid().safeParse(id).success) throw notFound("duplicate review");
  const review = await db("duplicate_reviews").where({ id, tenant_id: tenantId }).first();
  if (!review) throw notFound("duplicate review");
  if (review.status !== "open") throw conflict("dedup_review_closed", `this review is already ${review.status}`);
  return review;
}

/** Both records with every merge field, marking where they differ: the review screen's data. */
export async function reviewComparison(db: Knex, tenantId: string, id: string) {
  if (!z.uuid().safeParse(id).success) throw notFound("duplicate review");
  const review = await db("duplicate_reviews").where({ id, tenant_id: tenantId }).first();
  if (!review) throw notFound("duplicate review");
  const leads = await db("leads").whereIn("id", [review.lead_id, review.candidate_lead_id]).select("*");
  const lead = leads.find((l) => l.id === review.lead_id);
  const candidate = leads.find((l) => l.id === review.candidate_lead_id);
  const text = (v: unknown) => (v == null ? "" : String(v).trim().toLowerCase());
  const fields = MERGE_FIELDS.map((field) => ({
    field,
    lead: lead?.[field] ?? null,
    candidate: candidate?.[field] ?? null,
    differs: text(lead?.[field]) !== text(candidate?.[field]),
  }));
  const strip = ({ search: _s, ...l }: Record<string, unknown>) => l;
  return { review, lead: lead && strip(lead), candidate: candidate && strip(candidate), fields };
}

export interface MergeChoice {
  /** Which of the two keeps its id, number, owner and history. */
  survivor: "candidate" | "lead";
  /** Per field, whose value the surviving lead keeps. */
  fields: Partial<Record<MergeField, "lead" | "candidate">>;
}

/** A reviewer merges the pair of an open review, as they chose. */
export async function mergeReview(db: Knex, actor: Actor, id: string, choice: MergeChoice, now: Date) {
  return db.transaction(async (trx) => {
    const review = await openReview(db, actor.tenantId, id);
    const [survivorId, mergedId] =
      choice.survivor === "candidate" ? [review.candidate_lead_id, review.lead_id] : [review.lead_id, review.candidate_lead_id];
    const other = choice.survivor === "candidate" ? "lead" : "candidate";
    const choices = Object.fromEntries(Object.entries(choice.fields).map(([f, who]) => [f, who === other ? "other" : "survivor"] as const));
    const { mergeId } = await mergeLeads(trx, {
      tenantId: actor.tenantId,
      survivorId,
      mergedId,
      choices,
      reviewId: review.id,
      score: Number(review.score),
      reasons: review.reasons,
      userId: actor.id,
      region: await tenantRegion(db, actor.tenantId),
      now,
    });
    await writeAudit(trx, actor, "merge", "leads", survivorId, {
      merged_lead: await recordName(trx, actor.tenantId, "leads", mergedId),
      merge_id: mergeId,
    });
    return { merge_id: mergeId, lead_id: survivorId, merged_lead_id: mergedId };
  });
}

/** "Not a duplicate": the review closes and the pair is remembered, so it never comes back. */
export async function dismissReview(db: Knex, actor: Actor, id: string, now: Date) {
  return db.transaction(async (trx) => {
    const review = await openReview(db, actor.tenantId, id);
    const [a, b] = [review.lead_id, review.candidate_lead_id].sort();
    await trx("dedup_exclusions")
      .insert({ tenant_id: review.tenant_id, lead_a: a, lead_b: b, created_by: actor.id, created_at: now })
      .onConflict(["lead_a", "lead_b"])
      .ignore();
    const [closed] = await trx("duplicate_reviews")
      .where("id", review.id)
      .update({ status: "dismissed", resolved_by: actor.id, resolved_at: now, updated_at: now })
      .returning("*");
    const stillOpen = await trx("duplicate_reviews").where({ lead_id: review.lead_id, status: "open" }).first("candidate_lead_id");
    await trx("leads")
      .where("id", review.lead_id)
      .update({ is_duplicate: Boolean(stillOpen), duplicate_of_id: stillOpen?.candidate_lead_id ?? null, updated_at: now });
    await writeAudit(trx, actor, "not_duplicate", "leads", review.lead_id, {
      not_a_duplicate_of: await recordName(trx, actor.tenantId, "leads", review.candidate_lead_id),
    });
    return closed;
  });
}

/** A lead's merge history: what was merged into it, from where, by whom, and what was undone. */
export const leadMerges = (db: Knex, tenantId: string, leadId: string) =>
  db("lead_merges as m")
    .leftJoin("leads as o", "o.id", "m.merged_lead_id")
    .leftJoin("users as u", "u.id", "m.merged_by")
    .leftJoin("inbound_events as e", "e.id", "m.inbound_event_id")
    .where({ "m.lead_id": leadId, "m.tenant_id": tenantId })
    .orderBy("m.created_at", "desc")
    .select(
      "m.id",
      "m.kind",
      "m.inbound_event_id",
      "e.channel",
      "m.merged_lead_id",
      "o.lead_number as merged_lead_number",
      "m.score",
      "m.reasons",
      "m.taken",
      "m.not_taken",
      "m.created_at",
      "u.name as merged_by_name",
      "m.undone_at",
      "m.split_lead_id",
    );

/** Undoes the lead's last merge: the merged-away lead comes back as it was. */
export async function undoMerge(db: Knex, actor: Actor, leadId: string, now: Date) {
  const region = await tenantRegion(db, actor.tenantId);
  return db.transaction(async (trx) => {
    const out = await undoLastMerge(trx, actor.tenantId, leadId, { userId: actor.id, region, now });
    await writeAudit(trx, actor, "merge_undo", "leads", leadId, {
      split_lead: await recordName(trx, actor.tenantId, "leads", out.splitLeadId),
      merge_id: out.mergeId,
    });
    return out;
  });
}

/** A scan over the tenant's leads, one at a time; its row is the progress the console shows. */
export async function startDedupScan(services: Pick<Services, "db" | "queues">, actor: Actor, autoMerge: boolean) {
  const { db } = services;
  const running = await db("dedup_scans").where({ tenant_id: actor.tenantId }).whereIn("status", ["queued", "running"]).first("id");
  if (running) throw conflict("dedup_scan_running", "a duplicate scan is already running", { id: running.id });
  const [scan] = await db("dedup_scans")
    .insert({ tenant_id: actor.tenantId, auto_merge: autoMerge, requested_by: actor.id })
    .returning("*");
  await services.queues.enqueue("dedup.scan", { tenantId: actor.tenantId, scanId: scan.id }, { jobId: jobId.dedupScan(scan.id) });
  return scan;
}

import type { DbRow } from "../db.ts";
import type { Knex } from "knex";
import { conflict, notFound } from "../errors.ts";
import { reserveLeadNumbers } from "../lead/numbers.ts";
import { addTimelineEntry } from "../lead/timeline.ts";
import { planFields, planUpdate } from "./fields.ts";

/** Rows that belong to a lead and follow it into the surviving lead (and back on undo). */
const OWNED: { table: string; column: string; where?: Record<string, string> }[] = [
  { table: "lead_submissions", column: "lead_id" },
  { table: "activities", column: "record_id", where: { record_type: "lead" } },
  { table: "milestones", column: "record_id", where: { record_type: "lead" } },
  { table: "engagements", column: "lead_id" },
  { table: "attachments", column: "lead_id" },
  { table: "email_messages", column: "lead_id" },
];

export interface MergeLeadsInput {
  tenantId: string;
  survivorId: string;
  mergedId: string;
  /** Per merge field: take the merged lead's value ("other") or keep the survivor's. Default: fill empty ones. */
  choices?: Partial<Record<string, "survivor" | "other">>;
  reviewId?: string | null;
  score?: number | null;
  reasons?: string[];
  userId?: string | null;
  region: string;
  now: Date;
}

const timeline = (
  trx: Knex,
  tenantId: string,
  leadId: string,
  now: Date,
  action: string,
  title: string,
  data: object,
  userId?: string | null,
) => addTimelineEntry(trx, tenantId, leadId, now, { action, title, data, actorUserId: userId });

async function lockLeads(trx: Knex, tenantId: string, ids: string[]) {
  const rows = await trx("leads").where("tenant_id", tenantId).whereIn("id", ids).orderBy("id").forUpdate().select("*");
  return new Map(rows.map((r) => [r.id as string, r as Record<string, unknown>]));
}

/**
 * Merges one lead into another: the survivor keeps its id, number, owner, status and history and
 * takes the merged lead's values where its own are empty (or where `choices` say); the merged
 * lead's submissions, timeline, engagements, attachments and messages move to the survivor; the
 * merged lead is kept, soft-deleted, pointing at the survivor. Recorded in lead_merges for undo.
 */
export async function mergeLeads(trx: Knex.Transaction, input: MergeLeadsInput): Promise<{ mergeId: string }> {
  const { tenantId, survivorId, mergedId, now } = input;
  if (survivorId === mergedId) throw conflict("dedup_same_lead", "a lead cannot be merged into itself");
  const leads = await lockLeads(trx, tenantId, [survivorId, mergedId]);
  const survivor = leads.get(survivorId);
  const merged = leads.get(mergedId);
  if (!survivor || !merged) throw notFound("lead");
  if (survivor.deleted_at || merged.deleted_at) throw conflict("dedup_already_merged", "one of these leads was already merged or deleted");

  const plan = planFields(survivor, merged, input.choices);
  const moved: Record<string, string[]> = {};
  for (const o of OWNED) {
    const rows = await trx(o.table)
      .where({ [o.column]: mergedId, ...o.where })
      .update({ [o.column]: survivorId })
      .returning("id");
    if (rows.length) moved[o.table] = rows.map((r: { id: string }) => r.id);
  }
  // Other open reviews of the merged lead are moot now; the undo reopens them.
  const moot = await trx("duplicate_reviews")
    .where({ status: "open" })
    .where((q) => q.where("lead_id", mergedId).orWhere("candidate_lead_id", mergedId))
    .modify((q) => (input.reviewId ? q.whereNot("id", input.reviewId) : q))
    .update({ status: "merged", resolved_at: now, resolved_by: input.userId ?? null, updated_at: now })
    .returning("id");
  if (moot.length) moved.duplicate_reviews = moot.map((r: { id: string }) => r.id);

  const tags = [...new Set([...(survivor.tags as string[]), ...(merged.tags as string[])])];
  const custom = { ...(merged.custom_fields as object), ...(survivor.custom_fields as object) };
  await trx("leads")
    .where("id", survivorId)
    .update({
      ...planUpdate(survivor, plan, input.region),
      tags,
      custom_fields: JSON.stringify(custom),
      gdpr_consent: Boolean(survivor.gdpr_consent || merged.gdpr_consent),
      dnd: Boolean(survivor.dnd || merged.dnd),
      last_activity_at: latest(survivor.last_activity_at, merged.last_activity_at),
      updated_at: now,
    });
  await trx("leads").where("id", mergedId).update({ deleted_at: now, is_duplicate: true, duplicate_of_id: survivorId, updated_at: now });
  const [{ id: mergeId }] = await trx("lead_merges")
    .insert({
      tenant_id: tenantId,
      lead_id: survivorId,
      kind: "lead",
      merged_lead_id: mergedId,
      review_id: input.reviewId ?? null,
      score: input.score ?? null,
      reasons: JSON.stringify(input.reasons ?? []),
      before: JSON.stringify({ ...plan.before, ...restorable(survivor) }),
      taken: JSON.stringify(plan.taken),
      not_taken: JSON.stringify(plan.notTaken),
      moved: JSON.stringify(moved),
      merged_by: input.userId ?? null,
      created_at: now,
      updated_at: now,
    })
    .returning("id");
  if (input.reviewId) {
    await trx("duplicate_reviews")
      .where("id", input.reviewId)
      .update({ status: "merged", resolved_at: now, resolved_by: input.userId ?? null, updated_at: now });
  }
  const filled = Object.keys(plan.taken);
  await timeline(
    trx,
    tenantId,
    survivorId,
    now,
    "lead.merged",
    `Merged ${merged.lead_number} into this lead`,
    {
      merge_id: mergeId,
      merged_lead_id: mergedId,
      taken: filled,
      reasons: input.reasons ?? [],
    },
    input.userId,
  );
  return { mergeId };
}

const latest = (a: unknown, b: unknown) => {
  const [x, y] = [a ? new Date(a as string).getTime() : 0, b ? new Date(b as string).getTime() : 0];
  return x || y ? new Date(Math.max(x, y)) : null;
};

/** Columns the undo of a merge puts back, besides the merge fields it took. */
const RESTORED = ["tags", "custom_fields", "gdpr_consent", "dnd", "last_activity_at", "status"] as const;

/** The survivor's values of RESTORED, kept in the merge's `before` so an undo can put them back. */
export function restorable(lead: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(RESTORED.map((c) => [c, lead[c]]));
}

/**
 * Undoes the lead's most recent merge that is not undone yet. A lead merge gives the merged lead
 * back with everything that moved; a merged submission gets a lead of its own again. Values the
 * merge filled in go back to what they were unless someone changed them since. The pair is then
 * remembered as "not a duplicate", so neither intake's scan nor a review brings it back.
 */
export async function undoLastMerge(
  trx: Knex.Transaction,
  tenantId: string,
  leadId: string,
  opts: { userId?: string | null; region: string; now: Date },
) {
  const { now } = opts;
  const lastMerge = () =>
    trx("lead_merges").where({ tenant_id: tenantId, lead_id: leadId }).whereNull("undone_at").orderBy("created_at", "desc").first();
  // The leads before their merge row, in the order merges and erasure take them (locking the merge
  // row first deadlocked against an erasure). Holding the survivor, no other merge or undo of it runs.
  const seen = await lastMerge();
  if (!seen) throw notFound("merge to undo");
  const leads = await lockLeads(trx, tenantId, seen.kind === "lead" ? [leadId, seen.merged_lead_id] : [leadId]);
  const last = await lastMerge().forUpdate();
  if (last?.id !== seen.id) throw conflict("merge_changed", "the lead's merges changed meanwhile: reload and try again");
  const survivor = leads.get(leadId)!;
  const restore: Record<string, unknown> = {};
  for (const [f, v] of Object.entries(last.taken as Record<string, unknown>)) {
    if (String(survivor[f] ?? "") === String(v ?? "")) restore[f] = (last.before as Record<string, unknown>)[f] ?? null;
  }
  for (const f of RESTORED) if (f in last.before) restore[f] = f === "custom_fields" ? JSON.stringify(last.before[f]) : last.before[f];
  const plan = { taken: restore, before: {}, notTaken: {} };
  await trx("leads")
    .where("id", leadId)
    .update({ ...planUpdate(survivor, plan, opts.region), updated_at: now });

  let splitId: string;
  if (last.kind === "lead") {
    splitId = last.merged_lead_id;
    for (const o of OWNED) {
      const ids = (last.moved as Record<string, string[]>)[o.table];
      if (ids?.length)
        await trx(o.table)
          .whereIn("id", ids)
          .update({ [o.column]: splitId });
    }
    const reviews = (last.moved as Record<string, string[]>).duplicate_reviews ?? [];
    if (reviews.length)
      await trx("duplicate_reviews")
        .whereIn("id", reviews)
        .update({ status: "open", resolved_at: null, resolved_by: null, updated_at: now });
    await trx("leads").where("id", splitId).update({ deleted_at: null, is_duplicate: false, duplicate_of_id: null, updated_at: now });
  } else {
    splitId = await splitSubmission(trx, tenantId, leadId, last, now);
  }
  if (last.review_id)
    await trx("duplicate_reviews")
      .where("id", last.review_id)
      .update({ status: "dismissed", resolved_at: now, resolved_by: opts.userId ?? null, updated_at: now });
  const [a, b] = [leadId, splitId].sort();
  await trx("dedup_exclusions")
    .insert({ tenant_id: tenantId, lead_a: a, lead_b: b, created_by: opts.userId ?? null, created_at: now })
    .onConflict(["lead_a", "lead_b"])
    .ignore();
  await trx("lead_merges")
    .where("id", last.id)
    .update({ undone_at: now, undone_by: opts.userId ?? null, split_lead_id: splitId, updated_at: now });
  const split = await trx("leads").where("id", splitId).first("lead_number");
  await timeline(
    trx,
    tenantId,
    leadId,
    now,
    "lead.merge_undone",
    `Merge undone: ${split.lead_number} is a lead of its own again`,
    { merge_id: last.id, split_lead_id: splitId },
    opts.userId,
  );
  return { mergeId: last.id as string, splitLeadId: splitId };
}

/** A merged submission (or import row) becomes the lead it would have been, taking its submission, timeline and files. */
async function splitSubmission(trx: Knex.Transaction, tenantId: string, survivorId: string, merge: DbRow, now: Date): Promise<string> {
  const [leadNumber] = await reserveLeadNumbers(trx, tenantId, now);
  const incoming = (merge.incoming ?? {}) as Record<string, unknown>;
  const [{ id }] = await trx("leads")
    .insert({
      ...incoming,
      custom_fields: JSON.stringify(incoming.custom_fields ?? {}),
      tenant_id: tenantId,
      lead_number: leadNumber,
      inbound_event_id: merge.inbound_event_id,
      last_activity_at: merge.created_at,
      created_at: merge.created_at,
      updated_at: now,
    })
    .returning("id");
  if (merge.kind === "import") {
    // An import row has no event: the lead it would have been points at its file and row.
    await trx("leads").where("id", id).update({ inbound_event_id: null, import_id: merge.import_id, import_row: merge.import_row });
    await trx("activities")
      .where({ record_type: "lead", record_id: survivorId, action: "lead.reimported" })
      .whereRaw("data->>'import_id' = ? AND (data->>'row')::int = ?", [merge.import_id, merge.import_row])
      .update({ record_id: id });
    await timeline(trx, tenantId, id, now, "lead.split", "Split from a lead it had been merged into", {
      merge_id: merge.id,
      from_lead_id: survivorId,
    });
    return id;
  }
  const ev = merge.inbound_event_id as string;
  await trx("lead_submissions")
    .where({ inbound_event_id: ev, lead_id: survivorId })
    .update({ lead_id: id, merge_id: null, not_taken: null });
  await trx("attachments").where({ inbound_event_id: ev, lead_id: survivorId }).update({ lead_id: id });
  await trx("activities")
    .where({ record_type: "lead", record_id: survivorId })
    .whereRaw("data->>'inbound_event_id' = ?", [ev])
    .update({ record_id: id });
  await trx("inbound_events").where("id", ev).update({ lead_id: id, outcome: "created", updated_at: now });
  await timeline(trx, tenantId, id, now, "lead.split", "Split from a lead it had been merged into", {
    merge_id: merge.id,
    from_lead_id: survivorId,
  });
  return id;
}

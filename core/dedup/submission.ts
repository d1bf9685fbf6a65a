import type { Knex } from "knex";
import { planFields, planUpdate } from "./fields.ts";
import type { Match } from "./match.ts";
import { restorable } from "./merge.ts";
import type { LeadFields } from "../lead/record.ts";
import type { TimelineEntry } from "../lead/timeline.ts";
import type { EventRow } from "../capture/read-event.ts";

/** A lead this long without activity that comes back is re-engaged, as a lost or unqualified one is. */
export const IDLE_DAYS = 30;
/** Reopened when their person comes back; a converted lead stays converted. */
const REOPENED = new Set(["lost", "unqualified"]);

type Timeline = (leadId: string, entry: TimelineEntry) => Promise<unknown>;

export interface MergeSubmissionInput {
  ev: EventRow;
  match: Match;
  fields: LeadFields;
  consent: unknown;
  now: Date;
  timeline: Timeline;
}

/**
 * A submission from a person we already have: the lead fills its empty fields from it, keeps the
 * values it did not take on the submission, shows it on the timeline, and when the lead was lost
 * or idle marks it re-engaged (a milestone; lost and unqualified leads reopen as new).
 */
export async function mergeSubmission(
  trx: Knex.Transaction,
  input: MergeSubmissionInput,
): Promise<{ reengaged: boolean; mergeId: string }> {
  const { ev, match, fields, now } = input;
  const survivor = await trx("leads").where("id", match.id).forUpdate().first();
  const plan = planFields(survivor, fields);
  const idleSince = survivor.last_activity_at ? new Date(survivor.last_activity_at) : new Date(survivor.created_at);
  const idle = now.getTime() - idleSince.getTime() > IDLE_DAYS * 86_400_000;
  const reengaged = REOPENED.has(survivor.status) || (idle && survivor.status !== "converted");
  const update: Record<string, unknown> = {
    ...planUpdate(survivor, plan, ev.default_region),
    tags: [...new Set([...survivor.tags, ...(fields.tags as string[])])],
    custom_fields: JSON.stringify({ ...(fields.custom_fields as object), ...survivor.custom_fields }),
    last_activity_at: now,
    updated_at: now,
  };
  // Consent and a do-not-disturb request are the person's latest word.
  if (fields.gdpr_consent && !survivor.gdpr_consent) Object.assign(update, { gdpr_consent: true, consent_at: now, opt_in_at: now });
  if (fields.dnd && !survivor.dnd) update.dnd = true;
  if (REOPENED.has(survivor.status)) update.status = "new";
  await trx("leads").where("id", survivor.id).update(update);

  const [{ id: mergeId }] = await trx("lead_merges")
    .insert({
      tenant_id: ev.tenant_id,
      lead_id: survivor.id,
      kind: "submission",
      inbound_event_id: ev.id,
      score: match.score,
      reasons: JSON.stringify(match.reasons),
      before: JSON.stringify({ ...plan.before, ...restorable(survivor) }),
      taken: JSON.stringify(plan.taken),
      not_taken: JSON.stringify(plan.notTaken),
      incoming: JSON.stringify({ ...fields, partner_id: ev.partner_id, form_id: ev.form_id, consent: input.consent ?? null }),
      created_at: now,
      updated_at: now,
    })
    .returning("id");
  await trx("lead_submissions").insert({
    tenant_id: ev.tenant_id,
    lead_id: survivor.id,
    inbound_event_id: ev.id,
    channel: ev.channel,
    vendor_id: ev.vendor_id,
    data: JSON.stringify(ev.payload ?? {}),
    not_taken: JSON.stringify(plan.notTaken),
    merge_id: mergeId,
    created_at: now,
    updated_at: now,
  });
  const source = fields.source ?? ev.channel;
  const filled = Object.keys(plan.taken);
  await input.timeline(survivor.id, {
    type: "submission",
    action: "lead.resubmitted",
    title: `Submitted again via ${source}`,
    body: [
      `Matched: ${match.reasons.join(", ")} (confidence ${match.score.toFixed(2)})`,
      filled.length ? `Filled in: ${filled.join(", ")}` : null,
    ]
      .filter(Boolean)
      .join("\n"),
    data: { merge_id: mergeId, score: match.score, reasons: match.reasons, taken: filled, not_taken: Object.keys(plan.notTaken) },
  });
  if (reengaged) {
    const why = REOPENED.has(survivor.status) ? `was ${survivor.status}` : `idle since ${idleSince.toISOString().slice(0, 10)}`;
    await trx("milestones").insert({
      tenant_id: ev.tenant_id,
      record_type: "lead",
      record_id: survivor.id,
      kind: "reengaged",
      title: `Re-engaged via ${source} (${why})`,
      data: JSON.stringify({ inbound_event_id: ev.id, previous_status: survivor.status, idle_since: idleSince }),
      occurred_at: now,
      created_at: now,
      updated_at: now,
    });
  }
  return { reengaged, mergeId };
}

/**
 * A lead that may be someone we have: flagged, pointed at its best match, and a review opened for
 * each likely match (at most three) for a person to decide.
 */
export async function openReviews(trx: Knex.Transaction, ev: EventRow, leadId: string, matches: Match[], now: Date, timeline: Timeline) {
  const top = matches.filter((m) => m.decision === "review").slice(0, 3);
  if (!top.length) return;
  await trx("leads").where("id", leadId).update({ is_duplicate: true, duplicate_of_id: top[0].id });
  await trx("duplicate_reviews")
    .insert(
      top.map((m) => ({
        tenant_id: ev.tenant_id,
        lead_id: leadId,
        candidate_lead_id: m.id,
        score: m.score,
        reasons: JSON.stringify(m.reasons),
        status: "open",
        origin: "intake",
        created_at: now,
        updated_at: now,
      })),
    )
    .onConflict(["lead_id", "candidate_lead_id"])
    .ignore();
  const best = top[0];
  await timeline(leadId, {
    action: "lead.possible_duplicate",
    title: `Possible duplicate of ${best.row.lead_number} (${best.score.toFixed(2)})`,
    body: best.reasons.join(", "),
    data: { candidates: top.map((m) => ({ lead_id: m.id, lead_number: m.row.lead_number, score: m.score })) },
  });
}

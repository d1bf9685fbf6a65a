import { randomUUID } from "node:crypto";
import { planFields, planUpdate, type FieldPlan } from "./fields.ts";
import type { Match } from "./match.ts";
import { restorable } from "./merge.ts";
import type { LeadFields } from "../lead/record.ts";
import type { TimelineEntry } from "../lead/timeline.ts";
import type { EventRow } from "../capture/read-event.ts";

/** A lead this long without activity that comes back is re-engaged, as a lost or unqualified one is. */
export const IDLE_DAYS = 30;
/** Reopened when their person comes back; a converted lead stays converted. */
const REOPENED = new Set(["lost", "unqualified"]);

type Lead = Record<string, unknown> & { id: string };

export interface SubmissionMerge {
  plan: FieldPlan;
  /** The lead's columns after the merge (values filled in, tags, custom fields, consent, status, activity). */
  update: Record<string, unknown>;
  /** The `lead_merges` row (its id made here, so the submission can name it in the same insert). */
  merge: Record<string, unknown>;
  entry: TimelineEntry;
  /** The "re-engaged" milestone, when the lead was lost, unqualified or idle. */
  milestone: Record<string, unknown> | null;
}

/**
 * A submission from a person we already have: the lead fills its empty fields from it, keeps the
 * values it did not take on the submission, shows it on the timeline, and when the lead was lost
 * or idle marks it re-engaged (a milestone; lost and unqualified leads reopen as new). Pure: the
 * caller writes the rows (intake writes a whole batch's at once).
 */
export function planSubmissionMerge(
  survivor: Lead,
  input: { ev: EventRow; match: Pick<Match, "score" | "reasons">; fields: LeadFields; consent: unknown; now: Date },
): SubmissionMerge {
  const { ev, match, fields, now } = input;
  const plan = planFields(survivor, fields);
  const status = survivor.status as string;
  const idleSince = survivor.last_activity_at ? new Date(survivor.last_activity_at as Date) : new Date(survivor.created_at as Date);
  const idle = now.getTime() - idleSince.getTime() > IDLE_DAYS * 86_400_000;
  const reengaged = REOPENED.has(status) || (idle && status !== "converted");
  const update: Record<string, unknown> = {
    ...planUpdate(survivor, plan, ev.default_region),
    tags: [...new Set([...(survivor.tags as string[]), ...(fields.tags as string[])])],
    custom_fields: { ...(fields.custom_fields as object), ...(survivor.custom_fields as object) },
    last_activity_at: now,
    updated_at: now,
  };
  // Consent and a do-not-disturb request are the person's latest word.
  if (fields.gdpr_consent && !survivor.gdpr_consent) Object.assign(update, { gdpr_consent: true, consent_at: now, opt_in_at: now });
  if (fields.dnd && !survivor.dnd) update.dnd = true;
  if (REOPENED.has(status)) update.status = "new";

  const mergeId = randomUUID();
  const merge = {
    id: mergeId,
    tenant_id: ev.tenant_id,
    lead_id: survivor.id,
    kind: "submission",
    inbound_event_id: ev.id,
    score: match.score,
    reasons: match.reasons,
    before: { ...plan.before, ...restorable(survivor) },
    taken: plan.taken,
    not_taken: plan.notTaken,
    incoming: { ...fields, partner_id: ev.partner_id, form_id: ev.form_id, consent: input.consent ?? null },
    created_at: now,
    updated_at: now,
  };
  const source = fields.source ?? ev.channel;
  const filled = Object.keys(plan.taken);
  const entry: TimelineEntry = {
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
  };
  const why = REOPENED.has(status) ? `was ${status}` : `idle since ${idleSince.toISOString().slice(0, 10)}`;
  const milestone = reengaged
    ? {
        tenant_id: ev.tenant_id,
        record_type: "lead",
        record_id: survivor.id,
        kind: "reengaged",
        title: `Re-engaged via ${source} (${why})`,
        data: { inbound_event_id: ev.id, previous_status: status, idle_since: idleSince },
        occurred_at: now,
        created_at: now,
        updated_at: now,
      }
    : null;
  return { plan, update, merge, entry, milestone };
}

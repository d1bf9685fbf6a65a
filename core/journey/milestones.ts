import type { Knex } from "knex";
import type { MilestoneKind } from "../vocabulary.ts";
import { exitEnrollments } from "../nurture/enrol.ts";
import { addTimelineEntry } from "../lead/timeline.ts";

export type { MilestoneKind };

export const MILESTONE_COLUMNS = [
  "id",
  "record_type",
  "record_id",
  "kind",
  "title",
  "occurred_at",
  "location_name",
  "latitude",
  "longitude",
  "outcome",
  "duration_minutes",
  "notes",
  "follow_up_at",
  "follow_up_task_id",
  "status_before",
  "status_after",
  "metadata",
  "data",
  "created_by",
  "created_at",
  "updated_at",
];

const LABELS: Record<MilestoneKind, string> = {
  lead_generated: "Lead generated",
  contacted: "Contacted",
  site_visit: "Site visit",
  revisit: "Revisit",
  demo: "Demo",
  proposal: "Proposal",
  negotiation: "Negotiation",
  booking: "Booking",
  cancellation: "Cancellation",
  reengaged: "Re-engaged",
};
export const milestoneTitle = (kind: MilestoneKind) => LABELS[kind];

/**
 * What a milestone does to its lead, in the milestone's own transaction: a status_after moves the
 * lead (the status it had is kept on the milestone), a follow_up_at becomes a task for the lead's
 * owner (or moves the task it already made). Answers the milestone's changed columns.
 */
export async function applyMilestone(
  trx: Knex,
  m: {
    id: string;
    record_id: string;
    kind: string;
    title: string;
    status_after?: string | null;
    follow_up_at?: Date | null;
    follow_up_task_id?: string | null;
  },
  opts: { tenantId: string; userId: string | null; now: Date; moveStatus: boolean },
): Promise<Record<string, unknown>> {
  const changed: Record<string, unknown> = {};
  // Locked: a concurrent edit of the lead cannot slip between the status read here and the move.
  const lead = await trx("leads")
    .where({ id: m.record_id, tenant_id: opts.tenantId })
    .forUpdate()
    .first("id", "status", "owner_id", "first_contacted_at");

  if (opts.moveStatus && m.status_after) {
    changed.status_before = lead.status;
    if (lead.status !== m.status_after) {
      await trx("leads")
        .where("id", lead.id)
        .update({
          status: m.status_after,
          updated_at: opts.now,
          // Moving a lead on from "new" is contact: it stops the SLA timer.
          ...(lead.status === "new" && !lead.first_contacted_at ? { first_contacted_at: opts.now } : {}),
        });
      if (m.status_after === "lost")
        await exitEnrollments(trx, { tenantId: opts.tenantId, leadIds: [lead.id], reason: "lost", now: opts.now, userId: opts.userId });
      await addTimelineEntry(trx, opts.tenantId, lead.id, opts.now, {
        action: "lead.status_changed",
        title: `Status changed from ${lead.status} to ${m.status_after}`,
        actorUserId: opts.userId,
        data: { from: lead.status, to: m.status_after, milestone_id: m.id },
      });
    }
  }

  if (m.follow_up_at && m.follow_up_task_id) {
    await trx("tasks")
      .where({ id: m.follow_up_task_id, tenant_id: opts.tenantId })
      .update({ due_at: m.follow_up_at, updated_at: opts.now });
  } else if (m.follow_up_at) {
    const [task] = await trx("tasks")
      .insert({
        tenant_id: opts.tenantId,
        title: `Follow up: ${m.title}`.slice(0, 300),
        due_at: m.follow_up_at,
        owner_id: lead.owner_id ?? opts.userId,
        record_type: "lead",
        record_id: lead.id,
        created_by: opts.userId,
        created_at: opts.now,
        updated_at: opts.now,
      })
      .returning("id");
    changed.follow_up_task_id = task.id;
  }

  // A milestone is activity on the lead: the silence measures (and decay) start again from it.
  await trx("leads")
    .where("id", lead.id)
    .update({ last_activity_at: trx.raw("greatest(coalesce(last_activity_at, ?), ?)", [opts.now, opts.now]) });
  if (Object.keys(changed).length) await trx("milestones").where("id", m.id).update(changed);
  return changed;
}

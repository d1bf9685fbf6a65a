import type { Knex } from "knex";
import type { Bounced, EventRow, Reading } from "../capture/read-event.ts";
import { addTimelineEntry } from "../lead/timeline.ts";
import { addBehaviourPoints } from "../scoring/record-score.ts";
import type { ScoringSettings } from "../scoring/score.ts";
import type { RuleSets } from "../rules/rule-sets.ts";
import { exitEnrollments, suppressEmail } from "../nurture/enrol.ts";

type Reply = Extract<Reading, { kind: "engagement" }>;

/**
 * A person answered one of our mails: the reply is an engagement on their lead (timeline, points),
 * the message is marked replied, and the machine stops talking (their sequences end).
 */
export async function recordReply(trx: Knex.Transaction, ev: EventRow, reply: Reply, sets: RuleSets, settings: ScoringSettings, now: Date) {
  const [engagement] = await trx("engagements")
    .insert({
      tenant_id: ev.tenant_id,
      lead_id: reply.leadId,
      type: "email_replied",
      channel: "email",
      inbound_event_id: ev.id,
      email_message_id: reply.emailMessageId,
      data: JSON.stringify({ subject: reply.subject }),
      occurred_at: now,
    })
    .returning("id");
  await addTimelineEntry(trx, ev.tenant_id, reply.leadId, now, {
    type: "email",
    action: "lead.replied",
    title: `Replied: ${reply.subject ?? "(no subject)"}`,
    body: reply.note,
    data: { inbound_event_id: ev.id, channel: ev.channel, format: ev.format },
  });
  await trx("leads").where("id", reply.leadId).update({ last_activity_at: now, updated_at: now });
  await addBehaviourPoints(trx, {
    tenantId: ev.tenant_id,
    leadId: reply.leadId,
    behaviour: "email_replied",
    engagementId: engagement.id,
    sets,
    settings,
    now,
  });
  await trx("email_messages").where("id", reply.emailMessageId).whereNull("replied_at").update({ replied_at: now, updated_at: now });
  await exitEnrollments(trx, {
    tenantId: ev.tenant_id,
    leadIds: [reply.leadId],
    reason: "replied",
    now,
    detail: reply.subject ?? undefined,
  });
}

/** One of our mails bounced: the message is marked, the address suppressed, its leads leave their sequences. */
export async function recordBounce(trx: Knex.Transaction, tenantId: string, bounce: Bounced, now: Date) {
  await trx("email_messages").where("id", bounce.emailMessageId).update({ status: "bounced", bounced_at: now, updated_at: now });
  await suppressEmail(trx, {
    tenantId,
    email: bounce.email,
    reason: "bounced",
    leadId: bounce.leadId,
    emailMessageId: bounce.emailMessageId,
    now,
  });
}

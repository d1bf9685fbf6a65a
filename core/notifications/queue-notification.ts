import type { Knex } from "knex";

export interface NotificationInput {
  tenantId: string;
  userId: string;
  leadId: string | null;
  kind: "lead_assigned" | "sla_reassigned" | "sla_escalated" | "task_reminder";
  subject: string;
  body: string;
  /** Held for the hourly digest instead of sent within the quarter minute. */
  digest: boolean;
  now: Date;
}

/** A notification as a row, to write in the transaction of the change it reports (so it exists exactly when the change does). */
export function notificationRow(n: NotificationInput) {
  return {
    tenant_id: n.tenantId,
    user_id: n.userId,
    lead_id: n.leadId,
    kind: n.kind,
    subject: n.subject.slice(0, 300),
    body: n.body.slice(0, 10_000),
    digest: n.digest,
    created_at: n.now,
    updated_at: n.now,
  };
}

/** A notification for a user, written in the caller's transaction; the sender mails it. */
export async function queueNotification(trx: Knex, n: NotificationInput): Promise<void> {
  await trx("notifications").insert(notificationRow(n));
}

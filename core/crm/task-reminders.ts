import type { JobContext, JobResult } from "../context.ts";
import { notificationRow } from "../notifications/queue-notification.ts";

const BATCH = 200;

/**
 * Task reminders, swept every minute: each open task whose reminder time has come tells its owner
 * once, through the notifications the sender mails. The task is marked reminded in the transaction
 * that writes the notification (SKIP LOCKED: parallel sweeps never take the same task), so a
 * sweep run twice, or by two workers, sends one reminder.
 */
export async function sendTaskReminders(ctx: JobContext): Promise<JobResult> {
  let reminded = 0;
  for (;;) {
    const now = ctx.clock.now();
    const n = await ctx.db.transaction(async (trx) => {
      const tasks = await trx("tasks as t")
        .leftJoin("leads as l", function () {
          this.on("l.id", "t.record_id").andOnVal("t.record_type", "lead");
        })
        .whereNotNull("t.remind_at")
        .where("t.remind_at", "<=", now)
        .whereNull("t.reminded_at")
        .whereNull("t.done_at")
        .whereNull("t.deleted_at")
        .whereNotNull("t.owner_id")
        .orderBy("t.remind_at")
        .limit(BATCH)
        .forUpdate("t")
        .skipLocked()
        .select("t.id", "t.tenant_id", "t.owner_id", "t.title", "t.due_at", "t.record_type", "t.record_id", "l.lead_number");
      if (!tasks.length) return 0;
      await trx("notifications").insert(
        tasks.map((task) => {
          const about = task.lead_number ? ` (${task.lead_number})` : "";
          const due = task.due_at ? `Due ${new Date(task.due_at).toISOString().slice(0, 16).replace("T", " ")} UTC.` : "No due date.";
          return notificationRow({
            tenantId: task.tenant_id,
            userId: task.owner_id,
            leadId: task.record_type === "lead" ? task.record_id : null,
            kind: "task_reminder",
            subject: `Reminder: ${task.title}${about}`,
            body: `${task.title}${about}\n${due}`,
            digest: false,
            now,
          });
        }),
      );
      await trx("tasks")
        .whereIn(
          "id",
          tasks.map((t) => t.id),
        )
        .update({ reminded_at: now, updated_at: now });
      return tasks.length;
    });
    reminded += n;
    if (n < BATCH) break;
  }
  return { outcome: "done", detail: `${reminded} reminders` };
}

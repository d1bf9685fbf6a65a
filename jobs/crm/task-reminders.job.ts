import type { JobContext, JobResult } from "../../core/context.ts";
import { sendTaskReminders } from "../../core/crm/task-reminders.ts";

/** `crm.task-reminders`, every minute: each task whose reminder time has come tells its owner once (core/crm/task-reminders.ts). */
export function remindTasks(ctx: JobContext): Promise<JobResult> {
  return sendTaskReminders(ctx);
}

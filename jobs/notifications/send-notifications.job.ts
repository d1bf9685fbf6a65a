import type { JobContext, JobResult } from "../../core/context.ts";
import { sendNotifications } from "../../core/notifications/send.ts";

/** `notifications.send`, every 15 s: pending notifications mailed one by one, each at most once (core/notifications/send.ts). */
export function sendPending(ctx: JobContext): Promise<JobResult> {
  return sendNotifications(ctx, { digest: false });
}

/** `notifications.digest`, hourly: the notifications people take as a digest, one mail per person. */
export function sendDigests(ctx: JobContext): Promise<JobResult> {
  return sendNotifications(ctx, { digest: true });
}

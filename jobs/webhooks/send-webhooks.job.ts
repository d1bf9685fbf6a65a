import type { JobContext, JobResult } from "../../core/context.ts";
import { deliverEvents } from "../../core/events/deliver.ts";

/**
 * `webhooks.send`, every few seconds: the outbox's new events fanned out to their subscriptions,
 * due deliveries claimed, POSTed signed and marked delivered, due again with backoff, or failed
 * (core/events/deliver.ts).
 */
export function sendWebhooks(ctx: JobContext): Promise<JobResult> {
  return deliverEvents(ctx);
}

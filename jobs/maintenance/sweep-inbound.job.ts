import type { JobContext, JobResult } from "../../core/context.ts";
import { sweepInboundEvents } from "../../core/intake/sweep.ts";

/**
 * `maintenance.sweep-inbound`, every 15 s: inbound events still waiting for intake after the
 * configured time (Redis was down at the 202, or lost its data) are enqueued again under their own
 * ids, and so are re-score runs still queued (core/intake/sweep.ts).
 */
export function sweepInbound(ctx: JobContext): Promise<JobResult> {
  return sweepInboundEvents(ctx, ctx.settings.sweepAfterSeconds);
}

import type { JobContext, JobResult } from "../../core/context.ts";
import { checkSlaTimers } from "../../core/assignment/sla.ts";

/**
 * `assignment.sla`, every minute: a lead its owner has not contacted by its rule's deadline is
 * reassigned by the rules (that owner excluded) or escalated, and the manager told
 * (core/assignment/sla.ts).
 */
export function checkSlas(ctx: JobContext): Promise<JobResult> {
  return checkSlaTimers(ctx);
}

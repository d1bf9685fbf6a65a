import type { JobContext, JobResult } from "../../core/context.ts";
import { sweepOverdueSteps } from "../../core/nurture/sweep-due.ts";

/**
 * `nurture.sweep`, every 15 s: the safety net under the delayed step jobs; steps overdue whose job
 * is gone get it back, a job still delayed past its due time is promoted (core/nurture/sweep-due.ts).
 */
export function sweepDueSteps(ctx: JobContext): Promise<JobResult> {
  return sweepOverdueSteps(ctx);
}

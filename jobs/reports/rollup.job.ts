import type { JobContext, JobResult } from "../../core/context.ts";
import { refreshAllRollups } from "../../core/reports/rollups.ts";

/** `reports.rollup`, every 15 minutes: each active tenant's report cubes brought up to today (core/reports/rollups.ts). */
export function refreshRollups(ctx: JobContext): Promise<JobResult> {
  return refreshAllRollups(ctx);
}

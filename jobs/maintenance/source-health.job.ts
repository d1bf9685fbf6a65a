import type { JobContext, JobResult } from "../../core/context.ts";
import { checkSources } from "../../core/intake/source-health.ts";

/**
 * `maintenance.source-health`, hourly: a partner or form gone silent for longer than its usual gap,
 * or whose error rate jumped, raises one alert; one that recovered resolves it
 * (core/intake/source-health.ts).
 */
export function checkSourceHealth(ctx: JobContext): Promise<JobResult> {
  return checkSources(ctx);
}

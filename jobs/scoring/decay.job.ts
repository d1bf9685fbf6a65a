import type { JobContext, JobResult } from "../../core/context.ts";
import { decayIdleScores } from "../../core/scoring/decay.ts";

/**
 * `scoring.decay`, daily: leads idle for their tenant's `every_days` lose some of what behaviour
 * earned them; a second run on the same day does nothing (core/scoring/decay.ts).
 */
export function decayScores(ctx: JobContext): Promise<JobResult> {
  return decayIdleScores(ctx);
}

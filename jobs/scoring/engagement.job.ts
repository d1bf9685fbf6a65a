import type { JobContext, JobResult } from "../../core/context.ts";
import type { JobPayloads } from "../../core/queues.ts";
import { scoreRecordedEngagement } from "../../core/scoring/engagement.ts";

/** `scoring.engagement`: an engagement recorded outside intake earns its behaviour points, once (core/scoring/engagement.ts). */
export function scoreEngagement(ctx: JobContext, data: JobPayloads["scoring.engagement"]): Promise<JobResult> {
  return scoreRecordedEngagement(ctx, data);
}

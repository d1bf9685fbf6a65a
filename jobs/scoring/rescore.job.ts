import type { JobContext, JobResult } from "../../core/context.ts";
import type { JobPayloads } from "../../core/queues.ts";
import { failRescore, rescoreTenant } from "../../core/scoring/rescore.ts";

type Payload = JobPayloads["scoring.rescore"];

/**
 * `scoring.rescore`: every live lead of a tenant re-scored with its rules as they now stand, batch
 * by batch, the cursor saved with each so a restarted worker goes on (core/scoring/rescore.ts).
 */
export function rescore(ctx: JobContext, data: Payload): Promise<JobResult> {
  return rescoreTenant(ctx, data);
}

/** After the last retry the run shows as failed, with the reason. */
export function onRescoreFailed(ctx: JobContext, data: Payload, err: Error): Promise<void> {
  return failRescore(ctx, data, err);
}

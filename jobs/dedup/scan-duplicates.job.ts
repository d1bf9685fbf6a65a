import type { JobContext, JobResult } from "../../core/context.ts";
import type { JobPayloads } from "../../core/queues.ts";
import { failScan, scanTenantDuplicates } from "../../core/dedup/scan.ts";

type Payload = JobPayloads["dedup.scan"];

/**
 * `dedup.scan`: a tenant's existing leads (or one import's) matched oldest first against older
 * leads with intake's own matching, merged or put up for review; resumable from the cursor saved
 * after every batch (core/dedup/scan.ts).
 */
export function scanDuplicates(ctx: JobContext, data: Payload): Promise<JobResult> {
  return scanTenantDuplicates(ctx, data);
}

/** After the last retry the scan shows as failed, with the reason. */
export function onScanFailed(ctx: JobContext, data: Payload, err: Error): Promise<void> {
  return failScan(ctx, data, err);
}

import type { JobContext, JobResult } from "../../core/context.ts";
import { pollIndiamartPartners } from "../../core/intake/indiamart-poll.ts";

// Kept for the callers that pull one partner directly (test/api/ssrf.test.ts); the logic is in core/intake/.

/**
 * `indiamart.poll`, every INDIAMART_POLL_MINUTES: new IndiaMART leads pulled for every partner with a
 * CRM key, stored once each (by UNIQUE_QUERY_ID) and handed to intake (core/intake/indiamart-poll.ts).
 */
export function pollIndiamart(ctx: JobContext): Promise<JobResult> {
  return pollIndiamartPartners(ctx);
}

import type { JobContext, JobResult } from "../../core/context.ts";
import type { JobPayloads } from "../../core/queues.ts";
import { fetchFacebookEvent } from "../../core/intake/facebook-fetch.ts";
import { failIntake } from "../../core/intake/intake.ts";

type Payload = JobPayloads["lead.fetch-facebook"];

/**
 * `lead.fetch-facebook`: Meta's webhook names a lead without carrying it; its fields are fetched
 * from the Graph API, kept on the event, and the event handed to intake
 * (core/intake/facebook-fetch.ts). A refused token or address fails for good; the rest retries.
 */
export function fetchFacebookLead(ctx: JobContext, data: Payload): Promise<JobResult> {
  return fetchFacebookEvent(ctx, data);
}

/** After the last retry the event ends failed, as an intake that failed would. */
export function onFetchFailed(ctx: JobContext, data: Payload, err: Error): Promise<void> {
  return failIntake(ctx, data, err);
}

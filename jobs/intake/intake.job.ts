import type { JobContext, JobResult } from "../../core/context.ts";
import type { JobPayloads } from "../../core/queues.ts";
import { failIntake, intakeEvent } from "../../core/intake/intake.ts";

type Payload = JobPayloads["lead.intake"];

/**
 * `lead.intake`: one inbound event, handed to the process's batch of its tenant's events and
 * answered when that batch commits (core/intake/intake.ts): read, normalised, deduplicated and
 * written as a lead (or the merge, engagement, ignore or rejection it is). Idempotent: an event
 * already processed is left as it is.
 */
export function handleIntake(ctx: JobContext, data: Payload): Promise<JobResult> {
  return intakeEvent(ctx, data);
}

/** After the last retry the event ends failed, with the reason, so nothing waits forever. */
export function onIntakeFailed(ctx: JobContext, data: Payload, err: Error): Promise<void> {
  return failIntake(ctx, data, err);
}

import type { JobContext, JobResult } from "../../core/context.ts";
import type { JobPayloads } from "../../core/queues.ts";
import { runEnrollmentStep } from "../../core/nurture/run-step.ts";

/**
 * `nurture.step`: one step of one enrolment (email, wait, task, branch, end), under the enrolment's
 * lock and only if it is still at this step and due time. An email is claimed before the SMTP call
 * so it is never sent twice; due sends of a tenant that run at the same time are claimed, sent and
 * confirmed together, each job settling with its own result (core/nurture/run-step.ts).
 */
export function runStep(ctx: JobContext, data: JobPayloads["nurture.step"]): Promise<JobResult> {
  return runEnrollmentStep(ctx, data);
}

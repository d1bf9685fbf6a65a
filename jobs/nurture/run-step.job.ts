import type { JobContext, JobResult } from "../../core/context.ts";
import type { JobPayloads } from "../../core/queues.ts";
import { runEnrollmentStep } from "../../core/nurture/run-step.ts";

// Kept for callers that read SMTP failures through the job (test/core/nurture/templates.test.ts); it lives in core/nurture/.

/**
 * `nurture.step`: one step of one enrolment (email, wait, task, branch, end), under the enrolment's
 * lock and only if it is still at this step and due time; an email is claimed before the SMTP call
 * so it is never sent twice (core/nurture/run-step.ts).
 */
export function runStep(ctx: JobContext, data: JobPayloads["nurture.step"]): Promise<JobResult> {
  return runEnrollmentStep(ctx, data);
}

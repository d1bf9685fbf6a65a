import type { JobContext, JobResult } from "../context.ts";
import { jobId } from "../queues.ts";
import type { DueStep } from "./enrol.ts";
import { scheduleSteps } from "./schedule.ts";

/** Steps looked at per sweep, oldest first. */
const BATCH = 2_000;

/**
 * The safety net under the delayed jobs: steps due for a while (sweepAfterSeconds) whose job is
 * gone (Redis lost it, or the enrolment was committed while Redis was away) get it back; a job
 * still delayed past its step's due time is promoted. PostgreSQL's next_run_at is the record.
 */
export async function sweepOverdueSteps(ctx: JobContext): Promise<JobResult> {
  const before = new Date(ctx.clock.now().getTime() - ctx.settings.sweepAfterSeconds * 1000);
  const due: { id: string; tenant_id: string; current_step: number; next_run_at: Date }[] = await ctx
    .db("enrollments")
    .where("status", "active")
    .where("next_run_at", "<=", before)
    .orderBy("next_run_at")
    .limit(BATCH)
    .select("id", "tenant_id", "current_step", "next_run_at");
  const queue = ctx.queues.get("nurture");
  const missing: DueStep[] = [];
  let promoted = 0;
  for (let i = 0; i < due.length; i += 100) {
    await Promise.all(
      due.slice(i, i + 100).map(async (r) => {
        const job = await queue.getJob(jobId.nurtureStep(r.id, r.current_step, r.next_run_at.getTime()));
        if (!job) missing.push({ tenantId: r.tenant_id, enrollmentId: r.id, step: r.current_step, runAt: r.next_run_at });
        else if (await job.isDelayed())
          await job.promote().then(
            () => promoted++,
            () => {},
          );
      }),
    );
  }
  await scheduleSteps(ctx.queues, ctx.clock, missing);
  return {
    outcome: missing.length || promoted ? "rescheduled" : "nothing",
    detail: `${due.length} overdue, ${missing.length} re-enqueued, ${promoted} promoted`,
  };
}

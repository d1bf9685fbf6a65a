import type { Clock } from "../clock.ts";
import type { Logger } from "../logger.ts";
import { jobId, type Queues } from "../queues.ts";
import type { DueStep } from "./enrol.ts";

/**
 * Each due step becomes a BullMQ delayed job with a deterministic id. Done after the enrolment is
 * committed; if Redis is away the step is still due in PostgreSQL and the sweeper schedules it.
 */
export async function scheduleSteps(queues: Queues, clock: Clock, due: DueStep[], reserved = false): Promise<void> {
  const now = clock.now().getTime();
  for (let i = 0; i < due.length; i += 5_000) {
    await queues.enqueueBulk(
      "nurture.step",
      due.slice(i, i + 5_000).map((d) => {
        const runAt = d.runAt.getTime();
        return {
          data: { tenantId: d.tenantId, enrollmentId: d.enrollmentId, step: d.step, runAt, ...(reserved && { reserved }) },
          // Completed step jobs go at once: PostgreSQL is the record, and the id stays free for the sweeper.
          opts: { jobId: jobId.nurtureStep(d.enrollmentId, d.step, runAt), delay: Math.max(0, runAt - now), removeOnComplete: true },
        };
      }),
    );
  }
}

/** Best effort, for callers that have committed and must not fail now: the sweeper is the safety net. */
export function scheduleSoon(queues: Queues, clock: Clock, log: Logger, due: DueStep[], reserved = false): Promise<void> {
  return scheduleSteps(queues, clock, due, reserved).catch((err) =>
    log.warn({ err: (err as Error).message, steps: due.length }, "nurture steps left to the sweeper"),
  );
}

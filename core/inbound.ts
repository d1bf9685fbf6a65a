import { jobId, queueOf, type JobName, type Queues } from "./queues.ts";

type FirstJob = Extract<JobName, "lead.intake" | "lead.fetch-facebook">;

/**
 * The first job an inbound event needs: intake, except a Meta lead whose details must first be
 * fetched from the Graph API (the webhook carries only ids).
 */
export function firstJobFor(format: string, fetched: boolean): { name: FirstJob; id: (eventId: string) => string } {
  if (format === "facebook" && !fetched) return { name: "lead.fetch-facebook", id: jobId.fetchFacebook };
  return { name: "lead.intake", id: jobId.intake };
}

export const hasGraph = (payload: unknown) => typeof payload === "object" && payload !== null && "graph" in payload;

/**
 * For events the sweeper finds still waiting: a job under the event's id that already finished (its
 * intake commit was lost in a database crash, or the event was put back by hand) would make a new
 * add() a no-op for as long as BullMQ keeps it, so it is removed first. Jobs still queued, delayed or
 * running are left alone: they will do the work.
 */
export async function clearFinishedJobs(queues: Queues, events: { eventId: string; format: string; fetched: boolean }[]): Promise<number> {
  let cleared = 0;
  await Promise.all(
    events.map(async (e) => {
      const job = firstJobFor(e.format, e.fetched);
      const queue = queues.get(queueOf[job.name]);
      const state = await queue.getJobState(job.id(e.eventId));
      if (state === "completed" || state === "failed") {
        await queue.remove(job.id(e.eventId));
        cleared++;
      }
    }),
  );
  return cleared;
}

/** Enqueues each stored event's first job, one addBulk per job name. Used at ingest and by the sweeper. */
export async function enqueueFirstJobs(
  queues: Queues,
  events: { tenantId: string; eventId: string; format: string; fetched: boolean }[],
  /** A replay needs a job id of its own: the first attempt's job may still be kept under the plain one. */
  replay?: string,
): Promise<void> {
  const groups = new Map<FirstJob, { id: (eventId: string) => string; items: typeof events }>();
  for (const e of events) {
    const job = firstJobFor(e.format, e.fetched);
    const group = groups.get(job.name) ?? groups.set(job.name, { id: job.id, items: [] }).get(job.name)!;
    group.items.push(e);
  }
  for (const [name, { id, items }] of groups) {
    await queues.enqueueBulk(
      name,
      items.map((e) => ({
        data: { tenantId: e.tenantId, eventId: e.eventId },
        opts: { jobId: replay ? `${id(e.eventId)}-replay-${replay}` : id(e.eventId) },
      })),
    );
  }
}

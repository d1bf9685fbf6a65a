import type { JobContext, JobResult } from "../context.ts";
import { clearFinishedJobs, enqueueFirstJobs } from "../inbound.ts";
import { jobId } from "../queues.ts";

export const SWEEP_BATCH = 5000;

/**
 * Re-enqueues inbound events still waiting for intake after `olderThanSeconds` (Redis was down at
 * the 202, or lost its data, or PostgreSQL lost intake's asynchronous commit in a crash). The job id
 * is the event's, so an intake job still queued or retrying is not doubled; one that already finished
 * is cleared first; intake itself is idempotent besides.
 */
export async function sweepInboundEvents(ctx: JobContext, olderThanSeconds: number): Promise<JobResult> {
  const cutoff = new Date(ctx.clock.now().getTime() - olderThanSeconds * 1000);
  const rows = await ctx
    .db("inbound_events")
    .whereIn("status", ["received", "processing"])
    .where("created_at", "<", cutoff)
    .orderBy("created_at")
    .limit(SWEEP_BATCH)
    .select<{ id: string; tenant_id: string; format: string; fetched: boolean }[]>(
      "id",
      "tenant_id",
      "format",
      ctx.db.raw("(payload -> 'graph') IS NOT NULL as fetched"),
    );
  const events = rows.map((r) => ({ tenantId: r.tenant_id, eventId: r.id, format: r.format, fetched: r.fetched }));
  await clearFinishedJobs(ctx.queues, events);
  await enqueueFirstJobs(ctx.queues, events);
  if (rows.length) ctx.log.info({ count: rows.length }, "re-enqueued waiting inbound events");
  const runs = await requeueRescores(ctx, cutoff);
  return { outcome: "swept", detail: `${rows.length} re-enqueued${runs ? `, ${runs} re-score runs` : ""}` };
}

/** Re-score runs still queued (Redis was away when the rule change was saved): enqueued again under their own job id. */
async function requeueRescores(ctx: JobContext, cutoff: Date): Promise<number> {
  const runs = await ctx.db("rescore_runs").where("status", "queued").where("created_at", "<", cutoff).limit(100).select("id", "tenant_id");
  for (const r of runs) await ctx.queues.enqueue("scoring.rescore", { tenantId: r.tenant_id, runId: r.id }, { jobId: jobId.rescore(r.id) });
  return runs.length;
}

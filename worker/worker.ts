import { Worker, UnrecoverableError, type Job } from "bullmq";
import cron from "node-cron";
import type { Services } from "../core/services.ts";
import { jobId, queueNames, workerConnectionOptions, type JobName } from "../core/queues.ts";
import { jobDefinitions, type JobDefinition } from "../jobs/registry.ts";
import type { JobContext } from "../core/context.ts";
import { TraceWriter } from "./trace.ts";
import { createJobContext } from "./job-context.ts";
import { INDIAMART_POLL_MINUTES } from "../jobs/intake/indiamart-poll.job.ts";
import { jobDuration } from "../core/metrics.ts";
import { asSystem, withTenant } from "../core/tenant-scope.ts";

export interface WorkerOptions {
  concurrency?: number;
  /** Run the cron schedules in this process (on by default; a tick fires once however many run). */
  schedules?: boolean;
}

/** Schedules: each tick enqueues one job whose id names the time slot, so it runs once however many workers tick. */
const SCHEDULES = [
  { cron: "*/15 * * * * *", seconds: 15, job: "maintenance.sweep-inbound", id: jobId.sweep },
  { cron: `0 */${INDIAMART_POLL_MINUTES} * * * *`, seconds: INDIAMART_POLL_MINUTES * 60, job: "indiamart.poll", id: jobId.indiamartPoll },
  { cron: "0 7 * * * *", seconds: 3600, job: "maintenance.source-health", id: jobId.sourceHealth },
  { cron: "30 * * * * *", seconds: 60, job: "assignment.sla", id: jobId.sla },
  { cron: "5,20,35,50 * * * * *", seconds: 15, job: "notifications.send", id: jobId.notify },
  { cron: "0 0 * * * *", seconds: 3600, job: "notifications.digest", id: jobId.digest },
  { cron: "0 15 2 * * *", seconds: 86_400, job: "scoring.decay", id: jobId.decay },
  { cron: "*/5 * * * * *", seconds: 5, job: "webhooks.send", id: jobId.webhooks },
  { cron: "0 20 * * * *", seconds: 3600, job: "crm.account-health", id: jobId.accountHealth },
  { cron: "0 */15 * * * *", seconds: 900, job: "reports.rollup", id: jobId.reportsRollup },
  { cron: "10,25,40,55 * * * * *", seconds: 15, job: "nurture.sweep", id: jobId.nurtureSweep },
] as const;

/** A tenant's job sees that tenant's rows only; the schedules' sweeps (no tenant) work across tenants. */
const tenantOf = (job: Job) => (job.data as { tenantId?: string | null }).tenantId ?? null;
const inJobScope = <T>(job: Job, fn: () => Promise<T>): Promise<T> => {
  const tenantId = tenantOf(job);
  return tenantId ? withTenant(tenantId, fn) : asSystem(fn);
};

/** Time slot of a tick, so every worker process enqueues the same job id for it. */
export const slotOf = (now: Date, seconds: number) => String(Math.floor(now.getTime() / (seconds * 1000)));

/** Runs every queue's jobs with BullMQ, plus the schedules. Holds no business rules: jobs/ does. */
export async function startWorker(services: Services, opts: WorkerOptions = {}) {
  const { config, log } = services;
  const ctx: JobContext = createJobContext(services);
  const trace = new TraceWriter(services.db, log);

  const process = async (job: Job) => {
    const def = jobDefinitions[job.name as JobName] as JobDefinition | undefined;
    if (!def) throw new UnrecoverableError(`unknown job ${job.name}`);
    const parsed = def.schema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`bad payload for ${job.name}: ${parsed.error.message}`);
    const started = new Date();
    const t0 = performance.now();
    const tenantId = tenantOf(job);
    const record = (outcome: string, r: { leadId?: string | null; eventId?: string | null; detail?: string }) => {
      const ms = performance.now() - t0;
      jobDuration.observe({ job: job.name, outcome }, ms / 1000);
      if (tenantId) {
        trace.add({
          tenant_id: tenantId,
          lead_id: r.leadId ?? null,
          inbound_event_id: r.eventId ?? null,
          queue: job.name,
          job_id: job.id ?? null,
          attempt: job.attemptsMade + 1,
          outcome,
          detail: r.detail?.slice(0, 500) ?? null,
          started_at: started,
          duration_ms: Math.round(ms),
        });
      }
    };
    try {
      const result = await inJobScope(job, () => def.handle(ctx, parsed.data));
      record(result.outcome, result);
      return result;
    } catch (err) {
      const eventId = (job.data as { eventId?: string }).eventId ?? null;
      record("error", { eventId, detail: (err as Error).message });
      throw err;
    }
  };

  const concurrency = opts.concurrency ?? config.workerConcurrency;
  const workers = queueNames.map((name) => {
    const w = new Worker(name, process, {
      connection: workerConnectionOptions(services.config.redisUrl),
      prefix: config.queuePrefix,
      lockDuration: config.workerLockMs,
      stalledInterval: config.workerLockMs,
      // One sweep, scan or import at a time per worker: each walks a whole table or file.
      concurrency: name === "maintenance" || name === "dedup" || name === "imports" || name === "rescore" || name === "webhooks" || name === "reports" ? 1 : concurrency,
    });
    w.on("failed", (job, err) => {
      if (!job) return;
      const final = err instanceof UnrecoverableError || err.name === "UnrecoverableError" || job.attemptsMade >= (job.opts.attempts ?? 1);
      if (!final) return;
      log.error({ job: job.name, id: job.id, err: err.message }, "job failed for good");
      const def = jobDefinitions[job.name as JobName] as JobDefinition | undefined;
      if (def?.onFailed) inJobScope(job, () => def.onFailed!(ctx, job.data, err)).catch((e) => log.error({ err: e }, "onFailed hook failed"));
    });
    w.on("error", (err) => log.warn({ queue: name, err: err.message }, "worker connection error"));
    return w;
  });

  const tasks =
    opts.schedules === false
      ? []
      : SCHEDULES.map((s) =>
          cron.schedule(s.cron, () => {
            const slot = slotOf(services.clock.now(), s.seconds);
            services.queues
              .enqueue(s.job, { tenantId: null, slot }, { jobId: s.id(slot), attempts: 1 })
              .catch((err) => log.warn({ job: s.job, err: err.message }, "could not enqueue a scheduled job"));
          }),
        );

  await Promise.all(workers.map((w) => w.waitUntilReady()));
  log.info({ queues: queueNames, concurrency }, "workers running");
  return {
    workers,
    async close() {
      for (const t of tasks) t.stop();
      // Worker.close() waits for jobs in progress to finish: a deploy loses no work.
      await Promise.all(workers.map((w) => w.close()));
      await trace.close();
      ctx.mailer?.close?.();
    },
  };
}

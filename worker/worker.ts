import { Worker, UnrecoverableError, type Job } from "bullmq";
import cron from "node-cron";
import type { Services } from "../core/services.ts";
import { jobs, queueNames, queueOf, workerConnectionOptions, type JobName, type QueueName, type ScheduledJobName } from "../core/queues.ts";
import { registry, type JobRow } from "../jobs/registry.ts";
import type { JobContext } from "../core/context.ts";
import { TraceWriter } from "./trace.ts";
import { createJobContext } from "./job-context.ts";
import { jobDuration } from "../core/metrics.ts";
import { asSystem, withTenant, withTenants } from "../core/tenant-scope.ts";

export interface WorkerOptions {
  concurrency?: number;
  /** Run the cron schedules in this process (on by default; a tick fires once however many run). */
  schedules?: boolean;
  /**
   * The tenants a sweep (a job with no tenant) may touch; every tenant unless given. Tests that share
   * one database give each worker its own tenant, so one test's sweep never moves another's rows.
   */
  sweepTenants?: string[];
}

const rows = Object.entries(registry) as [JobName, JobRow][];

/** A queue's concurrency: what its rows declare (they agree), else the process's default. */
const concurrencyOf = (queue: QueueName, fallback: number) =>
  Math.min(...rows.filter(([name]) => queueOf[name] === queue).map(([, row]) => row.concurrency ?? fallback));

/** A tenant's job sees that tenant's rows only; the schedules' sweeps (no tenant) work across tenants. */
const tenantOf = (job: Job) => (job.data as { tenantId?: string | null }).tenantId ?? null;
const inJobScope = <T>(job: Job, fn: () => Promise<T>, sweepTenants?: string[]): Promise<T> => {
  const tenantId = tenantOf(job);
  if (tenantId) return withTenant(tenantId, fn);
  return sweepTenants ? withTenants(sweepTenants, fn) : asSystem(fn);
};

/** Time slot of a tick, so every worker process enqueues the same job id for it. */
export const slotOf = (now: Date, seconds: number) => String(Math.floor(now.getTime() / (seconds * 1000)));

/** Runs every queue's jobs with BullMQ, plus the schedules, all built from the rows of jobs/registry.ts. Holds no business rules. */
export async function startWorker(services: Services, opts: WorkerOptions = {}) {
  const { config, log } = services;
  const ctx: JobContext = createJobContext(services);
  const trace = new TraceWriter(services.db, log);

  const process = async (job: Job) => {
    const row = registry[job.name as JobName] as JobRow | undefined;
    if (!row) throw new UnrecoverableError(`unknown job ${job.name}`);
    const parsed = jobs[job.name as JobName].payload.safeParse(job.data);
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
      const result = await inJobScope(job, () => row.handle(ctx, parsed.data), opts.sweepTenants);
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
      concurrency: concurrencyOf(name, concurrency),
    });
    w.on("failed", (job, err) => {
      if (!job) return;
      const final = err instanceof UnrecoverableError || err.name === "UnrecoverableError" || job.attemptsMade >= (job.opts.attempts ?? 1);
      if (!final) return;
      log.error({ job: job.name, id: job.id, err: err.message }, "job failed for good");
      const row = registry[job.name as JobName] as JobRow | undefined;
      if (row?.onFailed)
        inJobScope(job, () => row.onFailed!(ctx, job.data, err), opts.sweepTenants).catch((e) =>
          log.error({ err: e }, "onFailed hook failed"),
        );
    });
    w.on("error", (err) => log.warn({ queue: name, err: err.message }, "worker connection error"));
    return w;
  });

  const tasks =
    opts.schedules === false
      ? []
      : rows.flatMap(([name, { schedule }]) =>
          schedule
            ? [
                cron.schedule(schedule.cron, () => {
                  const slot = slotOf(services.clock.now(), schedule.seconds);
                  const job = name as ScheduledJobName;
                  services.queues
                    .enqueue(job, { tenantId: null, slot }, { jobId: jobs[job].id(slot), attempts: 1 })
                    .catch((err) => log.warn({ job, err: err.message }, "could not enqueue a scheduled job"));
                }),
              ]
            : [],
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

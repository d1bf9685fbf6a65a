import { Queue, type JobsOptions, type ConnectionOptions } from "bullmq";
import { Redis, type RedisOptions } from "ioredis";
import { z, type ZodType } from "zod";

/** A scheduled job's payload: no tenant (it works across tenants) and the time slot its tick named. */
const slotPayload = z.object({ tenantId: z.null(), slot: z.string() });
/** A scheduled job's id names its time slot, so however many processes tick, one job runs per slot. */
const slotId = (prefix: string) => (slot: string) => `${prefix}-${slot}`;

/**
 * Every job leadhub runs, one row each: its queue, its payload schema (the worker parses every job
 * with it; the payload type is derived from it) and its deterministic id. This is what producers
 * (api/, core/) need to enqueue; the handler, schedule and concurrency of each name are the
 * worker's side, one row each in jobs/registry.ts. Payloads start with tenantId and carry ids,
 * never personal data: BullMQ keeps them in Redis in clear text. Ids never contain ':' (BullMQ's
 * key separator). One queue per area, so each can have its own concurrency.
 */
export const jobs = {
  "lead.intake": {
    queue: "intake",
    payload: z.object({ tenantId: z.uuid(), eventId: z.uuid() }),
    id: (eventId: string) => `intake-${eventId}`,
  },
  "lead.fetch-facebook": {
    queue: "fetch",
    payload: z.object({ tenantId: z.uuid(), eventId: z.uuid() }),
    id: (eventId: string) => `fetch-facebook-${eventId}`,
  },
  "indiamart.poll": { queue: "fetch", payload: slotPayload, id: slotId("indiamart-poll") },
  "maintenance.source-health": { queue: "maintenance", payload: slotPayload, id: slotId("source-health") },
  "maintenance.sweep-inbound": { queue: "maintenance", payload: slotPayload, id: slotId("sweep") },
  // Long scans get their own queue so they never hold up intake or the sweeper.
  "dedup.scan": {
    queue: "dedup",
    payload: z.object({ tenantId: z.uuid(), scanId: z.uuid() }),
    id: (scanId: string) => `dedup-scan-${scanId}`,
  },
  /** A resumed import is a new run of the same import: the run number keeps the ids apart. */
  "import.run": {
    queue: "imports",
    payload: z.object({ tenantId: z.uuid(), importId: z.uuid() }),
    id: (importId: string, run: number) => `import-${importId}-${run}`,
  },
  // A rescore walks every lead of a tenant: one at a time, beside the quick scoring jobs.
  "scoring.rescore": {
    queue: "rescore",
    payload: z.object({ tenantId: z.uuid(), runId: z.uuid() }),
    id: (runId: string) => `rescore-${runId}`,
  },
  "scoring.engagement": {
    queue: "scoring",
    payload: z.object({ tenantId: z.uuid(), engagementId: z.uuid() }),
    id: (engagementId: string) => `engagement-${engagementId}`,
  },
  "scoring.decay": { queue: "scoring", payload: slotPayload, id: slotId("decay") },
  "assignment.sla": { queue: "assignment", payload: slotPayload, id: slotId("sla") },
  "notifications.send": { queue: "notifications", payload: slotPayload, id: slotId("notify") },
  "notifications.digest": { queue: "notifications", payload: slotPayload, id: slotId("digest") },
  "webhooks.send": { queue: "webhooks", payload: slotPayload, id: slotId("webhooks") },
  "crm.account-health": { queue: "maintenance", payload: slotPayload, id: slotId("account-health") },
  "crm.task-reminders": { queue: "maintenance", payload: slotPayload, id: slotId("task-reminders") },
  // A rollup can take seconds per big tenant: its own queue, so the sweeps never wait behind it.
  "reports.rollup": { queue: "reports", payload: slotPayload, id: slotId("reports-rollup") },
  /**
   * One step of one enrolment, due at runAt (ms); `reserved`: runAt is a send slot the tenant's rate
   * already granted. Id: enrolment + step + due time, so a step rescheduled (quiet hours, send rate)
   * is a new job, a re-sweep of the same one is not.
   */
  "nurture.step": {
    queue: "nurture",
    payload: z.object({
      tenantId: z.uuid(),
      enrollmentId: z.uuid(),
      step: z.number().int().min(1),
      runAt: z.number(),
      reserved: z.boolean().optional(),
    }),
    id: (enrollmentId: string, step: number, runAt: number) => `nurture-${enrollmentId}-${step}-${runAt}`,
  },
  // Apart from the steps, so a backlog of sends never delays the sweep that finds lost ones.
  "nurture.sweep": { queue: "maintenance", payload: slotPayload, id: slotId("nurture-sweep") },
} as const satisfies Record<string, { queue: string; payload: ZodType<{ tenantId: string | null }>; id: (...args: never[]) => string }>;

export type JobName = keyof typeof jobs;
export type JobPayloads = { [N in JobName]: z.infer<(typeof jobs)[N]["payload"]> };
/** The jobs the schedules enqueue: payload and id name a time slot. */
export type ScheduledJobName = { [N in JobName]: JobPayloads[N] extends z.infer<typeof slotPayload> ? N : never }[JobName];

export const queueOf = Object.fromEntries(Object.entries(jobs).map(([name, j]) => [name, j.queue])) as {
  [N in JobName]: (typeof jobs)[N]["queue"];
};
export type QueueName = (typeof jobs)[JobName]["queue"];
export const queueNames = [...new Set(Object.values(queueOf))] as QueueName[];

/** The ids by the short names producers have long used (`jobId.intake(eventId)`); each is its row's `id`. */
export const jobId = {
  intake: jobs["lead.intake"].id,
  fetchFacebook: jobs["lead.fetch-facebook"].id,
  indiamartPoll: jobs["indiamart.poll"].id,
  sourceHealth: jobs["maintenance.source-health"].id,
  sweep: jobs["maintenance.sweep-inbound"].id,
  dedupScan: jobs["dedup.scan"].id,
  importRun: jobs["import.run"].id,
  rescore: jobs["scoring.rescore"].id,
  engagement: jobs["scoring.engagement"].id,
  decay: jobs["scoring.decay"].id,
  sla: jobs["assignment.sla"].id,
  notify: jobs["notifications.send"].id,
  digest: jobs["notifications.digest"].id,
  webhooks: jobs["webhooks.send"].id,
  accountHealth: jobs["crm.account-health"].id,
  reportsRollup: jobs["reports.rollup"].id,
  nurtureStep: jobs["nurture.step"].id,
  nurtureSweep: jobs["nurture.sweep"].id,
};

/** Completed jobs are kept a few hours (deduplication and the queues page), failed ones a week. */
export const RETENTION = {
  completed: { age: 4 * 3600, count: 50_000 },
  failed: { age: 7 * 24 * 3600 },
} as const;

const defaultJobOptions: JobsOptions = {
  attempts: 8,
  backoff: { type: "exponential", delay: 1000 },
  removeOnComplete: RETENTION.completed,
  removeOnFail: RETENTION.failed,
};

export interface Queues {
  prefix: string;
  connection: Redis;
  get(name: QueueName): Queue;
  enqueue<N extends JobName>(name: N, data: JobPayloads[N], opts?: JobsOptions): Promise<void>;
  enqueueBulk<N extends JobName>(name: N, items: { data: JobPayloads[N]; opts?: JobsOptions }[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * A producer connection fails fast when Redis is away (no offline queue, one retry), so the API
 * can still answer 202 from PostgreSQL and leave the rest to the sweeper.
 */
export function producerConnection(url: string): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
  redis.on("error", () => {});
  return redis;
}

/** Workers block on Redis and must retry forever (BullMQ requires maxRetriesPerRequest: null). */
export function workerConnectionOptions(url: string): ConnectionOptions {
  return { maxRetriesPerRequest: null, ...redisOptionsFromUrl(url) } as ConnectionOptions;
}

function redisOptionsFromUrl(url: string): RedisOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === "rediss:" ? {} : undefined,
  };
}

/** How long a producer waits on Redis before leaving the work to the sweeper. */
export const ENQUEUE_TIMEOUT_MS = 2000;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export function createQueues(connection: Redis, prefix: string): Queues {
  // BullMQ waits for a connection forever; a producer must instead fail at once when Redis is away.
  const ready = () => {
    if (connection.status !== "ready") throw new Error(`redis is not connected (${connection.status})`);
  };
  const queues = new Map<QueueName, Queue>();
  const get = (name: QueueName) => {
    let q = queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: connection as ConnectionOptions, prefix, defaultJobOptions });
      q.on("error", () => {});
      queues.set(name, q);
    }
    return q;
  };
  return {
    prefix,
    connection,
    get,
    async enqueue(name, data, opts) {
      ready();
      await withTimeout(get(queueOf[name]).add(name, data, opts), ENQUEUE_TIMEOUT_MS, "enqueue");
    },
    async enqueueBulk(name, items) {
      if (items.length === 0) return;
      ready();
      const jobs = items.map((i) => ({ name, data: i.data, opts: i.opts }));
      await withTimeout(get(queueOf[name]).addBulk(jobs), ENQUEUE_TIMEOUT_MS, "enqueue");
    },
    async close() {
      await withTimeout(Promise.all([...queues.values()].map((q) => q.close())), ENQUEUE_TIMEOUT_MS, "queue close").catch(() => {});
    },
  };
}

import { Queue, type JobsOptions, type ConnectionOptions } from "bullmq";
import { Redis, type RedisOptions } from "ioredis";

/**
 * Every job leadhub runs, with its payload. Payloads start with tenantId and carry ids,
 * never personal data: BullMQ keeps them in Redis in clear text.
 */
export interface JobPayloads {
  "lead.intake": { tenantId: string; eventId: string };
  "lead.fetch-facebook": { tenantId: string; eventId: string };
  "indiamart.poll": { tenantId: null; slot: string };
  "maintenance.source-health": { tenantId: null; slot: string };
  "maintenance.sweep-inbound": { tenantId: null; slot: string };
  "dedup.scan": { tenantId: string; scanId: string };
  "import.run": { tenantId: string; importId: string };
  "scoring.rescore": { tenantId: string; runId: string };
  "scoring.engagement": { tenantId: string; engagementId: string };
  "scoring.decay": { tenantId: null; slot: string };
  "assignment.sla": { tenantId: null; slot: string };
  "notifications.send": { tenantId: null; slot: string };
  "notifications.digest": { tenantId: null; slot: string };
  "webhooks.send": { tenantId: null; slot: string };
  "crm.account-health": { tenantId: null; slot: string };
  "reports.rollup": { tenantId: null; slot: string };
  /** One step of one enrolment, due at runAt (ms); `reserved`: runAt is a send slot the tenant's rate already granted. */
  "nurture.step": { tenantId: string; enrollmentId: string; step: number; runAt: number; reserved?: boolean };
  "nurture.sweep": { tenantId: null; slot: string };
}
export type JobName = keyof JobPayloads;

/** One queue per area, so each can have its own concurrency and rate limit. */
export const queueOf = {
  "lead.intake": "intake",
  "lead.fetch-facebook": "fetch",
  "indiamart.poll": "fetch",
  "maintenance.source-health": "maintenance",
  "maintenance.sweep-inbound": "maintenance",
  // Long scans get their own queue so they never hold up intake or the sweeper.
  "dedup.scan": "dedup",
  "import.run": "imports",
  // A rescore walks every lead of a tenant: one at a time, beside the quick scoring jobs.
  "scoring.rescore": "rescore",
  "scoring.engagement": "scoring",
  "scoring.decay": "scoring",
  "assignment.sla": "assignment",
  "notifications.send": "notifications",
  "notifications.digest": "notifications",
  "webhooks.send": "webhooks",
  "crm.account-health": "maintenance",
  // A rollup can take seconds per big tenant: its own queue, so the sweeps never wait behind it.
  "reports.rollup": "reports",
  "nurture.step": "nurture",
  // Apart from the steps, so a backlog of sends never delays the sweep that finds lost ones.
  "nurture.sweep": "maintenance",
} as const satisfies Record<JobName, string>;
export type QueueName = (typeof queueOf)[JobName];
export const queueNames = [...new Set(Object.values(queueOf))] as QueueName[];

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

/** Deterministic job ids, never containing ':' (BullMQ uses it as its key separator). */
export const jobId = {
  intake: (eventId: string) => `intake-${eventId}`,
  fetchFacebook: (eventId: string) => `fetch-facebook-${eventId}`,
  indiamartPoll: (slot: string) => `indiamart-poll-${slot}`,
  sourceHealth: (slot: string) => `source-health-${slot}`,
  sweep: (slot: string) => `sweep-${slot}`,
  dedupScan: (scanId: string) => `dedup-scan-${scanId}`,
  /** A resumed import is a new run of the same import: the run number keeps the ids apart. */
  importRun: (importId: string, run: number) => `import-${importId}-${run}`,
  rescore: (runId: string) => `rescore-${runId}`,
  engagement: (engagementId: string) => `engagement-${engagementId}`,
  decay: (slot: string) => `decay-${slot}`,
  sla: (slot: string) => `sla-${slot}`,
  notify: (slot: string) => `notify-${slot}`,
  digest: (slot: string) => `digest-${slot}`,
  webhooks: (slot: string) => `webhooks-${slot}`,
  accountHealth: (slot: string) => `account-health-${slot}`,
  reportsRollup: (slot: string) => `reports-rollup-${slot}`,
  /** Enrolment + step + due time: a step rescheduled (quiet hours, send rate) is a new job, a re-sweep of the same one is not. */
  nurtureStep: (enrollmentId: string, step: number, runAt: number) => `nurture-${enrollmentId}-${step}-${runAt}`,
  nurtureSweep: (slot: string) => `nurture-sweep-${slot}`,
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

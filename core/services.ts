import type { Knex } from "knex";
import type pg from "pg";
import type { Redis } from "ioredis";
import type { Config } from "./config.ts";
import { appDatabaseUrl, createDb, createPgPool } from "./db.ts";
import { NO_TENANT } from "./tenant-scope.ts";
import { createLogger, type Logger } from "./logger.ts";
import { createQueues, producerConnection, type Queues } from "./queues.ts";
import { deriveKey, resolveSecretKey } from "./crypto.ts";
import { systemClock, type Clock } from "./clock.ts";

/** What a process holds: connections, queues, keys. Built once at start, passed down, closed at exit. */
export interface Services {
  /** With the app's database URL resolved (APP_DATABASE_URL, or DATABASE_URL as the app's role). */
  config: ResolvedConfig & { appDatabaseUrl: string };
  db: Knex;
  /** Where the reports read: REPORTS_DATABASE_URL (a replica) when set, else `db`. */
  reportsDb: Knex;
  pg: pg.Pool;
  queues: Queues;
  log: Logger;
  clock: Clock;
  keys: { jwt: Uint8Array; secrets: Buffer; /** Signs the links in our mail (unsubscribe, open pixel, click redirect). */ links: Buffer };
  close(): Promise<void>;
}

export type ResolvedConfig = Config & { databaseUrl: string; redisUrl: string };

export interface ServiceOverrides {
  log?: Logger;
  clock?: Clock;
  /** Tests point the producer at a dead Redis to prove the 202 does not depend on it. */
  redis?: Redis;
}

/** Waits for the producer's first connection; a process still starts (and answers 503/202) without it. */
async function redisReady(redis: Redis, ms: number) {
  if (redis.status === "ready") return;
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off("ready", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    redis.once("ready", done);
  });
}

export async function createServices(config: ResolvedConfig, o: ServiceOverrides = {}): Promise<Services> {
  const log = o.log ?? createLogger(config.logLevel, "leadhub", undefined, config.logFormat);
  // The app's role, fail closed: work that set no tenant scope sees no tenant's rows.
  const url = appDatabaseUrl(config.databaseUrl, config.appDatabaseUrl);
  const db = createDb(url, { log, scope: NO_TENANT });
  const reportsDb = config.reportsDatabaseUrl ? createDb(config.reportsDatabaseUrl, { log, scope: NO_TENANT }) : db;
  const pool = createPgPool(url, 8, NO_TENANT);
  const redis = o.redis ?? producerConnection(config.redisUrl);
  await redisReady(redis, 5000);
  const queues = createQueues(redis, config.queuePrefix);
  const master = resolveSecretKey(config.secretKey, config.dataDir);
  return {
    config: { ...config, appDatabaseUrl: url },
    db,
    reportsDb,
    pg: pool,
    queues,
    log,
    clock: o.clock ?? systemClock,
    keys: { jwt: deriveKey(master, "jwt"), secrets: deriveKey(master, "partner-secrets"), links: deriveKey(master, "mail-links") },
    async close() {
      await queues.close().catch(() => {});
      if (!o.redis) redis.disconnect();
      await Promise.all([db.destroy(), pool.end(), reportsDb !== db && reportsDb.destroy()]);
    },
  };
}

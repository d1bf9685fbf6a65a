import { ConfigError, loadConfig } from "../config.ts";
import { createLogger, type Logger } from "../logger.ts";
import { createServices, type Services } from "../services.ts";
import { startEmbeddedPostgres } from "./embedded-postgres.ts";
import { resolveRedis } from "./redis-server.ts";
import { checkRedisSettings } from "./redis-settings.ts";
import { createDb, type Knex } from "../db.ts";
import { ALL_TENANTS } from "../tenant-scope.ts";

export interface FirstAdmin {
  tenantId: string;
  email: string;
  /** Set only when leadhub made the password up; shown once. */
  generatedPassword?: string;
}

/**
 * Brings the database to what this code expects (migrations/setup.ts): handed in by each entry point,
 * so core/ never imports migrations.
 */
export type DatabaseSetUp = (
  owner: Knex,
  services: Services,
  opts: { admin: { email?: string; password?: string }; demo: boolean },
) => Promise<FirstAdmin | null>;

export interface Booted {
  services: Services;
  /** The first admin when this boot created it (its password too, when leadhub made it up). */
  firstAdmin: FirstAdmin | null;
  /** Closes the services, then stops the servers this process started. */
  stop(): Promise<void>;
}

/**
 * Config, database, Redis, services, migrations, first admin and demo data: what every entry point
 * needs. From its first line, SIGINT/SIGTERM run the {@link onShutdown} work, then `stop()`, then exit.
 */
export async function boot(role: "api" | "worker" | "all", setUp: DatabaseSetUp, env: NodeJS.ProcessEnv = process.env): Promise<Booted> {
  let config;
  try {
    config = loadConfig(env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(e.message);
    process.exit(1);
  }
  const log = createLogger(config.logLevel, "leadhub", undefined, config.logFormat).child({ role });
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch((e) => log.error({ err: e }, "stop failed"));
  };
  handleSignals(log, stop);
  try {
    const db = config.databaseUrl ? null : await startEmbeddedPostgres(config.dataDir, log);
    if (db) stops.push(db.stop);
    const redis = await resolveRedis({ redisUrl: config.redisUrl, dataDir: config.dataDir, log });
    stops.push(redis.stop);
    const databaseUrl = config.databaseUrl ?? db!.url;
    const services = await createServices({ ...config, databaseUrl, redisUrl: redis.url }, { log });
    stops.push(() => services.close());
    // Before anything is written: a Redis that may evict keys would lose jobs, so the start stops here.
    await checkRedisSettings(services.queues.connection, log, { allowEviction: config.redisAllowEviction });

    // Migrations, the first admin and the demo data are the owner's work, across tenants.
    const owner = createDb(databaseUrl, { log, scope: ALL_TENANTS });
    try {
      const admin = { email: config.adminEmail, password: config.adminPassword };
      const firstAdmin = await setUp(owner, services, { admin, demo: Boolean(db?.created || config.demo) });
      if (firstAdmin?.generatedPassword) {
        printBox(`First admin: ${firstAdmin.email} / ${firstAdmin.generatedPassword}  (shown once; set LEADHUB_ADMIN_PASSWORD to choose)`);
      }
      return { services, firstAdmin, stop };
    } finally {
      await owner.destroy();
    }
  } catch (e) {
    await stop();
    throw e;
  }
}

function printBox(text: string) {
  const bar = "─".repeat(text.length + 2);
  process.stdout.write(`\n┌${bar}┐\n│ ${text} │\n└${bar}┘\n\n`);
}

const drains: (() => Promise<unknown>)[] = [];

/** Work to finish on SIGINT/SIGTERM before the services stop: close the HTTP server, let jobs in progress end. */
export function onShutdown(drain: () => Promise<unknown>) {
  drains.push(drain);
}

/**
 * Installed at the start of boot, so a Ctrl-C while starting still stops the servers it spawned.
 * The drains run together, then `stop`; a second signal, or 55 s passing, exits at once
 * (orchestrators send SIGKILL after 30-60 s anyway).
 */
function handleSignals(log: Logger, stop: () => Promise<void>, limitMs = 55_000) {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, "second signal: exiting now");
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, "shutting down");
    setTimeout(() => {
      log.error("shutdown took too long: exiting");
      process.exit(1);
    }, limitMs).unref();
    Promise.allSettled(drains.map((d) => d()))
      .then((results) => {
        for (const r of results) if (r.status === "rejected") log.error({ err: r.reason }, "shutdown step failed");
      })
      .then(stop)
      .then(
        () => process.exit(0),
        (e) => {
          log.error({ err: e }, "shutdown failed");
          process.exit(1);
        },
      );
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
}

/** A failed start prints one line (the stack too with LOG_LEVEL=debug) and exits 1. */
export function exitOnStartError(e: unknown): never {
  const debug = ["debug", "trace"].includes(process.env.LOG_LEVEL ?? "");
  console.error(e instanceof Error ? (debug ? e.stack : e.message) : e);
  process.exit(1);
}

import { inject } from "vitest";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import type { DestinationStream } from "pino";
import { loadConfig } from "../../core/config.ts";
import { createServices, type ResolvedConfig, type Services } from "../../core/services.ts";
import { createLogger } from "../../core/logger.ts";
import { createTenantWithAdmin } from "../../core/tenancy.ts";
import type { Clock } from "../../core/clock.ts";
import { createApp } from "../../api/app.ts";
import { startWorker } from "../../worker/worker.ts";
import { createDb, createPgPool } from "../../core/db.ts";
import { ALL_TENANTS } from "../../core/tenant-scope.ts";

export interface StackOptions {
  /** Run a worker in-process (default false: jobs stay queued, to be run by hand). */
  worker?: boolean;
  /** Share a queue prefix with another stack (two "processes" against one Redis). */
  queuePrefix?: string;
  redis?: Redis;
  clock?: Clock;
  env?: Record<string, string>;
  /** Where the app's and worker's logs go, at which level (default: LOG_LEVEL, to stdout). */
  log?: { level: string; destination: DestinationStream };
}

export function testConfig(queuePrefix: string, env: Record<string, string> = {}): ResolvedConfig {
  const config = loadConfig({
    LEADHUB_SECRET_KEY: "0".repeat(64),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    QUEUE_PREFIX: queuePrefix,
    WORKER_CONCURRENCY: "8",
    ...env,
  });
  return { ...config, databaseUrl: inject("databaseUrl"), redisUrl: inject("redisUrl") };
}

export const newPrefix = () => `{lh-${inject("runId")}-${randomBytes(4).toString("hex")}}`;

export interface Stack {
  baseUrl: string;
  /** The app's services, but reading and writing across tenants: what a test arranges and checks with. */
  services: Services;
  tenantId: string;
  adminEmail: string;
  adminPassword: string;
  adminToken: string;
  partnerId: string;
  partnerKey: string;
  signingSecret: string;
  /** GET/POST/PUT/DELETE under /api as the tenant's admin. */
  api(path: string, init?: RequestInit & { json?: unknown; token?: string }): Promise<Response>;
  postLead(lead: unknown, headers?: Record<string, string>): Promise<Response>;
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  stop(): Promise<void>;
}

/** A running api (and optionally worker) on a random port, with a fresh tenant, admin and partner. */
export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const config = testConfig(opts.queuePrefix ?? newPrefix(), opts.env);
  const log = opts.log ? createLogger(opts.log.level, "leadhub", opts.log.destination) : createLogger(config.logLevel);
  const services = await createServices(config, { log, redis: opts.redis, clock: opts.clock });
  const view = acrossTenants(services);
  const suffix = randomBytes(4).toString("hex");
  const adminEmail = `admin-${suffix}@test.leadhub.local`;
  const adminPassword = `pw-${suffix}-secret`;
  const { tenant } = await createTenantWithAdmin(services.db, { name: `Test ${suffix}`, adminEmail, adminPassword, platformAdmin: true });

  const server: Server = await new Promise((resolve) => {
    const s = createApp(services).listen(0, "127.0.0.1", () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: adminEmail, password: adminPassword }),
  });
  const { token: adminToken } = (await login.json()) as { token: string };

  const api: Stack["api"] = (path, init = {}) => {
    const { json, token, ...rest } = init;
    return fetch(`${baseUrl}/api${path}`, {
      ...rest,
      headers: {
        authorization: `Bearer ${token ?? adminToken}`,
        ...(json !== undefined ? { "content-type": "application/json" } : {}),
        ...(rest.headers as Record<string, string>),
      },
      body: json !== undefined ? JSON.stringify(json) : rest.body,
    });
  };
  const partner = (await (await api("/partners", { method: "POST", json: { name: `Partner ${suffix}` } })).json()) as {
    id: string;
    apiKey: string;
    signingSecret: string;
  };

  let worker: { close(): Promise<void> } | null = null;
  const stack: Stack = {
    baseUrl,
    services: view,
    tenantId: tenant.id,
    adminEmail,
    adminPassword,
    adminToken,
    partnerId: partner.id,
    partnerKey: partner.apiKey,
    signingSecret: partner.signingSecret,
    api,
    postLead: (lead, headers = {}) =>
      fetch(`${baseUrl}/ingest/leads`, {
        method: "POST",
        headers: { authorization: `Bearer ${partner.apiKey}`, "content-type": "application/json", ...headers },
        body: typeof lead === "string" ? lead : JSON.stringify(lead),
      }),
    async startWorker() {
      worker ??= await startWorker(services, { schedules: false, sweepTenants: [tenant.id] });
    },
    async stopWorker() {
      await worker?.close();
      worker = null;
    },
    async stop() {
      await stack.stopWorker();
      await new Promise((r) => server.close(r));
      await Promise.all([services.close(), view.close()]);
    },
  };
  if (opts.worker) await stack.startWorker();
  return stack;
}

/**
 * The same role as the app (row-level security applies), scoped to every tenant: tests arrange rows
 * and check invariants across tenants. The app and worker keep their own, fail-closed connections.
 */
export function acrossTenants(services: Services): Services {
  const url = services.config.appDatabaseUrl;
  const db = createDb(url, { scope: ALL_TENANTS });
  const pg = createPgPool(url, 4, ALL_TENANTS);
  return {
    ...services,
    db,
    pg,
    reportsDb: services.reportsDb === services.db ? db : services.reportsDb,
    close: async () => void (await Promise.all([db.destroy(), pg.end()])),
  };
}

/** Polls until `fn` stops throwing (an expect inside it), or fails with its last error. */
export async function expectEventually<T>(fn: () => Promise<T> | T, timeoutMs = 10_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }
}

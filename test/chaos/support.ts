/**
 * Real leadhub processes for the chaos scenarios: an api (api/server.ts) and worker processes
 * (worker/main.ts), as `npm run start:api` / `start:worker` run them, against the run's throw-away
 * database and a private redis-server of the test's own (never the machine's Redis, which other
 * tests share), so a scenario may kill, restart or empty it. Processes come from bench/lib.ts: each
 * in its own process group, killed by group.
 */
import { inject } from "vitest";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Knex } from "knex";
import { createDb } from "../../core/db.ts";
import { createTenantWithAdmin } from "../../core/tenancy.ts";
import { freePort, killAllSync, killTree, login, sleep, spawnProc, startServer, spawnTs, type Proc } from "../../bench/lib.ts";

export { killTree, sleep, type Proc };

const SECRET_KEY = "c".repeat(64);

// ---- a private Redis -------------------------------------------------------------------------

export interface PrivateRedis {
  url: string;
  port: number;
  /** Stops it (SIGTERM: with persistence on, Redis writes its append-only file first). */
  stop(): Promise<void>;
  /** Starts it again on the same port; `wipe` empties its directory first (Redis lost its data). */
  start(o?: { wipe?: boolean }): Promise<void>;
  close(): Promise<void>;
}

/** One inline command over a plain socket; "" when nothing answers. */
function redisCommand(port: number, cmd: string): Promise<string> {
  return new Promise((done) => {
    let reply = "";
    const socket = createConnection({ port, host: "127.0.0.1" });
    const finish = () => (socket.destroy(), done(reply));
    socket.setTimeout(1000, finish);
    socket.once("error", finish);
    socket.once("connect", () => socket.write(`${cmd}\r\n`));
    socket.on("data", (d) => {
      reply += d.toString("utf8");
      if (reply.includes("\r\n")) finish();
    });
  });
}

/** redis-server on a free port with its own --dir: append-only persistence unless `persist` is false. */
export async function startRedis(o: { persist?: boolean } = {}): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "leadhub-chaos-redis-"));
  const args = [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--dir",
    dir,
    "--save",
    "",
    "--appendonly",
    o.persist === false ? "no" : "yes",
    "--maxmemory-policy",
    "noeviction",
    "--loglevel",
    "warning",
  ];
  let proc: Proc | null = null;
  const r: PrivateRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start(s = {}) {
      if (s.wipe) rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      proc = spawnProc("redis", "redis-server", args, { PATH: process.env.PATH });
      const deadline = Date.now() + 10_000;
      while (!(await redisCommand(port, "PING")).startsWith("+PONG")) {
        if (Date.now() > deadline) throw new Error(`redis-server did not start on ${port}:\n${proc.tail.join("\n")}`);
        await sleep(50);
      }
    },
    async stop() {
      if (proc) await killTree(proc, "SIGTERM", 10_000);
      proc = null;
    },
    async close() {
      await r.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await r.start();
  return r;
}

// ---- leadhub processes -----------------------------------------------------------------------

export interface Cluster {
  db: Knex;
  redis: PrivateRedis;
  prefix: string;
  /** The environment every leadhub process of the scenario gets (plus `extra`). */
  env(extra?: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

/** The run's database (test/support/global-setup.ts), a private Redis and a fresh queue prefix. */
export async function startCluster(o: { persist?: boolean; env?: Record<string, string> } = {}): Promise<Cluster> {
  const redis = await startRedis({ persist: o.persist });
  const db = createDb(inject("databaseUrl"));
  const prefix = `{lh-chaos-${randomBytes(4).toString("hex")}}`;
  return {
    db,
    redis,
    prefix,
    env: (extra = {}) => ({
      DATABASE_URL: inject("databaseUrl"),
      REDIS_URL: redis.url,
      QUEUE_PREFIX: prefix,
      LEADHUB_SECRET_KEY: SECRET_KEY,
      // "workers running" and "shutting down" are info lines the scenarios wait for.
      LOG_LEVEL: "info",
      HOST: "127.0.0.1",
      ...o.env,
      ...extra,
    }),
    async close() {
      killAllSync();
      await db.destroy().catch(() => {});
      await redis.close();
    },
  };
}

/** `npm run start:api`: resolves once /healthz answers 200. */
export const startApi = (c: Cluster, extra: Record<string, string> = {}) => startServer("api", "api/server.ts", c.env(extra));

/** `npm run start:worker`: resolves once its BullMQ workers are connected. */
export async function startWorkerProc(c: Cluster, name: string, extra: Record<string, string> = {}): Promise<Proc> {
  const p = spawnTs(name, "worker/main.ts", c.env(extra));
  await p.waitForLine(/workers running/, 60_000);
  return p;
}

export const alive = (p: Proc) => p.child.exitCode === null && p.child.signalCode === null;

/** Waits for the process to exit; its exit code (or signal) and how long it took. */
export async function exitOf(p: Proc, timeoutMs: number): Promise<{ code: number | null; signal: string | null; ms: number }> {
  const t0 = Date.now();
  if (alive(p)) {
    await Promise.race([
      new Promise((r) => p.child.once("exit", r)),
      sleep(timeoutMs).then(() => {
        throw new Error(`${p.name} still running after ${timeoutMs} ms:\n${p.tail.join("\n")}`);
      }),
    ]);
  }
  return { code: p.child.exitCode, signal: p.child.signalCode, ms: Date.now() - t0 };
}

// ---- a tenant, the way a user gets one ------------------------------------------------------

export interface Tenant {
  tenantId: string;
  token: string;
  apiKey: string;
  /** POST/PUT/GET under /api as the tenant's admin; throws unless the status is 2xx. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads whatever JSON the route answers
  call(method: string, path: string, body?: unknown): Promise<any>;
}

export async function createTenant(c: Cluster, apiUrl: string): Promise<Tenant> {
  const suffix = randomBytes(4).toString("hex");
  const email = `chaos-${suffix}@test.leadhub.local`;
  const password = `pw-${suffix}-chaos`;
  const { tenant } = await createTenantWithAdmin(c.db, { name: `Chaos ${suffix}`, adminEmail: email, adminPassword: password });
  const token = await login(apiUrl, email, password);
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${apiUrl}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
    return text ? JSON.parse(text) : null;
  };
  const partner = await call("POST", "/partners", { name: `Chaos partner ${suffix}` });
  return { tenantId: tenant.id as string, token, apiKey: partner.apiKey, call };
}

// ---- leads -----------------------------------------------------------------------------------

const LETTERS = "bcdfghjklmnpqrstvwxz";
/** A made-up word: distinct people never look alike to dedup (no shared name, email, phone or company). */
const word = (n: number) => {
  const b = randomBytes(n);
  return [...b].map((x, i) => (i % 2 ? "aeiou"[x % 5] : LETTERS[x % LETTERS.length])).join("");
};

export function uniqueLead(i: number, runTag: string, extra: Record<string, unknown> = {}) {
  const first = word(6);
  const last = word(8);
  return {
    first_name: first[0].toUpperCase() + first.slice(1),
    last_name: last[0].toUpperCase() + last.slice(1),
    email: `${first}.${last}.${runTag}${i}@example.com`,
    phone: `+91 9${String(100_000_000 + ((i * 7919 + Number.parseInt(runTag, 16)) % 899_999_999)).padStart(9, "0")}`,
    city: "Pune",
    country: "IN",
    gdpr_consent: true,
    ...extra,
  };
}

export interface PostResult {
  status: number;
  /** The inbound event id of a 202. */
  id?: string;
  retryAfter: string | null;
  error?: string;
}

/** POST /ingest/leads; a refused connection counts as status 0. */
export async function postLead(apiUrl: string, apiKey: string, lead: unknown): Promise<PostResult> {
  try {
    const res = await fetch(`${apiUrl}/ingest/leads`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify(lead),
      signal: AbortSignal.timeout(10_000),
    });
    const body = await res.text();
    const id = res.status === 202 ? (JSON.parse(body) as { id: string }).id : undefined;
    return {
      status: res.status,
      id,
      retryAfter: res.headers.get("retry-after"),
      ...(res.status >= 300 ? { error: body.slice(0, 300) } : {}),
    };
  } catch (e) {
    return { status: 0, retryAfter: null, error: (e as Error).message };
  }
}

/** `clients` loops posting leads until stopped; every answer kept with when it came and how long it took. */
export function steadyIngestion(apiUrl: string, apiKey: string, runTag: string, clients: number) {
  const answers: (PostResult & { at: number; ms: number })[] = [];
  let running = true;
  let i = 0;
  const loops = Array.from({ length: clients }, async () => {
    while (running) {
      const t0 = Date.now();
      const r = await postLead(apiUrl, apiKey, uniqueLead(i++, runTag));
      answers.push({ ...r, at: Date.now(), ms: Date.now() - t0 });
    }
  });
  return {
    answers,
    async stop() {
      running = false;
      await Promise.all(loops);
      return answers;
    },
  };
}

/** Posts every lead, `concurrency` at a time. */
export async function postAll(apiUrl: string, apiKey: string, leads: unknown[], concurrency = 16): Promise<PostResult[]> {
  const out: PostResult[] = new Array(leads.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < leads.length; i = next++) out[i] = await postLead(apiUrl, apiKey, leads[i]);
    }),
  );
  return out;
}

/** Counts of a tenant's inbound events by status. */
export async function eventCounts(db: Knex, tenantId: string): Promise<Record<string, number>> {
  const rows = await db("inbound_events").where("tenant_id", tenantId).groupBy("status").select("status", db.raw("count(*)::int as n"));
  return Object.fromEntries(rows.map((r: { status: string; n: number }) => [r.status, r.n]));
}

/** Polls `fn` until it answers true; the time it took, or throws after `timeoutMs` with `why()`. */
export async function waitUntil(
  fn: () => Promise<boolean>,
  timeoutMs: number,
  why: () => Promise<string> | string,
  everyMs = 250,
): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    if (await fn()) return Date.now() - t0;
    if (Date.now() - t0 > timeoutMs) throw new Error(`not reached within ${timeoutMs / 1000} s: ${await why()}`);
    await sleep(everyMs);
  }
}

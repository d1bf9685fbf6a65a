/**
 * Shared helpers for `npm run bench`: a throw-away database and Redis prefix per run, child
 * processes (each server in its own process, so the load generator never shares its event loop),
 * autocannon, a realistic lead body, CPU accounting from /proc, and small formatting helpers.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import type { Server } from "node:http";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import pg from "pg";
import { Redis } from "ioredis";
import { appDatabaseUrl, createDb, type Knex } from "../core/db.ts";
import { migrate } from "../migrations/index.ts";
import { ALL_TENANTS } from "../core/tenant-scope.ts";

export { sleep };
export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const PG_ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
/** A fixed key so every bench process (api, workers) derives the same secrets, and nothing is written to .data/. */
export const SECRET_KEY = "b".repeat(64);

// ---- the run's own database and Redis prefix -------------------------------------------------

export interface BenchEnv {
  runId: string;
  dbName: string;
  databaseUrl: string;
  redisUrl: string;
  /** Braces: a Redis Cluster hash tag, as leadhub's own prefixes. */
  prefix: string;
  db: Knex;
}

export async function createBenchEnv(): Promise<BenchEnv> {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const dbName = `leadhub_bench_${runId}`;
  await adminQuery(`CREATE DATABASE ${dbName}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${dbName}`;
  const db = createDb(url.href, { scope: ALL_TENANTS });
  await migrate(db, appDatabaseUrl(url.href));
  return { runId, dbName, databaseUrl: url.href, redisUrl: REDIS_URL, prefix: `{lh-bench-${runId}}`, db };
}

/** Redis first: it does not depend on the knex pool, which an interrupted benchmark may still be using. */
export async function destroyBenchEnv(env: BenchEnv) {
  const keys = await deleteRedisKeys(env.prefix).catch((e: Error) => {
    console.error(`could not delete the ${env.prefix} keys: ${e.message}`);
    return 0;
  });
  await env.db.destroy().catch(() => {});
  await adminQuery(`DROP DATABASE IF EXISTS ${env.dbName} WITH (FORCE)`);
  return keys;
}

async function adminQuery(sql: string) {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** SCAN + UNLINK: never KEYS on a Redis others use. Braces are literal in MATCH patterns. */
export async function deleteRedisKeys(prefix: string): Promise<number> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      cursor = next;
      if (keys.length) deleted += await redis.unlink(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/**
 * The same database under a Redis prefix of its own, so that one benchmark's jobs (the ingest
 * bench leaves tens of thousands queued) never sit in front of another's. Still under env.prefix,
 * hence in its hash slot and deleted with it.
 */
export const withPrefix = (env: BenchEnv, name: string): BenchEnv => ({ ...env, prefix: `${env.prefix}-${name}` });

/** The environment every leadhub process of this run gets. */
export const leadhubEnv = (env: BenchEnv, extra: Record<string, string> = {}): Record<string, string> => ({
  DATABASE_URL: env.databaseUrl,
  REDIS_URL: env.redisUrl,
  QUEUE_PREFIX: env.prefix,
  LEADHUB_SECRET_KEY: SECRET_KEY,
  LOG_LEVEL: "warn",
  ...extra,
});

// ---- child processes -------------------------------------------------------------------------

export interface Proc {
  name: string;
  child: ChildProcess;
  /** The last lines it printed, for error messages. */
  tail: string[];
  /** Whether any line it printed so far matched. */
  printed(re: RegExp): boolean;
  /** Resolves with the first stdout line matching `re`. */
  waitForLine(re: RegExp, timeoutMs: number): Promise<string>;
}

const running = new Set<ChildProcess>();

/**
 * Spawns a command in its own process group (detached), so that killTree(-pid) reaches everything
 * it starts (npm → sh → node …). Output is kept (tail) and echoed with BENCH_VERBOSE=1.
 */
export function spawnProc(
  name: string,
  cmd: string,
  args: string[],
  env: Record<string, string | undefined>,
  o: { stdin?: boolean; uid?: number; gid?: number } = {},
): Proc {
  const { stdin, ...ids } = o;
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env: env as NodeJS.ProcessEnv,
    detached: true,
    stdio: [stdin ? "pipe" : "ignore", "pipe", "pipe"],
    ...ids,
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  const tail: string[] = [];
  const all: string[] = [];
  const waiters: { re: RegExp; done(line: string): void }[] = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) {
      if (process.env.BENCH_VERBOSE) console.log(`  [${name}] ${line}`);
      tail.push(line);
      if (tail.length > 40) tail.shift();
      if (all.length < 10_000) all.push(line);
      for (const w of [...waiters])
        if (w.re.test(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.done(line);
        }
    }
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const waitForLine = (re: RegExp, timeoutMs: number) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${name}: no line matching ${re} within ${timeoutMs} ms\n${tail.join("\n")}`)),
        timeoutMs,
      );
      child.once("exit", (code, sig) => reject(new Error(`${name} exited (${code ?? sig})\n${tail.join("\n")}`)));
      waiters.push({ re, done: (l) => (clearTimeout(timer), resolve(l)) });
    });
  return { name, child, tail, waitForLine, printed: (re) => all.some((l) => re.test(l)) };
}

/** A TypeScript file run with tsx, in one process (node --import tsx): easy to account and to kill. */
export const spawnTs = (name: string, script: string, env: Record<string, string>, o: { stdin?: boolean; nodeArgs?: string[] } = {}) =>
  spawnProc(
    name,
    process.execPath,
    [...(o.nodeArgs ?? []), "--import", "tsx", script],
    { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    { stdin: o.stdin },
  );

/** The node flags `npm run start:worker` gives the worker (its heap limit): the bench's workers run as shipped. */
export const WORKER_NODE_FLAGS: string[] = (() => {
  const script: string = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).scripts["start:worker"];
  const args = script.split(/\s+/);
  return args.slice(args.indexOf("node") + 1, args.indexOf("--import"));
})();

/**
 * A worker process (bench/servers/worker.ts) started as `npm run start:worker` starts one; `nodeArgs`
 * are added, then BENCH_WORKER_NODE_ARGS (node flags for every bench's workers, e.g. another heap
 * limit; given last, so they win).
 */
export const spawnWorker = (name: string, env: Record<string, string>, nodeArgs: string[] = []) =>
  spawnTs(name, "bench/servers/worker.ts", env, {
    stdin: true,
    nodeArgs: [...WORKER_NODE_FLAGS, ...nodeArgs, ...(process.env.BENCH_WORKER_NODE_ARGS?.split(" ").filter(Boolean) ?? [])],
  });

/** Signal to the whole process group; SIGKILL if it is still there after `graceMs`. */
export async function killTree(p: Proc, signal: NodeJS.Signals = "SIGTERM", graceMs = 10_000) {
  const { child } = p;
  if (child.exitCode !== null || child.signalCode !== null) return groupKill(child.pid!, "SIGKILL");
  const exited = new Promise((r) => child.once("exit", r));
  groupKill(child.pid!, signal);
  if ((await Promise.race([exited.then(() => "exited"), sleep(graceMs, "timeout")])) === "timeout") {
    groupKill(child.pid!, "SIGKILL");
    await exited;
  }
  groupKill(child.pid!, "SIGKILL"); // stragglers left in the group
}

function groupKill(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

/** Scratch directories of the run (the start-up bench's data dir): whatever runs on them goes too. */
export const scratchDirs = new Set<string>();

/** Every process whose command line names `dir` (an embedded PostgreSQL started on it, in a group of its own). */
export function pidsUsing(dir: string): number[] {
  const pids: number[] = [];
  for (const d of readdirSync("/proc")) {
    const pid = Number(d);
    if (!pid || pid === process.pid) continue;
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(dir)) pids.push(pid);
    } catch {
      /* gone */
    }
  }
  return pids;
}

/** Last resort (crash, Ctrl-C): nothing this run started outlives it. */
export function killAllSync() {
  for (const c of running) groupKill(c.pid!, "SIGKILL");
  for (const dir of scratchDirs) {
    for (const pid of pidsUsing(dir)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers 200; fails early if the process exits. */
export async function waitForHttp(url: string, p: Proc | null, timeoutMs: number, everyMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (p && (p.child.exitCode !== null || p.child.signalCode !== null)) {
      throw new Error(`${p.name} exited (${p.child.exitCode ?? p.child.signalCode}) before answering:\n${p.tail.join("\n")}`);
    }
    const ok = await fetch(url, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline)
      throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s${p ? `:\n${p.tail.join("\n")}` : ""}`);
    await sleep(everyMs);
  }
}

export async function startServer(name: string, script: string, env: Record<string, string>, nodeArgs: string[] = []) {
  const port = await freePort();
  const p = spawnTs(name, script, { ...env, PORT: String(port) }, { nodeArgs });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/healthz`, p, 60_000);
  return { p, url };
}

// ---- a tenant and a partner key, the way a user gets them -------------------------------------

export interface BenchTenant {
  tenantId: string;
  partnerId: string;
  apiKey: string;
  signingSecret: string;
}

/** Tenant + admin in the database, then login and POST /api/partners on an in-process app (as test/support/stack.ts). */
export async function createTenantAndPartner(env: BenchEnv, label: string): Promise<BenchTenant> {
  const [{ createServices }, { createApp }, { createTenantWithAdmin }, { loadConfig }] = await Promise.all([
    import("../core/services.ts"),
    import("../api/app.ts"),
    import("../core/tenancy.ts"),
    import("../core/config.ts"),
  ]);
  const config = loadConfig(leadhubEnv(env, { LOG_LEVEL: "silent" }));
  const services = await createServices({ ...config, databaseUrl: env.databaseUrl, redisUrl: env.redisUrl });
  const server: Server = await new Promise((r) => {
    const s = createApp(services).listen(0, "127.0.0.1", () => r(s));
  });
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const suffix = randomBytes(4).toString("hex");
    const email = `bench-${suffix}@bench.leadhub.local`;
    const password = `pw-${suffix}-bench`;
    const { tenant } = await createTenantWithAdmin(env.db, {
      name: `Bench ${label} ${suffix}`,
      adminEmail: email,
      adminPassword: password,
    });
    const post = async (path: string, body: unknown, token?: string) => {
      const res = await fetch(`${base}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
      return res.json() as Promise<Record<string, string>>;
    };
    const { token } = await post("/api/auth/login", { email, password });
    const partner = await post("/api/partners", { name: `Bench partner ${label}` }, token);
    return { tenantId: tenant.id as string, partnerId: partner.id, apiKey: partner.apiKey, signingSecret: partner.signingSecret };
  } finally {
    await new Promise((r) => server.close(r));
    await services.close();
  }
}

export interface BenchAdmin {
  tenantId: string;
  email: string;
  password: string;
}

/** A tenant and its admin user in the database; log in with `login` against a server of the run. */
export async function createTenantAdmin(env: BenchEnv, label: string): Promise<BenchAdmin> {
  const { createTenantWithAdmin } = await import("../core/tenancy.ts");
  const suffix = randomBytes(4).toString("hex");
  const email = `bench-${suffix}@bench.leadhub.local`;
  const password = `pw-${suffix}-bench`;
  const { tenant } = await createTenantWithAdmin(env.db, { name: `Bench ${label} ${suffix}`, adminEmail: email, adminPassword: password });
  return { tenantId: tenant.id as string, email, password };
}

/** POST /api/auth/login: the bearer token for /api/*. */
export async function login(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`/api/auth/login answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

// ---- load -------------------------------------------------------------------------------------

const FIRST = [
  ["Aarav", "aarav"],
  ["Priya", "priya"],
  ["Rahul", "rahul"],
  ["Ananya", "ananya"],
  ["Vikram", "vikram"],
  ["Sneha", "sneha"],
  ["राहुल", "rahul"],
  ["Kavya", "kavya"],
  ["Émile", "emile"],
  ["Fatima", "fatima"],
  ["Arjun", "arjun"],
  ["Meera", "meera"],
  ["John", "john"],
];
const LAST = [
  ["Sharma", "sharma"],
  ["Patil", "patil"],
  ["Iyer", "iyer"],
  ["Reddy", "reddy"],
  ["Banerjee", "banerjee"],
  ["Deshmukh", "deshmukh"],
  ["Khan", "khan"],
  ["Nair", "nair"],
  ["Gupta", "gupta"],
  ["Fernandes", "fernandes"],
  ["Dubois", "dubois"],
];
const COMPANIES = [
  "Sahyadri Infra Pvt Ltd",
  "Kaveri Textiles LLP",
  "Ganga Logistics Ltd",
  "Nilgiri Foods Pvt Ltd",
  "Deccan Realty",
  "Indus Fintech Pvt Ltd",
];
const CITIES = [
  ["Pune", "Maharashtra"],
  ["Bengaluru", "Karnataka"],
  ["Hyderabad", "Telangana"],
  ["Chennai", "Tamil Nadu"],
  ["Kolkata", "West Bengal"],
];
const PRODUCTS = ["3BHK apartment", "Commercial office space", "ERP subscription", "Villa plot", "Warehouse lease"];
let seq = 0;
const tag = randomBytes(2).toString("hex");

/** A distinct, realistic canonical lead (~390 bytes): unique email and +91 mobile, mixed scripts. */
export function leadBody(): string {
  const n = seq++;
  const [first, f] = FIRST[n % FIRST.length];
  const [last, l] = LAST[(n * 7 + 3) % LAST.length];
  const [city, state] = CITIES[n % CITIES.length];
  return JSON.stringify({
    first_name: first,
    last_name: last,
    email: `${f}.${l}.${tag}${n}@example.co.in`,
    phone: `+91 9${String(100_000_000 + ((n * 7919) % 899_999_999)).padStart(9, "0")}`,
    company: COMPANIES[n % COMPANIES.length],
    city,
    state,
    country: "IN",
    source: "partner",
    utm_source: "google",
    utm_medium: "cpc",
    product_interest: PRODUCTS[n % PRODUCTS.length],
    budget: 2_500_000 + (n % 40) * 125_000,
    budget_currency: "INR",
    message: "Please call after 6 pm.",
    gdpr_consent: true,
  });
}

export interface LoadResult {
  ok: number;
  /** What a request answered, when some failed. */
  sample?: string;
  non2xx: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/** autocannon against POST /ingest/leads, every request a fresh lead body. */
export async function loadIngest(o: {
  url: string;
  apiKey?: string;
  connections: number;
  duration?: number;
  amount?: number;
}): Promise<LoadResult> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    ...(o.apiKey ? { authorization: `Bearer ${o.apiKey}` } : {}),
  };
  const r = await autocannon({
    url: o.url,
    connections: o.connections,
    ...(o.amount ? { amount: o.amount } : { duration: o.duration ?? 10 }),
    timeout: 10,
    requests: [{ method: "POST", path: "/ingest/leads", headers, setupRequest: (req) => ({ ...req, body: leadBody() }) }],
  });
  // Something went wrong: one more request, to show what the server answers.
  const sample =
    r.non2xx || r.errors
      ? await fetch(`${o.url}/ingest/leads`, { method: "POST", headers, body: leadBody() }).then(
          async (res) => `a sample request answered ${res.status}: ${(await res.text()).slice(0, 300)}`,
          (e: Error) => `a sample request failed: ${e.message}`,
        )
      : undefined;
  return {
    sample,
    ok: r["2xx"],
    non2xx: r.non2xx,
    errors: r.errors,
    seconds: r.duration,
    perSecond: r["2xx"] / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
  };
}

// ---- small things -----------------------------------------------------------------------------

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const ratio = (a: number, b: number, digits = 2) => `${(a / b).toFixed(digits)}×`;

/** A plain-text table for the terminal and the same rows as markdown. */
export function table(head: string[], rows: (string | number)[][]): { text: string; markdown: string } {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const w = head.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(w[i])).join("  ");
  const text = [line(head), w.map((n) => "-".repeat(n)).join("  "), ...cells.slice(1).map(line)].join("\n");
  const md = [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...cells.slice(1).map((r) => `| ${r.join(" | ")} |`)].join(
    "\n",
  );
  return { text, markdown: md };
}

export interface BenchReport {
  name: string;
  /** Printed as it runs is the detail; this is the summary table and notes, for the terminal and markdown. */
  text: string;
  markdown: string;
}

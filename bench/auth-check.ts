/**
 * What the per-request session check costs (core/sessions.ts): `GET /api/leads` (a page of 25 of
 * 2,000 leads, as the console's list asks) on leadhub's API as it is, beside the same API with the
 * check taken out (bench/servers/leadhub-api-signature-only.ts: the token believed on its signature,
 * as before sessions), both running, load alternated between them in rounds. Then the check alone,
 * in this process: the signature, the signature plus the Redis read, and the signature plus the
 * PostgreSQL read that serves when Redis is away.
 */
import autocannon from "autocannon";
import { loadConfig } from "../core/config.ts";
import { createServices } from "../core/services.ts";
import { producerConnection } from "../core/queues.ts";
import { Sessions, sessionsOf, type SessionClaim } from "../core/sessions.ts";
import { verifyToken } from "../api/auth/tokens.ts";
import {
  createTenantAdmin,
  fmt,
  killTree,
  leadhubEnv,
  login,
  median,
  ratio,
  startServer,
  table,
  withPrefix,
  type BenchEnv,
  type BenchReport,
} from "./lib.ts";
import { cpuSnapshot, cpuSplit, formatSplit, waitForQuiet } from "./observe.ts";

const LEADS = 2_000;
const CONNECTIONS = Number(process.env.BENCH_AUTH_CONNECTIONS ?? 10);
const WARMUP_S = 2;
const DURATION_S = Number(process.env.BENCH_AUTH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_AUTH_ROUNDS ?? 3);
const CALLS = 2_000;
const PATH = `/api/leads?sort=${encodeURIComponent('["created_at","DESC"]')}&range=${encodeURIComponent("[0,24]")}`;

type Kind = "signature only" | "session check";
interface Run {
  kind: Kind;
  perSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  cpu: Record<string, number>;
}

async function seed(env: BenchEnv, tenantId: string) {
  await env.db.raw(
    `INSERT INTO leads (tenant_id, lead_number, first_name, last_name, email, email_key, company, status, source)
     SELECT ?, 'AUTH-' || i, 'First' || i, 'Last' || i, 'person' || i || '@firm.in', 'person' || i || '@firm.in', 'Firm ' || (i % 100),
       (ARRAY['new', 'contacted', 'qualified', 'lost'])[1 + i % 4], 'bench'
     FROM generate_series(1, ?::int) i`,
    [tenantId, LEADS],
  );
  await env.db.raw("ANALYZE leads");
}

async function load(url: string, token: string, seconds: number) {
  return autocannon({ url: `${url}${PATH}`, connections: CONNECTIONS, duration: seconds, headers: { authorization: `Bearer ${token}` } });
}

/** Medians and p99 of `fn` over CALLS calls, in microseconds. */
async function time(fn: () => Promise<unknown>) {
  const us: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const s = performance.now();
    await fn();
    us.push((performance.now() - s) * 1000);
  }
  us.sort((a, b) => a - b);
  return { p50: median(us), p99: us[Math.floor(us.length * 0.99)] };
}

export async function benchAuthCheck(runEnv: BenchEnv): Promise<BenchReport> {
  const env = withPrefix(runEnv, "auth");
  console.log(
    `\n== auth check: GET /api/leads (25 of ${fmt(LEADS)}), ${CONNECTIONS} connections, warm-up ${WARMUP_S} s + ${DURATION_S} s, ${ROUNDS} rounds ==`,
  );
  const admin = await createTenantAdmin(env, "auth");
  await seed(env, admin.tenantId);
  const servers = {
    "session check": await startServer("api", "bench/servers/leadhub-api.ts", leadhubEnv(env)),
    "signature only": await startServer("api-signature-only", "bench/servers/leadhub-api-signature-only.ts", leadhubEnv(env)),
  } satisfies Record<Kind, unknown>;
  const runs: Run[] = [];
  let token = "";
  try {
    token = await login(servers["session check"].url, admin.email, admin.password);
    for (const s of Object.values(servers)) await load(s.url, token, WARMUP_S);
    for (let round = 1; round <= ROUNDS; round++) {
      // Alternated, and the order swapped each round, so the machine's noise falls on both.
      const order: Kind[] = round % 2 ? ["signature only", "session check"] : ["session check", "signature only"];
      for (const kind of order) {
        await waitForQuiet();
        const { p, url } = servers[kind];
        const a = cpuSnapshot({ api: p.child.pid! }, env.dbName);
        const r = await load(url, token, DURATION_S);
        const cpu = cpuSplit(a, cpuSnapshot({ api: p.child.pid! }, env.dbName));
        runs.push({ kind, perSecond: r["2xx"] / r.duration, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx + r.errors, cpu });
        console.log(
          `  round ${round} ${kind.padEnd(14)} ${fmt(r["2xx"] / r.duration)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  non-2xx ${r.non2xx + r.errors}\n      CPU (cores): ${formatSplit(cpu)}`,
        );
      }
    }
  } finally {
    await Promise.all(Object.values(servers).map((s) => killTree(s.p)));
  }

  // The check alone, in this process, on the same database and Redis.
  const config = loadConfig(leadhubEnv(env, { LOG_LEVEL: "silent" }));
  const services = await createServices({ ...config, databaseUrl: env.databaseUrl, redisUrl: env.redisUrl });
  const dead = producerConnection("redis://127.0.0.1:1");
  let micro: (string | number)[][];
  try {
    const claim = (await verifyToken(services.keys.jwt, token)) as SessionClaim;
    const cached = sessionsOf(services);
    const noRedis = new Sessions(services.db, dead, services.config.queuePrefix, services.log);
    const sig = await time(() => verifyToken(services.keys.jwt, token));
    const redis = await time(async () => cached.user((await verifyToken(services.keys.jwt, token))!));
    const pg = await time(async () => noRedis.user((await verifyToken(services.keys.jwt, token))!));
    if (!(await cached.user(claim)) || !(await noRedis.user(claim))) throw new Error("the bench's session is not open");
    micro = [
      ["signature only (jose HS256 verify)", fmt(sig.p50), fmt(sig.p99), "1.00×"],
      ["signature + session from Redis (one GET)", fmt(redis.p50), fmt(redis.p99), ratio(redis.p50, sig.p50)],
      ["signature + session from PostgreSQL (Redis away)", fmt(pg.p50), fmt(pg.p99), ratio(pg.p50, sig.p50)],
    ];
  } finally {
    dead.disconnect();
    await services.close();
  }

  const of = (k: Kind) => runs.filter((r) => r.kind === k);
  const med = (k: Kind, f: (r: Run) => number) => median(of(k).map(f));
  const cpuPerReq = (k: Kind) => {
    const ms = (f: (c: Record<string, number>) => number) => median(of(k).map((r) => (f(r.cpu) / r.perSecond) * 1000)).toFixed(3);
    return `${ms((c) => c.api ?? 0)} + ${ms((c) => (c.postgres ?? 0) + (c["postgres (shared)"] ?? 0))} + ${ms((c) => c.redis ?? 0)}`;
  };
  const kinds: Kind[] = ["signature only", "session check"];
  const http = table(
    ["GET /api/leads", "req/s (median)", "p50 ms", "p99 ms", "runs (req/s)", "non-2xx", "CPU ms/request: api + postgres + redis"],
    kinds.map((k) => [
      k,
      fmt(med(k, (r) => r.perSecond)),
      fmt(
        med(k, (r) => r.p50),
        1,
      ),
      fmt(
        med(k, (r) => r.p99),
        1,
      ),
      of(k)
        .map((r) => fmt(r.perSecond))
        .join(", "),
      String(of(k).reduce((a, r) => a + r.non2xx, 0)),
      cpuPerReq(k),
    ]),
  );
  const [s, c] = kinds.map((k) => med(k, (r) => r.perSecond));
  const [s50, c50] = kinds.map((k) => med(k, (r) => r.p50));
  const [s99, c99] = kinds.map((k) => med(k, (r) => r.p99));
  const verdict = `session check / signature only: throughput ${ratio(c, s)}, p50 ${ratio(c50, s50)}, p99 ${ratio(c99, s99)} (${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION_S} s each).`;
  const check = table(["the check alone, in-process (" + fmt(CALLS) + " calls)", "p50 µs", "p99 µs", "p50 vs signature"], micro);
  return {
    name: "auth",
    text: `${http.text}\n${verdict}\n\n${check.text}`,
    markdown: `${http.markdown}\n\n${verdict}\n\n${check.markdown}`,
  };
}

/**
 * Figures 2 and 6 — pipeline: leads/s from 202 to a lead row that is scored and assigned (the
 * tenant has 50 scoring rules and 20 assignment rules over three teams of seven, see rules.ts;
 * BENCH_PIPELINE_RULES=0 for none). N leads are ingested with no worker running, then 1 (and, on a
 * fresh tenant, 2) worker processes drain them; the raw stack beside it is BullMQ itself: N no-op
 * jobs through one Worker at concurrency 10 (the median of three rounds).
 */
import { rmSync } from "node:fs";
import { Queue, Worker } from "bullmq";
import {
  createTenantAndPartner,
  fmt,
  killTree,
  leadhubEnv,
  loadIngest,
  ratio,
  sleep,
  spawnWorker,
  startServer,
  table,
  withPrefix,
  type BenchEnv,
  type BenchReport,
  type Proc,
} from "./lib.ts";
import { cpuSnapshot, cpuSplit, formatSplit, sampleWaits, waitForQuiet } from "./observe.ts";
import { monoMicros, profileArgs, profiling, summariseProfile } from "./profile.ts";
import { seedRules } from "./rules.ts";
import { pipelineLatency } from "./pipeline-latency.ts";

const N = Number(process.env.BENCH_PIPELINE_N ?? 20_000);
const DRAIN_TIMEOUT_MS = 300_000;
const RULES = process.env.BENCH_PIPELINE_RULES !== "0";
const LATENCY_SECONDS = Number(process.env.BENCH_PIPELINE_LATENCY_S ?? 20);
/** Leads/s offered in the latency run; by default half the pipeline's capacity (API and one worker together). */
const LATENCY_RATE = Number(process.env.BENCH_PIPELINE_LATENCY_RATE ?? 0);

interface Drain {
  workers: number;
  seconds: number;
  leads: number;
  processed: number;
  perSecond: number;
  ingestPerSecond: number;
  cpu: Record<string, number>;
  waits: Record<string, number>;
  topQueries: string;
  timedOut: boolean;
  /** WAL the server wrote per lead during the drain (full-page images after each checkpoint included). */
  walPerLead: number;
}

async function drain(runEnv: BenchEnv, workers: number): Promise<Drain> {
  const env = withPrefix(runEnv, `pipeline-${workers}`); // an empty queue to start from
  const t = await createTenantAndPartner(env, `pipeline-${workers}`);
  if (RULES) await seedRules(env.db, t.tenantId);
  // 1. Fill the intake queue: the API alone, N requests as fast as it takes them.
  const api = await startServer("leadhub api", "bench/servers/leadhub-api.ts", leadhubEnv(env));
  let ingest;
  try {
    ingest = await loadIngest({ url: api.url, apiKey: t.apiKey, connections: 50, amount: N });
  } finally {
    await killTree(api.p);
  }
  const events = Number((await env.db("inbound_events").where("tenant_id", t.tenantId).count({ n: "*" }))[0].n);
  if (ingest.ok !== N || events !== N) {
    throw new Error(
      `ingest for the pipeline stored ${events} events from ${ingest.ok} 2xx, ${ingest.non2xx} non-2xx, ${ingest.errors} errors (wanted ${N}); ${ingest.sample ?? ""}`,
    );
  }

  // 2. Workers connect, then all start together on "go"; the clock runs from "go" to the N-th lead row.
  const profs = Array.from({ length: workers }, () => (profiling() ? profileArgs() : null));
  const procs: Proc[] = profs.map((prof, i) => spawnWorker(`worker ${i + 1}`, leadhubEnv(env), prof?.args));
  const window: [number, number] = [0, 0];
  let result: Drain | undefined;
  const queues = await leadhubQueues(env);
  try {
    await Promise.all(procs.map((p) => p.waitForLine(/^ready$/, 60_000)));
    await waitForQuiet();
    const groups = Object.fromEntries(procs.map((p, i) => [`worker ${i + 1}`, p.child.pid!]));
    const a = cpuSnapshot(groups, env.dbName);
    const stopWaits = sampleWaits(env);
    const walAt = async () => (await env.db.raw("SELECT pg_current_wal_lsn()::text AS lsn")).rows[0].lsn as string;
    const wal0 = await walAt();
    const t0 = performance.now();
    window[0] = monoMicros();
    for (const p of procs) p.child.stdin!.write("go\n");
    // Progress comes from Redis (O(1) counters), not from count(*) every 100 ms: at 20,000 rows those
    // counts cost PostgreSQL ~0.2 core, which the workers would then lack. The database has the last word.
    let leads = 0;
    let processed = 0;
    let timedOut = false;
    let counted = 0;
    for (;;) {
      await sleep(100);
      const idle = (await queued(queues)) === 0;
      if (idle || performance.now() - counted > 1000) {
        ({ leads, processed } = await progress(env, t.tenantId));
        counted = performance.now();
        // Leads reach N; should dedup ever merge some, every event being processed ends it too.
        if (leads >= N || processed >= N) break;
      }
      if (performance.now() - t0 > DRAIN_TIMEOUT_MS) {
        timedOut = true;
        break;
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    window[1] = monoMicros();
    if (timedOut) console.log(`      timed out after ${DRAIN_TIMEOUT_MS / 1000} s: ${await whyStuck(env, t.tenantId, queues)}`);
    const cpu = cpuSplit(a, cpuSnapshot(groups, env.dbName));
    const { waits, topQueries } = await stopWaits();
    const wal = Number((await env.db.raw("SELECT pg_wal_lsn_diff(?::pg_lsn, ?::pg_lsn) AS b", [await walAt(), wal0])).rows[0].b);
    const d = {
      workers,
      seconds,
      leads,
      processed,
      perSecond: leads / seconds,
      ingestPerSecond: ingest.perSecond,
      cpu,
      waits,
      topQueries,
      timedOut,
      walPerLead: wal / Math.max(leads, 1),
    };
    console.log(
      `  ${workers} worker process(es): ${leads} leads (${processed} events processed) in ${seconds.toFixed(2)} s → ${fmt(d.perSecond)} leads/s` +
        `${timedOut ? " (TIMED OUT)" : ""}\n      ingest beforehand: ${fmt(ingest.perSecond)} leads/s; CPU (cores of 2): ${formatSplit(cpu)}` +
        `\n      WAL written: ${fmt(wal / 1024 / 1024)} MB, ${fmt(d.walPerLead / 1024)} KB a lead` +
        `\n      busy PostgreSQL backends (avg): ${formatSplit(waits)}\n      statements most seen running: ${topQueries}`,
    );
    result = d;
  } finally {
    await Promise.all(procs.map((p) => killTree(p))); // profiles are written as the workers exit
    await Promise.all(queues.map((q) => q.close()));
    if (!result) for (const prof of profs) if (prof) rmSync(prof.dir, { recursive: true, force: true });
  }
  profs.forEach((prof, i) => prof && console.log(`      CPU profile of worker ${i + 1}: ${summariseProfile(prof.dir, ...window)}`));
  return result;
}

/** Every queue leadhub's workers take jobs from, under this run's prefix (read-only handles). */
async function leadhubQueues(env: BenchEnv): Promise<Queue[]> {
  const { queueNames } = await import("../core/queues.ts");
  const url = new URL(env.redisUrl);
  return queueNames.map(
    (name) => new Queue(name, { connection: { host: url.hostname, port: Number(url.port || 6379) }, prefix: env.prefix }),
  );
}

/** Jobs still to run in any of them. */
async function queued(queues: Queue[]): Promise<number> {
  const counts = await Promise.all(queues.map((q) => q.getJobCounts("waiting", "active", "delayed", "prioritized", "waiting-children")));
  return counts.reduce((sum, c) => sum + Object.values(c).reduce((a, b) => a + b, 0), 0);
}

async function progress(env: BenchEnv, tenantId: string): Promise<{ leads: number; processed: number }> {
  const { rows } = await env.db.raw(
    `SELECT (SELECT count(*) FROM leads WHERE tenant_id = ?${RULES ? " AND owner_id IS NOT NULL" : ""})::int AS leads,
            (SELECT count(*) FROM inbound_events WHERE tenant_id = ? AND status IN ('done', 'failed'))::int AS processed`,
    [tenantId, tenantId],
  );
  return rows[0];
}

/** What a drain that never finished left behind: events by status, and the queues' counts with a failure reason. */
async function whyStuck(env: BenchEnv, tenantId: string, queues: Queue[]): Promise<string> {
  const statuses = await env
    .db("inbound_events")
    .where("tenant_id", tenantId)
    .groupBy("status")
    .select("status", env.db.raw("count(*)::int as n"));
  const counts = await Promise.all(
    queues.map(async (q) => {
      const c = await q.getJobCounts("waiting", "active", "delayed", "failed", "completed");
      const [failed] = await q.getFailed(0, 0);
      return `${q.name} ${JSON.stringify(c)}${failed ? ` (a failure: ${failed.failedReason.slice(0, 200)})` : ""}`;
    }),
  );
  return `events ${statuses.map((r: { status: string; n: number }) => `${r.status} ${r.n}`).join(", ")}; queues ${counts.join("; ")}`;
}

/**
 * BullMQ alone: N no-op jobs added with addBulk, one Worker at concurrency 10, time to drain; the
 * median of three rounds, since one drain lasts only a second or two and a noisy second moves it 2×.
 */
async function rawBullmq(runEnv: BenchEnv): Promise<number> {
  const rounds: number[] = [];
  for (let round = 1; round <= 3; round++) rounds.push(await rawBullmqRound(withPrefix(runEnv, `raw-${round}`)));
  const median = [...rounds].sort((a, b) => a - b)[1];
  console.log(`  raw BullMQ: rounds ${rounds.map((r) => fmt(r)).join(", ")} jobs/s → median ${fmt(median)}`);
  return median;
}

async function rawBullmqRound(env: BenchEnv): Promise<number> {
  const url = new URL(env.redisUrl);
  const connection = { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null };
  const name = "bench-noop";
  const queue = new Queue(name, { connection, prefix: env.prefix });
  for (let i = 0; i < N; i += 1000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1000, N - i) }, (_, j) => ({ name: "noop", data: { i: i + j }, opts: { removeOnComplete: true } })),
    );
  }
  let done = 0;
  await waitForQuiet();
  const t0 = performance.now();
  const worker = new Worker(name, async () => {}, { connection, prefix: env.prefix, concurrency: 10 });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("raw BullMQ drain timed out")), DRAIN_TIMEOUT_MS);
    worker.on("completed", () => ++done === N && (clearTimeout(timer), resolve()));
  });
  const seconds = (performance.now() - t0) / 1000;
  await worker.close();
  await queue.obliterate({ force: true }).catch(() => {});
  await queue.close();
  return N / seconds;
}

/** CPU milliseconds per lead: the worker processes, then PostgreSQL (bench backends and shared processes). */
function perLead(d: Drain) {
  const sum = (f: (k: string) => boolean) => Object.entries(d.cpu).reduce((a, [k, v]) => (f(k) ? a + v : a), 0);
  const ms = (cores: number) => (d.perSecond > 0 ? ((cores / d.perSecond) * 1000).toFixed(2) : "–");
  return `${ms(sum((k) => k.startsWith("worker ")))} + ${ms(sum((k) => k.startsWith("postgres")))}`;
}

export async function benchPipeline(env: BenchEnv): Promise<BenchReport> {
  console.log(
    `\n== pipeline: ${fmt(N)} leads ingested with no worker, then drained to lead rows${RULES ? " scored by 50 rules and assigned by 20" : ""} ==`,
  );
  const raw = await rawBullmq(env);
  const one = await drain(env, 1);
  const two = await drain(env, 2);
  // The pipeline's capacity with the API running too, latency at half of it, and of a lone lead.
  const lat = await pipelineLatency(env, {
    overload: Math.round(one.perSecond),
    rate: LATENCY_RATE,
    seconds: LATENCY_SECONDS,
    rules: RULES,
  });
  const ms = (x: number) => `${fmt(x)} ms`;
  const t = table(
    ["what", "rate", "vs raw BullMQ", "drain time", "CPU ms/lead: workers + postgres", "CPU (cores of 2)"],
    [
      ["raw BullMQ no-op, concurrency 10 (median of 3)", `${fmt(raw)} jobs/s`, "1.00×", `${(N / raw).toFixed(2)} s`, "", ""],
      ...[one, two].map((d) => [
        `leadhub intake${RULES ? " → scored + assigned" : ""}, ${d.workers} worker process${d.workers > 1 ? "es" : ""}`,
        `${fmt(d.perSecond)} leads/s${d.timedOut ? " (timed out)" : ""}`,
        ratio(d.perSecond, raw, 3),
        `${d.seconds.toFixed(2)} s`,
        perLead(d),
        formatSplit(d.cpu),
      ]),
    ],
  );
  const l = table(
    ["202 → assigned (API and 1 worker running)", "p50", "p99", "max"],
    [
      [`lone lead (${fmt(20)} leads, one at a time)`, ms(lat.lone.p50), "", ms(lat.lone.max)],
      [
        `${fmt(lat.load.offered)} leads/s offered (${LATENCY_RATE ? "BENCH_PIPELINE_LATENCY_RATE" : "half the capacity below"}) for ${lat.load.seconds} s, a new tenant`,
        ms(lat.load.p50),
        ms(lat.load.p99),
        ms(lat.load.max),
      ],
    ],
  );
  const notes = [
    ...[one, two].map(
      (d) =>
        `${d.workers} worker(s), WAL ${fmt(d.walPerLead / 1024)} KB a lead, busy PostgreSQL backends: ${formatSplit(d.waits) || "none"}; statements most seen running: ${d.topQueries}`,
    ),
    `capacity, the API and 1 worker together (202 → assigned, ${fmt(lat.capacity.offered)} leads/s offered on another tenant, the last ${lat.capacity.counted} s of ${lat.capacity.seconds} counted): ${fmt(lat.capacity.assigned)} leads/s`,
    `CPU during the measured latency load (cores of 2): ${formatSplit(lat.load.cpu)}`,
    `2 workers / 1 worker = ${one.perSecond > 0 ? ratio(two.perSecond, one.perSecond) : "–"}; ingest rate while filling the queue: ${fmt(one.ingestPerSecond)} and ${fmt(two.ingestPerSecond)} leads/s`,
  ];
  return {
    name: "pipeline",
    text: `${t.text}\n${l.text}\n${notes.join("\n")}`,
    markdown: `${t.markdown}\n\n${l.markdown}\n\n${notes.map((n) => `- ${n}`).join("\n")}`,
  };
}

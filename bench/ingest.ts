/**
 * Figure 1 — ingest: leads/s and p99 of POST /ingest/leads, 50 connections for 10 s, leadhub's API
 * beside the naive stack (bare Express + one pg INSERT), alternated (bare, leadhub, bare, leadhub)
 * so that machine noise hits both alike; medians of the rounds are compared. No worker runs.
 */
import { rmSync } from "node:fs";
import {
  createTenantAndPartner,
  fmt,
  killTree,
  leadhubEnv,
  loadIngest,
  median,
  ratio,
  sleep,
  startServer,
  table,
  withPrefix,
  type BenchEnv,
  type BenchReport,
  type LoadResult,
} from "./lib.ts";
import { cpuSnapshot, cpuSplit, formatSplit, othersLoad, sampleWaits, waitForQuiet } from "./observe.ts";
import { monoMicros, profileArgs, profiling, summariseProfile } from "./profile.ts";

const CONNECTIONS = 50;
const WARMUP_S = 2;
const DURATION_S = 10;
const ROUNDS = 2;

type Kind = "bare" | "leadhub";
interface Run extends LoadResult {
  kind: Kind;
  round: number;
  rows: number;
  lost: number;
  cpu: Record<string, number>;
  waits: Record<string, number>;
  profile?: string;
  batches?: { flushes: number; mean: number; p50: number; p90: number; max: number };
}

const countRows = async (env: BenchEnv) => Number((await env.db("inbound_events").count({ n: "*" }))[0].n);

/** Rows still being committed when autocannon stops: wait until the count holds still. */
async function settledCount(env: BenchEnv) {
  let last = -1;
  for (let i = 0; i < 50; i++) {
    const n = await countRows(env);
    if (n === last) return n;
    last = n;
    await sleep(100);
  }
  return last;
}

/**
 * Group-commit batch sizes, read back from the rows: created_at defaults to now(), the start of
 * the INSERT's transaction, so rows written by one flush share one created_at.
 */
async function batchSizes(env: BenchEnv, since: Date) {
  const rows = await env
    .db("inbound_events")
    .where("created_at", ">=", since)
    .groupBy("created_at")
    .select(env.db.raw("count(*)::int as n"));
  const sizes = rows.map((r: { n: number }) => r.n).sort((a: number, b: number) => a - b);
  if (!sizes.length) return undefined;
  const at = (q: number) => sizes[Math.min(sizes.length - 1, Math.floor(q * sizes.length))];
  return {
    flushes: sizes.length,
    mean: sizes.reduce((a: number, b: number) => a + b, 0) / sizes.length,
    p50: at(0.5),
    p90: at(0.9),
    max: sizes[sizes.length - 1],
  };
}

async function measure(env: BenchEnv, kind: Kind, round: number, t: { tenantId: string; partnerId: string; apiKey: string }): Promise<Run> {
  const script = kind === "bare" ? "bench/servers/bare-express.ts" : "bench/servers/leadhub-api.ts";
  const extra: Record<string, string> = kind === "bare" ? { BENCH_TENANT_ID: t.tenantId, BENCH_PARTNER_ID: t.partnerId } : {};
  const prof = profiling() ? profileArgs() : null;
  const { p, url } = await startServer(kind, script, leadhubEnv(env, extra), prof?.args);
  let window: [number, number];
  let run: Run | undefined;
  try {
    await waitForQuiet(); // before the warm-up, so that pools and JIT are warm when the clock starts
    await loadIngest({ url, apiKey: t.apiKey, connections: CONNECTIONS, duration: WARMUP_S });
    const before = await settledCount(env);
    const since = (await env.db.raw("SELECT clock_timestamp() AS t")).rows[0].t as Date;
    const a = cpuSnapshot({ [kind === "bare" ? "bare server" : "leadhub api"]: p.child.pid! }, env.dbName);
    const stopWaits = sampleWaits(env);
    window = [monoMicros(), 0];
    const r = await loadIngest({ url, apiKey: t.apiKey, connections: CONNECTIONS, duration: DURATION_S });
    window[1] = monoMicros();
    const { waits, topQueries } = await stopWaits();
    const cpu = cpuSplit(a, cpuSnapshot({ [kind === "bare" ? "bare server" : "leadhub api"]: p.child.pid! }, env.dbName));
    const rows = (await settledCount(env)) - before;
    // autocannon drops requests in flight when time is up: rows may exceed 2xx by up to CONNECTIONS, never fall short.
    run = { ...r, kind, round, rows, lost: Math.max(0, r.ok - rows), cpu, waits };
    if (kind === "leadhub") run.batches = await batchSizes(env, since);
    const b = run.batches;
    console.log(
      `  round ${round} ${kind.padEnd(7)} ${fmt(r.perSecond)} leads/s  p50 ${r.p50} ms  p99 ${r.p99} ms  ` +
        `2xx ${r.ok}, non-2xx ${r.non2xx}, errors ${r.errors}; rows ${rows} → ${run.lost} lost (+${Math.max(0, rows - r.ok)} answered after stop)` +
        (r.sample ? `\n      ${r.sample}` : "") +
        (b ? `\n      batches: ${b.flushes} flushes, mean ${b.mean.toFixed(1)} rows, p50 ${b.p50}, p90 ${b.p90}, max ${b.max}` : "") +
        `\n      CPU (cores of 2): ${formatSplit(cpu)}\n      busy PostgreSQL backends (avg): ${formatSplit(waits)}\n      statements most seen running: ${topQueries}`,
    );
  } finally {
    await killTree(p); // the profile is written as the server exits
    if (prof && !run) rmSync(prof.dir, { recursive: true, force: true });
  }
  if (prof) {
    run.profile = summariseProfile(prof.dir, ...window);
    console.log(`      CPU profile of the server: ${run.profile}`);
  }
  return run;
}

/** CPU milliseconds each lead cost the server, PostgreSQL (its backends and shared processes) and Redis: medians. */
function cpuPerLead(runs: Run[]) {
  const ms = (f: (c: Record<string, number>) => number) => median(runs.map((r) => (f(r.cpu) / r.perSecond) * 1000)).toFixed(2);
  const server = ms((c) => (c["leadhub api"] ?? 0) + (c["bare server"] ?? 0));
  const postgres = ms((c) => (c.postgres ?? 0) + (c["postgres (shared)"] ?? 0));
  return `${server} + ${postgres} + ${ms((c) => c.redis ?? 0)}`;
}

export async function benchIngest(runEnv: BenchEnv): Promise<BenchReport> {
  const env = withPrefix(runEnv, "ingest");
  console.log(`\n== ingest: POST /ingest/leads, ${CONNECTIONS} connections, warm-up ${WARMUP_S} s + ${DURATION_S} s, ${ROUNDS} rounds ==`);
  const tenant = await createTenantAndPartner(env, "ingest");
  const runs: Run[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const kind of ["bare", "leadhub"] as Kind[]) runs.push(await measure(env, kind, round, tenant));
  }
  const of = (k: Kind) => runs.filter((r) => r.kind === k);
  const med = (k: Kind, f: (r: Run) => number) => median(of(k).map(f));
  const [bareRate, lhRate] = [med("bare", (r) => r.perSecond), med("leadhub", (r) => r.perSecond)];
  const [, lhP99] = [med("bare", (r) => r.p99), med("leadhub", (r) => r.p99)];
  const lost = runs.reduce((a, r) => a + r.lost, 0);
  const pass = lhRate >= bareRate && lhP99 <= 50;

  const t = table(
    [
      "stack",
      "leads/s (median)",
      "p50 ms",
      "p99 ms (median)",
      "runs (leads/s)",
      "lost",
      "CPU ms/lead: server + postgres + redis",
      "others' CPU (cores)",
    ],
    (["bare", "leadhub"] as Kind[]).map((k) => [
      k === "bare" ? "bare Express + pg INSERT" : "leadhub POST /ingest/leads",
      fmt(med(k, (r) => r.perSecond)),
      fmt(med(k, (r) => r.p50)),
      fmt(med(k, (r) => r.p99)),
      of(k)
        .map((r) => fmt(r.perSecond))
        .join(", "),
      String(of(k).reduce((a, r) => a + r.lost, 0)),
      cpuPerLead(of(k)),
      of(k)
        .map((r) => othersLoad(r.cpu).toFixed(2))
        .join(", "),
    ]),
  );
  const batches = of("leadhub")
    .map((r) => r.batches)
    .filter((b) => b !== undefined);
  const cpuLines = runs.map((r) => `round ${r.round} ${r.kind}: ${formatSplit(r.cpu)}`);
  const profLines = runs.filter((r) => r.profile).map((r) => `round ${r.round} ${r.kind}: ${r.profile}`);
  const waitLines = runs.map((r) => `round ${r.round} ${r.kind}: ${formatSplit(r.waits) || "none"}`);
  // Each round's pair ran back to back: their ratios show how much of the median's ratio is the machine's noise.
  const perRound = of("leadhub").map((r) => ratio(r.perSecond, of("bare").find((b) => b.round === r.round)!.perSecond));
  const serverMs = (k: Kind) => median(of(k).map((r) => ((r.cpu["leadhub api"] ?? r.cpu["bare server"] ?? 0) / r.perSecond) * 1000));
  const verdict =
    `leadhub/bare = ${ratio(lhRate, bareRate)} (goal ≥ 1.00×; rounds ${perRound.join(", ")}), leadhub p99 ${lhP99} ms (goal ≤ 50 ms): ` +
    `${pass ? "PASS" : "FALLS SHORT"}; ${lost} lost; server CPU per lead leadhub/bare = ${ratio(serverMs("leadhub"), serverMs("bare"))}`;
  const batchLine = batches.length
    ? `event-writer batches (rows per INSERT): ${batches.map((b) => `mean ${b.mean.toFixed(1)}, p50 ${b.p50}, p90 ${b.p90}, max ${b.max} over ${b.flushes} flushes`).join("; ")}`
    : "";
  return {
    name: "ingest",
    text:
      `${t.text}\n${verdict}\n${batchLine}\nCPU (cores of 2):\n  ${cpuLines.join("\n  ")}\nbusy PostgreSQL backends (average, by wait event):\n  ${waitLines.join("\n  ")}` +
      (profLines.length ? `\nserver CPU profile (share of samples):\n  ${profLines.join("\n  ")}` : ""),
    markdown:
      `${t.markdown}\n\n${verdict}.\n\n${batchLine ? `${batchLine}.\n\n` : ""}CPU during the 10 s (cores of 2):\n\n${cpuLines.map((l) => `- ${l}`).join("\n")}\n\nBusy PostgreSQL backends (average over 100 ms samples, by wait event):\n\n${waitLines.map((l) => `- ${l}`).join("\n")}` +
      (profLines.length
        ? `\n\nServer CPU profile during the 10 s (share of samples):\n\n${profLines.map((l) => `- ${l}`).join("\n")}`
        : ""),
  };
}

/**
 * What the machine was doing during a measurement — it is shared and noisy: CPU per process group
 * from /proc (ours, PostgreSQL, Redis, everyone else, hypervisor steal), what the bench database's
 * backends were waiting on, and a bounded wait for a quiet moment before measuring.
 */
import { readdirSync, readFileSync } from "node:fs";
import { sleep, type BenchEnv } from "./lib.ts";

const HZ = 100; // CLK_TCK on Linux
type Snapshot = { at: number; perPid: Map<number, { ticks: number; label: string }>; idle: number; steal: number; total: number };

/**
 * CPU ticks of every process, labelled: our children by process group; PostgreSQL backends of the
 * bench database `db` as "postgres", its shared processes (WAL writer, checkpointer…) as "postgres
 * (shared)", backends of other databases (other people's tests) as other:postgres; redis; this
 * process; other:<comm>.
 */
export function cpuSnapshot(groups: Record<string, number>, db?: string): Snapshot {
  const byGroup = new Map(Object.entries(groups).map(([label, pgid]) => [pgid, label]));
  const perPid = new Map<number, { ticks: number; label: string }>();
  for (const d of readdirSync("/proc")) {
    const pid = Number(d);
    if (!pid) continue;
    let s: string;
    try {
      s = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue;
    }
    const comm = s.slice(s.indexOf("(") + 1, s.lastIndexOf(")"));
    const f = s.slice(s.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(f[11]) + Number(f[12]);
    const label =
      pid === process.pid
        ? "load generator"
        : (byGroup.get(Number(f[2])) ??
          (comm === "postgres" ? postgresLabel(pid, db) : comm.startsWith("redis-server") ? "redis" : `other:${comm}`));
    perPid.set(pid, { ticks, label });
  }
  // user nice system idle iowait irq softirq steal
  const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0].split(/\s+/).slice(1, 9).map(Number);
  return { at: performance.now(), perPid, idle: cpu[3] + cpu[4], steal: cpu[7], total: cpu.reduce((a, b) => a + b, 0) };
}

/** A backend's title names its database and client ("postgres: 15/main: user db 127.0.0.1(5432) idle"). */
function postgresLabel(pid: number, db?: string): string {
  let title = "";
  try {
    title = readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    /* gone */
  }
  if (!/\(\d+\)|\[local\]/.test(title)) return "postgres (shared)";
  return db && title.includes(` ${db} `) ? "postgres" : "other:postgres";
}

/**
 * Cores used per label between two snapshots (1.0 = one core busy the whole time), plus idle,
 * time the hypervisor stole (this is a VM), and time no live process accounts for (processes that
 * ran and exited meanwhile — someone's test run — and interrupts).
 */
export function cpuSplit(a: Snapshot, b: Snapshot): Record<string, number> {
  const secs = (b.at - a.at) / 1000;
  const cores = (ticks: number) => ticks / HZ / secs;
  const out: Record<string, number> = {};
  let tracked = 0;
  for (const [pid, { ticks, label }] of b.perPid) {
    const d = ticks - (a.perPid.get(pid)?.ticks ?? 0);
    tracked += d;
    out[label] = (out[label] ?? 0) + cores(d);
  }
  out.idle = cores(b.idle - a.idle);
  out["other:steal"] = cores(b.steal - a.steal);
  out["other:exited/irq"] = Math.max(0, cores(b.total - a.total - (b.idle - a.idle) - (b.steal - a.steal) - tracked));
  return out;
}

/** "leadhub api 0.80, postgres 0.50, other:chromium 0.30, …"; small other:* entries are summed as other:misc. */
export const formatSplit = (split: Record<string, number>) => {
  const s: Record<string, number> = {};
  for (const [k, v] of Object.entries(split)) {
    const key = k.startsWith("other:") && v < 0.05 ? "other:misc" : k;
    s[key] = (s[key] ?? 0) + v;
  }
  return Object.entries(s)
    .filter(([, v]) => v >= 0.01)
    .sort((x, y) => y[1] - x[1])
    .map(([k, v]) => `${k} ${v.toFixed(2)}`)
    .join(", ");
};

/** Cores taken by what is not ours (other processes, steal, exited processes): the noise a figure was measured under. */
export const othersLoad = (split: Record<string, number>) =>
  Object.entries(split).reduce((a, [k, v]) => (k.startsWith("other:") ? a + v : a), 0);

/**
 * The machine is shared: before a measured run, wait (bounded) until others use less than
 * `threshold` cores over one second, and say how busy it still was if the wait ran out.
 */
export async function waitForQuiet(maxMs = 30_000, threshold = 0.3): Promise<{ waited: number; othersCores: number }> {
  const t0 = Date.now();
  for (;;) {
    const a = cpuSnapshot({});
    await sleep(1000);
    // Our servers sit idle meanwhile: whatever is busy now (system PostgreSQL included) is someone else.
    const split = cpuSplit(a, cpuSnapshot({}));
    const othersCores = Object.entries(split).reduce((sum, [k, v]) => (k === "idle" || k === "load generator" ? sum : sum + v), 0);
    const waited = (Date.now() - t0) / 1000;
    if (othersCores < threshold || Date.now() - t0 > maxMs) {
      if (waited > 1.5 || othersCores >= threshold) {
        console.log(
          `      (machine busy with other processes: waited ${waited.toFixed(0)} s; others now use ${othersCores.toFixed(2)} cores)`,
        );
      }
      return { waited, othersCores };
    }
  }
}

/**
 * Samples pg_stat_activity of the bench database every `everyMs`: what its busy backends wait on
 * (Lock, IO/WALSync…; "CPU" when they wait on nothing; "idle in transaction" when a transaction
 * waits on the application), as the average number of backends; and the statements most often
 * seen running (the average number of backends running each).
 */
export function sampleWaits(env: BenchEnv, everyMs = 100) {
  const totals: Record<string, number> = {};
  const queries: Record<string, number> = {};
  let samples = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const { rows } = await env.db.raw(
        `SELECT CASE WHEN state = 'active' THEN coalesce(wait_event_type || ':' || wait_event, 'CPU') ELSE state END AS w,
                CASE WHEN state = 'active' THEN left(regexp_replace(query, '[[:space:]]+', ' ', 'g'), 70) END AS q
         FROM pg_stat_activity
         WHERE datname = current_database() AND state IN ('active', 'idle in transaction') AND pid <> pg_backend_pid()`,
      );
      for (const r of rows as { w: string; q: string | null }[]) {
        totals[r.w] = (totals[r.w] ?? 0) + 1;
        if (r.q) queries[r.q] = (queries[r.q] ?? 0) + 1;
      }
      samples++;
      await sleep(everyMs);
    }
  })();
  const avg = (m: Record<string, number>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v / Math.max(1, samples)]));
  return async () => {
    stopped = true;
    await loop;
    const top = Object.entries(avg(queries))
      .sort((x, y) => y[1] - x[1])
      .slice(0, 3);
    return { waits: avg(totals), topQueries: top.map(([q, n]) => `${n.toFixed(2)} × "${q}…"`).join("; ") };
  };
}

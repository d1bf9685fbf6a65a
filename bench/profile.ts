/**
 * Opt-in (BENCH_CPU_PROF=1): where a server's CPU went during a measured window, from the V8
 * .cpuprofile that `node --cpu-prof` writes at exit. Each sample is charged to the innermost frame
 * that belongs to a package (node_modules/<pkg>) or a project file, so node's own http/socket work
 * lands on whoever called it (express, pg, ioredis…). BENCH_KEEP_PROF=1 keeps the .cpuprofile files.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./lib.ts";

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export const profiling = () => Boolean(process.env.BENCH_CPU_PROF);

/** Node flags that make the server write its profile into a fresh temporary directory. */
export function profileArgs(): { dir: string; args: string[] } {
  const dir = mkdtempSync("/tmp/lh-bench-prof-");
  return { dir, args: ["--cpu-prof", `--cpu-prof-dir=${dir}`] };
}

/** Monotonic clock in µs, the clock V8 stamps profile samples with (CLOCK_MONOTONIC on Linux). */
export const monoMicros = () => Number(process.hrtime.bigint() / 1000n);

const owner = (url: string) => {
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1];
  if (pkg) return pkg;
  const at = url.indexOf(ROOT);
  return at >= 0 ? url.slice(at + ROOT.length) : null;
};

/** Share of the window's samples per package/file, top `n`; the directory is removed afterwards. */
export function summariseProfile(dir: string, from: number, to: number, n = 14): string {
  try {
    const files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
    if (!files.length) return "no profile written";
    // The main thread's profile is the biggest one.
    const file = files.map((f) => join(dir, f)).sort((a, b) => statSync(b).size - statSync(a).size)[0];
    const prof = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
    const byId = new Map(prof.nodes.map((x) => [x.id, x]));
    const parent = new Map<number, number>();
    for (const x of prof.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
    const shares = new Map<string, number>();
    let t = prof.startTime;
    let total = 0;
    prof.samples.forEach((id, i) => {
      t += prof.timeDeltas[i] ?? 0;
      if (t < from || t > to) return;
      const leaf = byId.get(id)!.callFrame.functionName;
      let key: string | null = ["(idle)", "(garbage collector)", "(program)"].includes(leaf) ? leaf : null;
      for (let cur: number | undefined = id; !key && cur !== undefined; cur = parent.get(cur)) key = owner(byId.get(cur)!.callFrame.url);
      key ??= "(node internals)";
      shares.set(key, (shares.get(key) ?? 0) + 1);
      total++;
    });
    return [...shares]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${((100 * v) / total).toFixed(1)}% ${k}`)
      .join(", ");
  } finally {
    if (process.env.BENCH_KEEP_PROF) console.log(`      (profile kept in ${dir})`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

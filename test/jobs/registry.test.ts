import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import cron from "node-cron";
import { jobs, queueOf, type JobName } from "../../core/queues.ts";
import { registry, type JobRow } from "../../jobs/registry.ts";

/**
 * jobs/ holds job handlers only: each a thin `*.job.ts` shell over core/, plus the registry that
 * gives every job name its one row. The measured form of that rule.
 */
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const JOBS = join(ROOT, "jobs");
const MAX_LINES = 80;

const files = readdirSync(JOBS, { recursive: true, withFileTypes: true })
  .filter((d) => d.isFile())
  .map((d) => join(d.parentPath, d.name));
const handlerFiles = files.filter((f) => f !== join(JOBS, "registry.ts"));
const lines = (f: string) => readFileSync(f, "utf8").split("\n").length - (readFileSync(f, "utf8").endsWith("\n") ? 1 : 0);
const rows = Object.entries(registry) as [JobName, JobRow][];

/** Every module a file imports (static, dynamic and re-exports), resolved when relative. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specs = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)].map((m) => m[1]);
  return specs.map((s) => (s.startsWith(".") ? relative(ROOT, resolve(dirname(file), s)) : s));
}

describe("jobs/ is job handlers only", () => {
  it("when jobs/ is listed, then every file but the registry is a *.job.ts of at most 80 lines", () => {
    expect(handlerFiles.length).toBeGreaterThan(0);
    const misplaced = handlerFiles.filter((f) => !f.endsWith(".job.ts")).map((f) => relative(ROOT, f));
    const long = handlerFiles.filter((f) => lines(f) > MAX_LINES).map((f) => `${relative(ROOT, f)}: ${lines(f)} lines`);
    expect(misplaced).toEqual([]);
    expect(long).toEqual([]);
  });

  it("when a jobs/ file's imports are read, then none reaches api/ or worker/, the database or the environment", () => {
    const offending = files.flatMap((f) => {
      const text = readFileSync(f, "utf8");
      const bad = importsOf(f).filter((m) => /^(api|worker)\//.test(m) || m === "core/db.ts" || m === "knex" || m === "pg");
      return [...bad, ...(/process\.env/.test(text) ? ["process.env"] : [])].map((m) => `${relative(ROOT, f)} → ${m}`);
    });
    expect(offending).toEqual([]);
  });

  it("when the registry is read, then every job name has exactly one row", () => {
    expect(Object.keys(registry).sort()).toEqual(Object.keys(jobs).sort());
    const source = readFileSync(join(JOBS, "registry.ts"), "utf8");
    const counts = Object.keys(jobs).map((name) => [name, source.split(`"${name}": {`).length - 1]);
    expect(counts.filter(([, n]) => n !== 1)).toEqual([]);
  });

  it("when the rows are loaded, then every handler and failure hook is a function a *.job.ts file exports", async () => {
    const exported = new Map<unknown, string>();
    for (const f of handlerFiles) {
      const mod = (await import(pathToFileURL(f).href)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) if (typeof value === "function") exported.set(value, `${relative(ROOT, f)}#${name}`);
    }
    const strays = rows.flatMap(([name, row]) => [
      ...(exported.has(row.handle) ? [] : [`${name}: handle`]),
      ...(row.onFailed && !exported.has(row.onFailed) ? [`${name}: onFailed`] : []),
    ]);
    expect(strays).toEqual([]);
  });

  it("when rows share a queue, then they agree on its concurrency", () => {
    const byQueue = new Map<string, Set<number | undefined>>();
    for (const [name, row] of rows) byQueue.set(queueOf[name], (byQueue.get(queueOf[name]) ?? new Set()).add(row.concurrency));
    const split = [...byQueue].filter(([, c]) => c.size > 1).map(([q, c]) => `${q}: ${[...c].join(", ")}`);
    expect(split).toEqual([]);
  });

  it("when a row has a schedule, then its cron is valid, its slot positive, and its slot id free of ':'", () => {
    const scheduled = rows.filter(([, row]) => row.schedule);
    expect(scheduled.length).toBeGreaterThan(0);
    for (const [name, row] of scheduled) {
      expect(cron.validate(row.schedule!.cron), name).toBe(true);
      expect(row.schedule!.seconds, name).toBeGreaterThan(0);
      const id = (jobs[name].id as (slot: string) => string)("123");
      expect(id, name).toMatch(/^[a-z-]+-123$/);
      expect(jobs[name].payload.safeParse({ tenantId: null, slot: "123" }).success, name).toBe(true);
    }
  });
});

/**
 * `npm run bench [-- ingest|pipeline|startup|capture|dedup|import|conversion|kanban|nurture|reports|rls|auth]`: runs the benchmarks against local PostgreSQL and
 * Redis, in a database and a Redis prefix of its own that it removes at the end, and prints the
 * figures (each beside the raw stack measured in the same run) as a table and as markdown.
 */
import { execFileSync } from "node:child_process";
import { cpus, totalmem } from "node:os";
import { benchIngest } from "./ingest.ts";
import { benchPipeline } from "./pipeline.ts";
import { benchStartup } from "./startup.ts";
import { benchCapture } from "./capture.ts";
import { benchDedup } from "./dedup.ts";
import { benchImport, importBudgetMs } from "./import.ts";
import { benchConversion } from "./conversion.ts";
import { benchKanban } from "./kanban.ts";
import { benchNurture } from "./nurture.ts";
import { benchReports } from "./reports.ts";
import { benchRls } from "./rls.ts";
import { benchAuthCheck } from "./auth-check.ts";
import { createBenchEnv, destroyBenchEnv, killAllSync, ROOT, type BenchEnv, type BenchReport } from "./lib.ts";

const BENCHES: Record<string, (env: BenchEnv) => Promise<BenchReport>> = {
  ingest: benchIngest,
  pipeline: benchPipeline,
  startup: benchStartup,
  capture: benchCapture,
  dedup: benchDedup,
  import: benchImport,
  conversion: benchConversion,
  kanban: benchKanban,
  nurture: benchNurture,
  reports: benchReports,
  rls: benchRls,
  auth: benchAuthCheck,
};

/** The figures belong to a state of the code: the commit, and how much of the tree was changed on top of it. */
function codeState() {
  try {
    const git = (...args: string[]) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
    const changed = git("status", "--porcelain").split("\n").filter(Boolean).length;
    return `commit ${git("rev-parse", "--short", "HEAD")}${changed ? ` + ${changed} changed/untracked paths` : ""}`;
  } catch {
    return "unknown (no git)";
  }
}

const names = process.argv.slice(2).filter((a) => a !== "--");
const unknown = names.filter((n) => !(n in BENCHES));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(", ")}; choose from ${Object.keys(BENCHES).join(", ")}`);
  process.exit(2);
}
// The long ones (a million leads or rows, 10–40 minutes each; the board in a browser; 100,000 enrolments) run only when named.
const LONG = new Set(["dedup", "import", "kanban", "nurture", "reports"]);
const selected = names.length ? names : Object.keys(BENCHES).filter((n) => !LONG.has(n));
// The import bench runs up to its own timeouts (import, then duplicate scan): the watchdog allows for them.
const GLOBAL_TIMEOUT_MS = 30 * 60_000 + (selected.includes("import") ? importBudgetMs() : 0);

const started = Date.now();
const env = await createBenchEnv();
let cleaned = false;
let cleaning: Promise<void> | undefined;
/** Once, whoever asks first (the end of the run, a signal, a crash); everyone else waits for that one. */
const cleanup = () =>
  (cleaning ??= (async () => {
    cleaned = true;
    killAllSync();
    await destroyBenchEnv(env).then(
      (keys) => console.log(`\ncleaned up: database ${env.dbName} dropped, ${keys} Redis keys under ${env.prefix} deleted`),
      (e) => console.error(`cleanup failed: ${(e as Error).message}`),
    );
  })());
// Ctrl-C or a hang: children are killed, the database dropped, the keys deleted. Ctrl-C reaches us
// more than once (npm and tsx relay it too): later signals must not cut the cleanup short.
let interrupted = false;
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    interrupted = true;
    void cleanup().finally(() => process.exit(130));
  });
}
process.on("exit", killAllSync);
// An interrupted benchmark may still be polling a pool that cleanup has closed: that is expected then.
for (const ev of ["unhandledRejection", "uncaughtException"] as const) {
  process.on(ev, (e: unknown) => {
    if (cleaned) return;
    console.error(`bench: ${(e as Error)?.stack ?? e}`);
    void cleanup().finally(() => process.exit(1));
  });
}
const watchdog = setTimeout(() => {
  console.error(`bench: over ${GLOBAL_TIMEOUT_MS / 60_000} min, giving up`);
  void cleanup().finally(() => process.exit(1));
}, GLOBAL_TIMEOUT_MS);
watchdog.unref();

const machine = `${cpus().length} CPU (${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}`;
console.log(`leadhub bench — ${new Date().toISOString()} — ${machine}`);
console.log(`database ${env.dbName}, redis prefix ${env.prefix}`);
console.log(`code: ${codeState()}`);

const reports: BenchReport[] = [];
let failed = false;
try {
  for (const name of selected) {
    try {
      reports.push(await BENCHES[name](env));
    } catch (e) {
      // One benchmark failing must not hide the others' figures.
      failed = true;
      const msg = (e as Error).stack ?? String(e);
      console.error(`\n${name} failed: ${msg}`);
      reports.push({
        name,
        text: `${name}: FAILED (${(e as Error).message.split("\n")[0]})`,
        markdown: `${name}: FAILED (${(e as Error).message.split("\n")[0]})`,
      });
    }
  }
} finally {
  await cleanup();
}

const total = ((Date.now() - started) / 1000).toFixed(0);
console.log("\n================ results ================");
for (const r of reports) console.log(`\n[${r.name}]\n${r.text}`);
console.log(`\ntotal bench time ${total} s`);
console.log("\n---------------- markdown ----------------\n");
console.log(`Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machine}; code ${codeState()}; total ${total} s.\n`);
for (const r of reports) console.log(`### ${r.name}\n\n${r.markdown}\n`);
process.exit(interrupted ? 130 : failed ? 1 : 0);

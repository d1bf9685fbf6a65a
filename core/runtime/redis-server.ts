import { accessSync, constants, existsSync, mkdirSync, realpathSync } from "node:fs";
import { createConnection } from "node:net";
import { delimiter, join, resolve } from "node:path";
import type { Logger } from "../logger.ts";
import { freePort, readRecord, shareLocalServer, spawnDetached, stopChild, waitUntil } from "./embedded-postgres.ts";

export interface LocalRedis {
  url: string;
  /** Stops redis-server if this process spawned (or adopted) it; otherwise a no-op. */
  stop(): Promise<void>;
}

const DEFAULT_URL = "redis://127.0.0.1:6379";

/**
 * REDIS_URL when set; else the redis-server another leadhub process on this data dir runs; else
 * one on 127.0.0.1:6379; else a redis-server from PATH, spawned on a free port.
 */
export async function resolveRedis(o: { redisUrl?: string; dataDir: string; log: Logger; probeUrl?: string }): Promise<LocalRedis> {
  if (o.redisUrl) return { url: o.redisUrl, stop: async () => {} };
  const root = resolve(o.dataDir);
  const dir = join(root, "redis");
  const file = join(root, "redis.port");
  const probe = new URL(o.probeUrl ?? DEFAULT_URL);

  // A server we spawned earlier comes first, so that processes started side by side agree on one.
  const ours = async (port: number) => {
    const reply = await command(port, "CONFIG GET dir", "127.0.0.1");
    return existsSync(dir) && reply.includes(realpathSync(dir));
  };
  const rec = readRecord(file);
  const spawned = rec !== null && (await ours(rec.port).catch(() => false));
  if (spawned || !(await command(Number(probe.port || 6379), "PING", probe.hostname)).startsWith("+PONG")) {
    const server = await shareLocalServer({
      name: "Redis",
      file,
      lock: join(root, "redis.lock"),
      log: o.log,
      answers: (port) => ours(port).catch(() => false),
      launch: async (preferredPort) => {
        const bin = findOnPath("redis-server");
        if (!bin) {
          throw new Error(
            `Redis is not reachable at ${probe.href} and redis-server is not on PATH: run \`docker compose up -d redis\`, ` +
              "install it (e.g. `apt-get install redis-server`, `brew install redis`), or set REDIS_URL",
          );
        }
        mkdirSync(dir, { recursive: true });
        const port = await freePort(preferredPort);
        // Append-only file under the data dir: delayed and retrying jobs (nurture waits, SLA timers,
        // backoffs) survive a restart, as they would on a real Redis; RDB snapshots add nothing to that.
        const args = ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "yes"];
        const child = spawnDetached(bin, [...args, "--daemonize", "no", "--loglevel", "warning"], {}, o.log, "redis");
        await waitUntil(child, () => command(port, "PING", "127.0.0.1").then((r) => r.startsWith("+PONG")), "redis-server");
        o.log.info({ port }, "started redis-server");
        return { port, pid: child.pid!, stop: () => stopChild(child, "SIGTERM") };
      },
    });
    return { url: `redis://127.0.0.1:${server.port}`, stop: server.stop };
  }
  return { url: probe.href.replace(/\/$/, ""), stop: async () => {} };
}

/** One inline command over a plain socket; "" when nothing answers within 2 s. */
function command(port: number, cmd: string, host: string): Promise<string> {
  return new Promise((done) => {
    let reply = "";
    const socket = createConnection({ port, host });
    const finish = () => {
      socket.destroy();
      done(reply);
    };
    socket.setTimeout(2000, finish);
    socket.once("error", finish);
    socket.once("connect", () => socket.write(`${cmd}\r\n`));
    socket.on("data", (d) => {
      reply += d.toString("utf8");
      // Simple replies end at the first CRLF; CONFIG GET's array of two bulk strings takes five lines.
      if (reply.endsWith("\r\n") && (!reply.startsWith("*") || reply.split("\r\n").length > 5)) finish();
    });
  });
}

function findOnPath(name: string): string | null {
  for (const d of (process.env.PATH ?? "").split(delimiter).filter(Boolean)) {
    try {
      accessSync(join(d, name), constants.X_OK);
      return join(d, name);
    } catch {
      // not in this directory
    }
  }
  return null;
}

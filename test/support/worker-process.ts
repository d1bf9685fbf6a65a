import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, inject } from "vitest";
import { expectEventually } from "./stack.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** A dead worker's jobs are taken over after this long in the crash tests (BullMQ's lock, see WORKER_LOCK_SECONDS). */
export const CRASH_LOCK_SECONDS = "3";

/**
 * A worker in its own process (as `npm run start:worker` runs it) on the test's queue prefix, so a
 * test can kill it with SIGKILL; resolves once its workers run.
 */
export async function spawnWorkerProcess(prefix: string, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "worker/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: inject("databaseUrl"),
      REDIS_URL: inject("redisUrl"),
      QUEUE_PREFIX: prefix,
      LEADHUB_SECRET_KEY: "0".repeat(64),
      LOG_LEVEL: "info",
      WORKER_LOCK_SECONDS: CRASH_LOCK_SECONDS,
      ...env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  await expectEventually(() => expect(out).toContain("workers running"), 30_000, 100);
  return child;
}

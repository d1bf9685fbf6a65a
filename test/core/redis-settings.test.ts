import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { pino } from "pino";
import { Redis } from "ioredis";
import { checkRedisSettings, RedisSettingsError } from "../../core/runtime/redis-settings.ts";
import { freePort } from "../../core/runtime/embedded-postgres.ts";
import { boot } from "../../core/runtime/boot.ts";
import { setUpDatabase } from "../../migrations/setup.ts";
import { expectEventually } from "../support/stack.ts";

/** Private redis-servers on free ports: the shared one on 6379 keeps its own configuration. */
interface Private {
  url: string;
  redis: Redis;
  child: ChildProcess;
}
const servers: Private[] = [];
const dir = mkdtempSync(join(tmpdir(), "lh-redis-settings-"));

async function privateRedis(args: string[]): Promise<Private> {
  const port = await freePort();
  const child = spawn(
    "redis-server",
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--dir",
      dir,
      "--dbfilename",
      `dump-${port}.rdb`,
      "--appendfilename",
      `ao-${port}.aof`,
      "--loglevel",
      "warning",
      ...args,
    ],
    { stdio: "ignore" },
  );
  const url = `redis://127.0.0.1:${port}`;
  const redis = new Redis(url, { retryStrategy: () => 50 });
  redis.on("error", () => {});
  await expectEventually(async () => expect(await redis.ping()).toBe("PONG"), 10_000, 50);
  const s = { url, redis, child };
  servers.push(s);
  return s;
}

/** A logger whose warnings the test can read. */
function capture() {
  const lines: { level: number; msg: string }[] = [];
  const log = pino({ level: "warn" }, new Writable({ write: (chunk, _enc, done) => void (lines.push(JSON.parse(String(chunk))), done()) }));
  return { log, warnings: () => lines.filter((l) => l.level === 40).map((l) => l.msg) };
}

let evicting: Private;
let locked: Private;
beforeAll(async () => {
  // As a cache is often configured: evicting, no persistence.
  evicting = await privateRedis(["--maxmemory-policy", "allkeys-lru", "--save", "", "--appendonly", "no"]);
  // As managed Redis often is: CONFIG renamed away.
  locked = await privateRedis(["--rename-command", "CONFIG", "", "--maxmemory-policy", "allkeys-lru"]);
});
afterAll(async () => {
  for (const s of servers) {
    s.redis.disconnect();
    s.child.kill("SIGKILL");
  }
  rmSync(dir, { recursive: true, force: true });
});

describe("Redis settings checked at start", () => {
  it("when maxmemory-policy evicts, then the start is refused with a message that says what to change", async () => {
    const { log } = capture();
    const err = await checkRedisSettings(evicting.redis, log, { allowEviction: false }).catch((e) => e);
    expect(err).toBeInstanceOf(RedisSettingsError);
    expect(err.message).toContain('maxmemory-policy is "allkeys-lru"');
    expect(err.message).toContain("noeviction");
    expect(err.message).toContain("REDIS_ALLOW_EVICTION=1");
  });

  it("when REDIS_ALLOW_EVICTION is set, then it starts with a warning for the eviction and one for the missing persistence", async () => {
    const { log, warnings } = capture();
    const s = await checkRedisSettings(evicting.redis, log, { allowEviction: true });
    expect(s).toMatchObject({ maxmemoryPolicy: "allkeys-lru", appendonly: "no", save: "", checked: true });
    expect(warnings()).toHaveLength(2);
    expect(warnings()[0]).toMatch(/allkeys-lru.*starting anyway/);
    expect(warnings()[1]).toMatch(/persistence is off/);
  });

  it("when the policy is noeviction but persistence is off, then it starts and warns about persistence only; with appendonly on, silently", async () => {
    const ok = await privateRedis(["--maxmemory-policy", "noeviction", "--save", "", "--appendonly", "no"]);
    const first = capture();
    expect(await checkRedisSettings(ok.redis, first.log, { allowEviction: false })).toMatchObject({
      maxmemoryPolicy: "noeviction",
      checked: true,
    });
    expect(first.warnings()).toEqual([expect.stringMatching(/persistence is off/)]);

    await ok.redis.call("CONFIG", "SET", "appendonly", "yes");
    const second = capture();
    expect(await checkRedisSettings(ok.redis, second.log, { allowEviction: false })).toMatchObject({
      maxmemoryPolicy: "noeviction",
      appendonly: "yes",
    });
    expect(second.warnings()).toEqual([]);
  });

  it("when CONFIG is not allowed (managed Redis), then it warns and goes on, though this Redis does evict", async () => {
    const { log, warnings } = capture();
    const s = await checkRedisSettings(locked.redis, log, { allowEviction: false });
    expect(s.checked).toBe(false);
    expect(warnings()).toEqual([expect.stringMatching(/could not read Redis settings.*noeviction/)]);
  });

  it("when the api boots against an evicting Redis, then boot fails with that message; with the override it boots", async () => {
    const env = {
      DATABASE_URL: inject("databaseUrl"),
      REDIS_URL: evicting.url,
      LEADHUB_SECRET_KEY: "0".repeat(64),
      LEADHUB_DATA_DIR: dir,
      LOG_LEVEL: "silent",
      LEADHUB_ADMIN_EMAIL: `boot-${Date.now()}@test.leadhub.local`,
      LEADHUB_ADMIN_PASSWORD: "boot-password-1",
    };
    await expect(boot("api", setUpDatabase, env)).rejects.toThrow(/maxmemory-policy is "allkeys-lru".*noeviction/);
    const booted = await boot("api", setUpDatabase, { ...env, REDIS_ALLOW_EVICTION: "1" });
    expect(booted.services.config.redisAllowEviction).toBe(true);
    await booted.stop();
  });
});

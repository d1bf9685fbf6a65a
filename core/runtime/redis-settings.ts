import type { Redis } from "ioredis";
import type { Logger } from "../logger.ts";

/** What leadhub reads of Redis's configuration at start; null where Redis would not say. */
export interface RedisSettings {
  maxmemoryPolicy: string | null;
  appendonly: string | null;
  save: string | null;
  /** False when CONFIG is refused (managed Redis often renames or blocks it) or Redis did not answer. */
  checked: boolean;
}

/** Refusing to start: the message says what to change and how to override. */
export class RedisSettingsError extends Error {}

/** Persistent when the append-only file is on or an RDB `save` schedule is set. */
export const persistenceOn = (s: Pick<RedisSettings, "appendonly" | "save">) => s.appendonly === "yes" || (s.save ?? "").trim() !== "";

async function configGet(redis: Redis, name: string): Promise<string | null> {
  // One name per call: CONFIG GET with several names needs Redis 7.
  const reply = (await redis.call("CONFIG", "GET", name)) as string[] | null;
  return Array.isArray(reply) && reply.length >= 2 ? String(reply[1]) : null;
}

/**
 * Checked once at start, by every process (api, worker, both). BullMQ keeps jobs, locks and
 * schedules as ordinary keys: a Redis that may evict them under memory pressure loses jobs without
 * an error anywhere, so anything but `noeviction` stops the start unless `allowEviction`
 * (REDIS_ALLOW_EVICTION=1) says the operator knows. Without persistence a Redis restart drops
 * delayed jobs (nurture waits, SLA timers, backoffs): a warning, since the sweepers recover much of it.
 * Where CONFIG is not allowed (managed Redis) nothing can be read: warn and go on.
 */
export async function checkRedisSettings(redis: Redis, log: Logger, o: { allowEviction: boolean }): Promise<RedisSettings> {
  let settings: RedisSettings;
  try {
    const [maxmemoryPolicy, appendonly, save] = await Promise.all(
      ["maxmemory-policy", "appendonly", "save"].map((n) => configGet(redis, n)),
    );
    settings = { maxmemoryPolicy, appendonly, save, checked: maxmemoryPolicy !== null };
  } catch (e) {
    log.warn(
      { err: (e as Error).message },
      "could not read Redis settings (CONFIG GET refused or Redis unreachable): make sure maxmemory-policy is noeviction and persistence (appendonly) is on",
    );
    return { maxmemoryPolicy: null, appendonly: null, save: null, checked: false };
  }
  if (!settings.checked) {
    log.warn("Redis did not report maxmemory-policy: make sure it is noeviction");
  } else if (settings.maxmemoryPolicy !== "noeviction") {
    const why = `Redis maxmemory-policy is "${settings.maxmemoryPolicy}": BullMQ loses jobs when Redis evicts keys, so leadhub needs "noeviction"`;
    if (!o.allowEviction) {
      throw new RedisSettingsError(
        `${why}. Run \`redis-cli CONFIG SET maxmemory-policy noeviction\` (and put it in redis.conf), or set REDIS_ALLOW_EVICTION=1 to start anyway.`,
      );
    }
    log.warn({ maxmemoryPolicy: settings.maxmemoryPolicy }, `${why}; starting anyway (REDIS_ALLOW_EVICTION)`);
  }
  if ((settings.appendonly !== null || settings.save !== null) && !persistenceOn(settings)) {
    log.warn(
      { appendonly: settings.appendonly, save: settings.save },
      "Redis persistence is off (appendonly no, no save schedule): a Redis restart loses delayed and waiting jobs; turn on appendonly",
    );
  }
  return settings;
}

import type { Redis } from "ioredis";

/**
 * A tenant's send rate as evenly spaced slots (one every 60/rate seconds), kept in Redis so every
 * worker process shares it: returns the time the caller may send. Sends spread instead of bursting
 * at the top of each minute, which a fixed window would allow.
 */
const TAKE_SLOT = `
local next = tonumber(redis.call('GET', KEYS[1]) or '0')
local now = tonumber(ARGV[1])
local gap = tonumber(ARGV[2])
local slot = math.max(now, next)
redis.call('SET', KEYS[1], slot + gap, 'PX', math.floor(slot + gap - now + 60000))
return slot`;

export async function takeSendSlot(redis: Redis, prefix: string, tenantId: string, perMinute: number, nowMs: number): Promise<number> {
  const gap = 60_000 / perMinute;
  const slot = await redis.eval(TAKE_SLOT, 1, `${prefix}:nurture-rate:${tenantId}`, String(nowMs), String(gap));
  return Number(slot);
}

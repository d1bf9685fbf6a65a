import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { alive, sleep, startCluster, startWorkerProc, waitUntil, type Cluster, type Proc } from "./support.ts";

/**
 * Scenario 9: three worker processes, each running the node-cron schedules. A tick enqueues a job
 * whose id names the time slot, so however many processes tick, one job runs per slot. Counted in
 * BullMQ's own event streams: per slot job, one "added", the other processes' attempts
 * "duplicated", one "completed".
 */
let c: Cluster;
let workers: Proc[] = [];
let redis: Redis;

beforeAll(async () => {
  c = await startCluster();
  redis = new Redis(c.redis.url);
});
afterAll(async () => {
  redis?.disconnect();
  await c?.close();
});

/** The queues the schedules feed, and the slot job ids seen in their event streams since `sinceMs`. */
const QUEUES = ["maintenance", "webhooks", "notifications", "assignment"];
const SLOT_JOB = /^[a-z-]+-\d+$/;

interface SlotCount {
  queue: string;
  jobId: string;
  first: number;
  added: number;
  duplicated: number;
  active: number;
  completed: number;
}

async function slotCounts(): Promise<SlotCount[]> {
  const out = new Map<string, SlotCount>();
  for (const q of QUEUES) {
    const entries = (await redis.xrange(`${c.prefix}:${q}:events`, "-", "+")) as [string, string[]][];
    for (const [id, fields] of entries) {
      const f: Record<string, string> = {};
      for (let i = 0; i < fields.length; i += 2) f[fields[i]] = fields[i + 1];
      if (!f.jobId || !SLOT_JOB.test(f.jobId)) continue;
      const key = `${q}/${f.jobId}`;
      const s = out.get(key) ?? {
        queue: q,
        jobId: f.jobId,
        first: Number(id.split("-")[0]),
        added: 0,
        duplicated: 0,
        active: 0,
        completed: 0,
      };
      if (f.event === "added" || f.event === "duplicated" || f.event === "active" || f.event === "completed") s[f.event]++;
      out.set(key, s);
    }
  }
  return [...out.values()];
}

describe("schedules with three worker processes", () => {
  it("when three workers tick, then each schedule's job runs once per slot, not three times", async () => {
    workers = await Promise.all([1, 2, 3].map((n) => startWorkerProc(c, `worker-${n}`)));
    // Slots that began before the last worker was up may have had fewer than three tickers.
    const ready = Date.now();
    await sleep(1000);
    const settled = (s: SlotCount) => s.first >= ready + 1000 && s.completed > 0;
    const took = await waitUntil(
      async () => {
        const done = (await slotCounts()).filter(settled);
        return (
          done.filter((s) => s.jobId.startsWith("sweep-")).length >= 2 && done.filter((s) => s.jobId.startsWith("webhooks-")).length >= 4
        );
      },
      60_000,
      async () => JSON.stringify(await slotCounts()),
    );
    // A late tick of a slow process, after the run completed, must still find its slot taken.
    await sleep(3000);
    const slots = (await slotCounts()).filter((s) => s.first >= ready + 1000 && s.first < Date.now() - 3000);
    const byKind = new Map<string, SlotCount[]>();
    for (const s of slots) {
      const kind = s.jobId.replace(/-\d+$/, "");
      byKind.set(kind, [...(byKind.get(kind) ?? []), s]);
    }
    for (const [kind, list] of byKind) {
      const ticks = list.map((s) => s.added + s.duplicated);
      const runs = list.map((s) => s.completed);
      console.log(`  ${kind}: ${list.length} slots, enqueue attempts per slot ${ticks.join("/")}, runs per slot ${runs.join("/")}`);
    }
    console.log(`  three workers, ${slots.length} slots observed over ${((took + 4000) / 1000).toFixed(1)} s`);

    expect(slots.filter((s) => s.jobId.startsWith("sweep-")).length).toBeGreaterThanOrEqual(2);
    for (const s of slots) {
      // Every process ticked (three attempts), one job was made and it ran once.
      expect({ jobId: s.jobId, added: s.added, attempts: s.added + s.duplicated, active: s.active, completed: s.completed }).toEqual({
        jobId: s.jobId,
        added: 1,
        attempts: 3,
        active: 1,
        completed: 1,
      });
    }
    expect(workers.every(alive)).toBe(true);
  });
});

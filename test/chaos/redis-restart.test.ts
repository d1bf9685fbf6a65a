import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import {
  alive,
  createTenant,
  sleep,
  startApi,
  startCluster,
  startWorkerProc,
  steadyIngestion,
  waitUntil,
  type Cluster,
  type PostResult,
  type Proc,
  type Tenant,
} from "./support.ts";

/**
 * Scenario 3: the private Redis restarted under steady ingestion (POST /ingest/leads from a few
 * clients without pause). The lead and its inbound event are committed in PostgreSQL before the
 * 202, so every request answers 202 (or 503 with Retry-After), never a 500; the backlog drains
 * within 60 s of Redis returning. Then again with Redis coming back empty: the inbound sweeper
 * (core/intake/sweep.ts, run by jobs/maintenance/sweep-inbound.job.ts) re-enqueues what Redis lost.
 */
const DOWN_MS = 5000;
const CLIENTS = 4;

let c: Cluster;
let api: { p: Proc; url: string };
let tenant: Tenant;
let workers: Proc[] = [];

beforeAll(async () => {
  c = await startCluster({ persist: true, env: { SWEEP_AFTER_SECONDS: "5" } });
  api = await startApi(c);
  tenant = await createTenant(c, api.url);
  workers = await Promise.all([startWorkerProc(c, "worker-1"), startWorkerProc(c, "worker-2")]);
}, 120_000);
afterAll(async () => {
  for (const w of workers) if (alive(w)) w.child.kill("SIGCONT");
  await c?.close();
});

async function waitingCount(ids: string[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < ids.length; i += 5000) {
    const [{ count }] = await c
      .db("inbound_events")
      .whereIn("id", ids.slice(i, i + 5000))
      .whereNot("status", "done")
      .count<{ count: string }[]>({ count: "*" });
    n += Number(count);
  }
  return n;
}

function checkAnswers(answers: PostResult[]) {
  const bad = answers.filter((a) => a.status !== 202 && !(a.status === 503 && a.retryAfter));
  expect(bad.slice(0, 5)).toEqual([]);
  return { accepted: answers.filter((a) => a.status === 202).length, unavailable: answers.filter((a) => a.status === 503).length };
}

async function drain(answers: PostResult[], back: number) {
  const ids = answers.filter((a) => a.status === 202).map((a) => a.id!);
  await waitUntil(
    async () => (await waitingCount(ids)) === 0,
    60_000 - (Date.now() - back),
    async () => `${await waitingCount(ids)} of ${ids.length} still waiting`,
    250,
  );
  const drainedMs = Date.now() - back;
  // 0 acknowledged leads lost: each 202 is a done event with its lead.
  const [{ n }] = await c
    .db("inbound_events")
    .whereIn("id", ids.slice(0, 30_000))
    .where("status", "done")
    .whereNotNull("lead_id")
    .count<{ n: string }[]>({ n: "*" });
  expect(Number(n)).toBe(Math.min(ids.length, 30_000));
  return drainedMs;
}

describe("Redis restarted during steady ingestion", () => {
  it("when Redis restarts (data kept), then every request answers 202 or 503 + Retry-After and the backlog drains within 60 s", async () => {
    const load = steadyIngestion(api.url, tenant.apiKey, randomBytes(3).toString("hex"), CLIENTS);
    await sleep(3000);
    const down = Date.now();
    await c.redis.stop();
    await sleep(DOWN_MS);
    await c.redis.start();
    const back = Date.now();
    await sleep(3000);
    const answers = await load.stop();
    const during = answers.filter((a) => a.at >= down && a.at <= back);
    const counts = checkAnswers(answers);
    expect(during.length).toBeGreaterThan(0);
    const drainedMs = await drain(answers, back);
    expect(workers.every(alive) && alive(api.p)).toBe(true);
    console.log(
      `  restart (AOF kept): ${answers.length} requests, ${counts.accepted} × 202, ${counts.unavailable} × 503, 0 × 5xx other; ${during.length} answered while Redis was down for ${((back - down) / 1000).toFixed(1)} s`,
    );
    console.log(`  backlog drained ${(drainedMs / 1000).toFixed(1)} s after Redis returned`);
  });

  it("when Redis comes back empty, then the sweeper re-enqueues what it lost and the backlog still drains within 60 s", async () => {
    const load = steadyIngestion(api.url, tenant.apiKey, randomBytes(3).toString("hex"), CLIENTS);
    // The workers frozen for a while: a backlog of queued jobs builds up, which Redis is about to lose.
    for (const w of workers) w.child.kill("SIGSTOP");
    await sleep(3000);
    const [{ n: queued }] = await c
      .db("inbound_events")
      .where({ tenant_id: tenant.tenantId, status: "received" })
      .count<{ n: string }[]>({ n: "*" });
    const down = Date.now();
    await c.redis.stop();
    for (const w of workers) w.child.kill("SIGCONT");
    await sleep(DOWN_MS);
    await c.redis.start({ wipe: true });
    const back = Date.now();
    await sleep(3000);
    const answers = await load.stop();
    const counts = checkAnswers(answers);
    expect(Number(queued)).toBeGreaterThan(0);
    const drainedMs = await drain(answers, back);
    expect(workers.every(alive) && alive(api.p)).toBe(true);
    console.log(
      `  restart empty: ${answers.length} requests, ${counts.accepted} × 202, ${counts.unavailable} × 503; ${queued} events queued when Redis lost its data (Redis down ${((back - down) / 1000).toFixed(1)} s)`,
    );
    console.log(
      `  backlog drained ${(drainedMs / 1000).toFixed(1)} s after Redis returned empty (sweeper: SWEEP_AFTER_SECONDS=5, every 15 s)`,
    );
  });
});

import { afterAll, beforeAll, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { readdirSync } from "node:fs";
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
  type Proc,
  type Tenant,
} from "./support.ts";

/**
 * Scenario 4: the machine's PostgreSQL stopped for 20 s under steady ingestion, then started again.
 * While it is down every request answers fast (503 with Retry-After, no hang over 2 s); the api and
 * workers stay up; within 10 s of its return requests are accepted again; every lead acknowledged
 * before, during or after ends done. This stops the shared server: the chaos suite runs alone.
 */
const DOWN_MS = 20_000;
const cluster = readdirSync("/etc/postgresql")[0];
// Not execFileSync: a blocked event loop here would stall the load's own requests and count as the api's latency.
const pgctl = (action: "stop" | "start") =>
  promisify(execFile)("pg_ctlcluster", [
    "--skip-systemctl-redirect",
    cluster,
    "main",
    action,
    ...(action === "stop" ? ["-m", "fast"] : []),
  ]);

let c: Cluster;
let api: { p: Proc; url: string };
let tenant: Tenant;
let workers: Proc[] = [];

beforeAll(async () => {
  c = await startCluster();
  api = await startApi(c);
  tenant = await createTenant(c, api.url);
  workers = await Promise.all([startWorkerProc(c, "worker-1"), startWorkerProc(c, "worker-2")]);
}, 120_000);
afterAll(async () => {
  // Whatever happened above, the machine's database is left running.
  await pgctl("start").catch(() => {}); // already running
  await c?.close();
});

it("when PostgreSQL stops for 20 s, then answers are fast 503s, nothing exits, 202s return within 10 s and every acknowledged lead is processed", async () => {
  const load = steadyIngestion(api.url, tenant.apiKey, randomBytes(3).toString("hex"), 4);
  await sleep(3000);
  const down = Date.now();
  await pgctl("stop");
  await sleep(DOWN_MS);
  await pgctl("start");
  const back = Date.now();
  await sleep(12_000);
  const answers = await load.stop();

  const during = answers.filter((a) => a.at > down + 1000 && a.at < back);
  const bad = answers.filter((a) => a.status !== 202 && !(a.status === 503 && a.retryAfter));
  expect(bad.slice(0, 5)).toEqual([]);
  expect(during.length).toBeGreaterThan(0);
  const slowest = Math.max(...during.map((a) => a.ms));
  expect(slowest).toBeLessThan(2000);
  const firstAccepted = answers.filter((a) => a.at > back && a.status === 202).sort((a, b) => a.at - b.at)[0];
  expect(firstAccepted).toBeDefined();
  expect(firstAccepted.at - back).toBeLessThan(10_000);
  expect(workers.every(alive) && alive(api.p)).toBe(true);

  // 0 acknowledged leads lost: each 202 ends a done event with its lead (jobs that failed while the database was away retried).
  const ids = answers.filter((a) => a.status === 202).map((a) => a.id!);
  const waiting = async () =>
    Number(
      (
        await c
          .db("inbound_events")
          .whereIn("id", ids)
          .where((q) => q.whereNot("status", "done").orWhereNull("lead_id"))
          .count<{ n: string }[]>({ n: "*" })
      )[0].n,
    );
  const drainedMs = await waitUntil(
    async () => (await waiting().catch(() => -1)) === 0,
    90_000,
    async () => `${await waiting()} of ${ids.length} not done`,
    500,
  );
  console.log(
    `  PostgreSQL down ${((back - down) / 1000).toFixed(1)} s: ${answers.length} requests, ${ids.length} × 202, ${answers.filter((a) => a.status === 503).length} × 503, 0 other;` +
      ` slowest answer while down ${slowest} ms; first 202 ${((firstAccepted.at - back) / 1000).toFixed(1)} s after it returned; every acknowledged lead done ${(drainedMs / 1000).toFixed(1)} s after that`,
  );
}, 240_000);

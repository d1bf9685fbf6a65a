/**
 * Pipeline latency, 202 → assigned, with the API and one worker process running together on a
 * fresh tenant with the same rules as the drain: first lone leads (one at a time, the worker idle
 * between them), then an open-loop load at a given rate (half the drain's capacity) for a while.
 * A lead counts as assigned when its event is done (the lead, its score and owner commit with it);
 * events are polled every POLL_MS by id, so each latency is late by up to that much.
 */
import { createTenantAndPartner, killTree, leadBody, leadhubEnv, sleep, spawnTs, startServer, withPrefix, type BenchEnv } from "./lib.ts";
import { seedRules } from "./rules.ts";

const POLL_MS = 10;
const LONE = 20;

export interface Latency {
  lone: { p50: number; max: number };
  load: { rate: number; offered: number; p50: number; p99: number; max: number; seconds: number };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

export async function pipelineLatency(runEnv: BenchEnv, rate: number, seconds: number, rules: boolean): Promise<Latency> {
  const env = withPrefix(runEnv, "latency");
  const t = await createTenantAndPartner(env, "latency");
  if (rules) await seedRules(env.db, t.tenantId);
  const api = await startServer("leadhub api", "bench/servers/leadhub-api.ts", leadhubEnv(env));
  const worker = spawnTs("worker", "bench/servers/worker.ts", leadhubEnv(env), { stdin: true });
  try {
    await worker.waitForLine(/^ready$/, 60_000);
    worker.child.stdin!.write("go\n");
    await worker.waitForLine(/^started$/, 60_000);
    const post = async () => {
      const res = await fetch(`${api.url}/ingest/leads`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${t.apiKey}` },
        body: leadBody(),
      });
      if (res.status !== 202) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
      return { id: ((await res.json()) as { id: string }).id, at: performance.now() };
    };
    // Waits for these events to be done; answers each one's latency from its 202, in ms.
    const pending = new Map<string, number>();
    const latencies: number[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling || pending.size) {
        if (pending.size) {
          const ids = [...pending.keys()];
          const { rows } = await env.db.raw("SELECT id FROM inbound_events WHERE id = ANY(?::uuid[]) AND status IN ('done', 'failed')", [
            ids,
          ]);
          const now = performance.now();
          for (const { id } of rows as { id: string }[]) {
            latencies.push(now - pending.get(id)!);
            pending.delete(id);
          }
        }
        await sleep(POLL_MS);
      }
    })();

    // Lone leads: each posted when the one before is assigned and the worker has been idle a moment.
    for (let i = 0; i < LONE + 3; i++) {
      const { id, at } = await post();
      pending.set(id, at);
      while (pending.has(id)) await sleep(2);
      await sleep(200);
    }
    const lone = latencies.splice(0).slice(3); // the first few warm the worker's caches and connections

    // Open loop at `rate`: requests go out on schedule whether or not earlier ones are done.
    const started = performance.now();
    let sent = 0;
    const inFlight: Promise<void>[] = [];
    while (performance.now() - started < seconds * 1000) {
      const due = Math.floor(((performance.now() - started) / 1000) * rate);
      for (; sent < due; sent++) inFlight.push(post().then(({ id, at }) => void pending.set(id, at)));
      await sleep(5);
    }
    await Promise.all(inFlight);
    const offered = sent / ((performance.now() - started) / 1000);
    polling = false;
    const deadline = performance.now() + 60_000;
    while (pending.size && performance.now() < deadline) await sleep(50);
    const lost = pending.size;
    pending.clear();
    await poller;
    if (lost) throw new Error(`${lost} leads were not assigned within a minute of the load's end`);
    const l = latencies;
    return {
      lone: { p50: pct(lone, 50), max: Math.max(...lone) },
      load: { rate, offered, p50: pct(l, 50), p99: pct(l, 99), max: Math.max(...l), seconds },
    };
  } finally {
    await killTree(worker);
    await killTree(api.p);
  }
}

/**
 * Pipeline latency, 202 → assigned, with the API and one worker process running together on a
 * fresh tenant with the same rules as the drain: first lone leads (one at a time, the worker idle
 * between them), then an open-loop load at a given rate (half the drain's capacity) for a while.
 * A lead counts as assigned when its event's transaction commits (the lead, its score and owner
 * commit with it): a trigger in this bench's own database notifies when an event turns done, and
 * PostgreSQL delivers notifications at commit, so nothing polls the database while it is measured.
 */
import pg from "pg";
import {
  createTenantAndPartner,
  killTree,
  leadBody,
  leadhubEnv,
  sleep,
  spawnWorker,
  startServer,
  withPrefix,
  type BenchEnv,
} from "./lib.ts";
import { seedRules } from "./rules.ts";

const LONE = 20;

export interface Latency {
  lone: { p50: number; max: number };
  load: { rate: number; offered: number; p50: number; p99: number; max: number; seconds: number };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

/** Commit times of events as PostgreSQL announces them, and the latency of each from its 202. */
async function commitClock(env: BenchEnv) {
  await env.db.raw(`CREATE OR REPLACE FUNCTION bench_event_done() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM pg_notify('bench_event_done', NEW.id::text); RETURN NULL; END $$`);
  await env.db.raw(`CREATE OR REPLACE TRIGGER bench_event_done AFTER UPDATE OF status ON inbound_events FOR EACH ROW
    WHEN (NEW.status IN ('done', 'failed') AND OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION bench_event_done()`);
  const listener = new pg.Client({ connectionString: env.databaseUrl });
  await listener.connect();
  const committed = new Map<string, number>();
  const answered = new Map<string, number>();
  const latencies: number[] = [];
  // Whichever comes second, the commit or the 202, closes the measurement (a 202 read after the commit counts 0).
  const close = (id: string) => {
    const [c, a] = [committed.get(id), answered.get(id)];
    if (c === undefined || a === undefined) return;
    latencies.push(Math.max(0, c - a));
    committed.delete(id);
    answered.delete(id);
  };
  listener.on("notification", (n) => {
    committed.set(n.payload!, performance.now());
    close(n.payload!);
  });
  await listener.query("LISTEN bench_event_done");
  return {
    answered(id: string) {
      answered.set(id, performance.now());
      close(id);
    },
    /** Latencies measured so far, taken out. */
    take: () => latencies.splice(0),
    waiting: () => answered.size,
    close: () => listener.end(),
  };
}

export async function pipelineLatency(runEnv: BenchEnv, rate: number, seconds: number, rules: boolean): Promise<Latency> {
  const env = withPrefix(runEnv, "latency");
  const t = await createTenantAndPartner(env, "latency");
  if (rules) await seedRules(env.db, t.tenantId);
  const clock = await commitClock(env);
  const api = await startServer("leadhub api", "bench/servers/leadhub-api.ts", leadhubEnv(env));
  const worker = spawnWorker("worker", leadhubEnv(env));
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
      clock.answered(((await res.json()) as { id: string }).id);
    };

    // Lone leads: each posted when the one before is assigned and the worker has been idle a moment.
    for (let i = 0; i < LONE + 3; i++) {
      await post();
      while (clock.waiting()) await sleep(2);
      await sleep(200);
    }
    const lone = clock.take().slice(3); // the first few warm the worker's caches and connections

    // Open loop at `rate`: requests go out on schedule whether or not earlier ones are done.
    const started = performance.now();
    let sent = 0;
    const inFlight: Promise<void>[] = [];
    while (performance.now() - started < seconds * 1000) {
      const due = Math.floor(((performance.now() - started) / 1000) * rate);
      for (; sent < due; sent++) inFlight.push(post());
      await sleep(5);
    }
    await Promise.all(inFlight);
    const offered = sent / ((performance.now() - started) / 1000);
    const deadline = performance.now() + 60_000;
    while (clock.waiting() && performance.now() < deadline) await sleep(50);
    if (clock.waiting()) throw new Error(`${clock.waiting()} leads were not assigned within a minute of the load's end`);
    const l = clock.take();
    return {
      lone: { p50: pct(lone, 50), max: Math.max(...lone) },
      load: { rate, offered, p50: pct(l, 50), p99: pct(l, 99), max: Math.max(...l), seconds },
    };
  } finally {
    await clock.close();
    await killTree(worker);
    await killTree(api.p);
  }
}

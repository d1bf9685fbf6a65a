/**
 * Pipeline latency, 202 → assigned, with the API and one worker process running together, tenants
 * with the same rules as the drain. First the pipeline's capacity: more load than the two can take
 * together on one tenant, the leads assigned per second counted while a backlog builds (this is
 * also the processes' warm-up). Then, on a fresh tenant, lone leads (one at a time, the worker idle
 * between them) and an open-loop load at half that capacity, measured.
 * A lead counts as assigned when its event's transaction commits (the lead, its score and owner
 * commit with it): a trigger in this bench's own database notifies when an event turns done, and
 * PostgreSQL delivers notifications at commit, so nothing polls the database while it is measured.
 */
import http from "node:http";
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
import { cpuSnapshot, cpuSplit } from "./observe.ts";

const LONE = 20;
/** The capacity run: seconds of load, and the first seconds left out of its count (the processes start cold). */
const CAPACITY = { seconds: 15, skip: 5 };

export interface Latency {
  /** What the API and the worker assigned together under more load than that, leads/s: the pipeline's capacity. */
  capacity: { offered: number; assigned: number; seconds: number; counted: number };
  lone: { p50: number; max: number };
  /** The load measured: a new tenant, the processes warm. */
  load: Load;
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
  const commits: number[] = [];
  // Whichever comes second, the commit or the 202, closes the measurement (a 202 read after the commit counts 0).
  const close = (id: string) => {
    const [c, a] = [committed.get(id), answered.get(id)];
    if (c === undefined || a === undefined) return;
    latencies.push(Math.max(0, c - a));
    committed.delete(id);
    answered.delete(id);
  };
  listener.on("notification", (n) => {
    const at = performance.now();
    commits.push(at);
    committed.set(n.payload!, at);
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
    /** Commits between two instants (performance.now()). */
    commitsBetween: (from: number, to: number) => commits.filter((t) => t >= from && t < to).length,
    waiting: () => answered.size,
    close: () => listener.end(),
  };
}

/** Latencies of one open-loop load: its p50, p99 and max, and what the cores did meanwhile. */
export interface Load {
  offered: number;
  p50: number;
  p99: number;
  max: number;
  seconds: number;
  cpu: Record<string, number>;
}

/**
 * `overload`: a rate above what the API and the worker can do together (what one worker drains
 * with the API idle); `rate`: the measured load's, by default half of the capacity found.
 */
export async function pipelineLatency(
  runEnv: BenchEnv,
  o: { overload: number; rate?: number; seconds: number; rules: boolean },
): Promise<Latency> {
  const env = withPrefix(runEnv, "latency");
  const [t, warm] = [await createTenantAndPartner(env, "latency"), await createTenantAndPartner(env, "latency-warm-up")];
  if (o.rules) await Promise.all([seedRules(env.db, t.tenantId), seedRules(env.db, warm.tenantId)]);
  const clock = await commitClock(env);
  const api = await startServer("leadhub api", "bench/servers/leadhub-api.ts", leadhubEnv(env));
  const worker = spawnWorker("worker", leadhubEnv(env));
  // node:http with kept-alive sockets, not fetch: fetch cost the generator ~1 ms of CPU a request,
  // 0.3 of the two cores the pipeline under test runs on at 290 leads/s (0.12–0.17 now).
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  try {
    await worker.waitForLine(/^ready$/, 60_000);
    worker.child.stdin!.write("go\n");
    await worker.waitForLine(/^started$/, 60_000);
    const post = (apiKey: string) =>
      new Promise<void>((resolve, reject) => {
        const headers = { "content-type": "application/json", authorization: `Bearer ${apiKey}` };
        const req = http.request(`${api.url}/ingest/leads`, { method: "POST", agent, headers }, (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (text += chunk));
          res.on("end", () => {
            if (res.statusCode !== 202) return reject(new Error(`ingest answered ${res.statusCode}: ${text}`));
            clock.answered((JSON.parse(text) as { id: string }).id);
            resolve();
          });
        });
        req.on("error", reject);
        req.end(leadBody());
      });

    // Open loop at `rate`: requests go out on schedule whether or not earlier ones are done.
    const groups = { api: api.p.child.pid!, worker: worker.child.pid! };
    const openLoop = async (apiKey: string, rate: number, forSeconds: number): Promise<Load> => {
      const cpuAt = cpuSnapshot(groups, env.dbName);
      const started = performance.now();
      let sent = 0;
      const inFlight: Promise<void>[] = [];
      while (performance.now() - started < forSeconds * 1000) {
        const due = Math.floor(((performance.now() - started) / 1000) * rate);
        for (; sent < due; sent++) inFlight.push(post(apiKey));
        await sleep(5);
      }
      await Promise.all(inFlight);
      const offered = sent / ((performance.now() - started) / 1000);
      const deadline = performance.now() + 60_000;
      while (clock.waiting() && performance.now() < deadline) await sleep(50);
      if (clock.waiting()) throw new Error(`${clock.waiting()} leads were not assigned within a minute of the load's end`);
      const cpu = cpuSplit(cpuAt, cpuSnapshot(groups, env.dbName));
      const l = clock.take();
      return { offered, p50: pct(l, 50), p99: pct(l, 99), max: Math.max(...l), seconds: forSeconds, cpu };
    };

    // The capacity, and the processes' warm-up: on another tenant, more than the two can do; the
    // assigned leads are counted after the first seconds, while a backlog keeps the worker busy.
    const t0 = performance.now();
    const over = await openLoop(warm.apiKey, o.overload, CAPACITY.seconds);
    const counted = CAPACITY.seconds - CAPACITY.skip;
    const assigned = clock.commitsBetween(t0 + CAPACITY.skip * 1000, t0 + CAPACITY.seconds * 1000) / counted;
    const capacity = { offered: over.offered, assigned, seconds: CAPACITY.seconds, counted };
    await sleep(2000);

    // Lone leads: each posted when the one before is assigned and the worker has been idle a moment.
    for (let i = 0; i < LONE + 3; i++) {
      await post(t.apiKey);
      while (clock.waiting()) await sleep(2);
      await sleep(200);
    }
    const lone = clock.take().slice(3); // the first few warm the worker's caches and connections

    const load = await openLoop(t.apiKey, o.rate || Math.max(1, Math.round(assigned / 2)), o.seconds);
    return { capacity, lone: { p50: pct(lone, 50), max: Math.max(...lone) }, load };
  } finally {
    agent.destroy();
    await clock.close();
    await killTree(worker);
    await killTree(api.p);
  }
}

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { Queue, type Job } from "bullmq";
import { Redis } from "ioredis";
import { queueNames } from "../../core/queues.ts";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink.ts";
import {
  alive,
  createTenant,
  exitOf,
  postAll,
  sleep,
  startApi,
  startCluster,
  startWorkerProc,
  uniqueLead,
  waitUntil,
  type Cluster,
  type Proc,
  type Tenant,
} from "./support.ts";

/**
 * Scenario 2: a deploy sends SIGTERM to a worker while it has jobs in flight (intake, and nurture
 * sends held up by a slow mail server). The jobs it holds finish, it leaves nothing active or
 * stalled in BullMQ, and it exits by itself (code 0) within 60 s.
 */
const LEADS = 300;
/** The mail server answers each message after this long: sends are in flight when the signal comes. */
const SMTP_DELAY_MS = 1000;

let c: Cluster;
let api: { p: Proc; url: string };
let tenant: Tenant;
let sink: SmtpSink;
let connection: Redis;
let queues: Queue[] = [];
/** Slow only until the victim has exited: the next worker drains at full speed. */
let slow = true;

beforeAll(async () => {
  sink = await startSmtpSink({ beforeAnswer: async () => void (slow && (await sleep(SMTP_DELAY_MS))) });
  c = await startCluster({ env: { SMTP_URL: sink.url, SWEEP_AFTER_SECONDS: "5" } });
  api = await startApi(c);
  tenant = await createTenant(c, api.url);
  connection = new Redis(c.redis.url, { maxRetriesPerRequest: null });
  queues = queueNames.map((name) => new Queue(name, { connection, prefix: c.prefix }));
}, 120_000);
afterAll(async () => {
  await Promise.all(queues.map((q) => q.close()));
  connection?.disconnect();
  await c?.close();
  await sink?.close();
});

const activeJobs = async () => (await Promise.all(queues.map((q) => q.getActive()))).flat();

async function streamEvents(): Promise<{ queue: string; at: number; event: string; jobId: string }[]> {
  const out = [];
  for (const queue of queueNames) {
    const entries = (await connection.xrange(`${c.prefix}:${queue}:events`, "-", "+")) as [string, string[]][];
    for (const [id, fields] of entries) {
      const f: Record<string, string> = {};
      for (let i = 0; i < fields.length; i += 2) f[fields[i]] = fields[i + 1];
      out.push({ queue, at: Number(id.split("-")[0]), event: f.event, jobId: f.jobId });
    }
  }
  return out;
}

/** Each job's first "completed" or "failed" event, by queue/jobId. */
async function finishedEvents() {
  const out = new Map<string, { event: string; at: number }>();
  for (const e of await streamEvents()) {
    const key = `${e.queue}/${e.jobId}`;
    if ((e.event === "completed" || e.event === "failed") && !out.has(key)) out.set(key, { event: e.event, at: e.at });
  }
  return out;
}

const stalledEvents = async () => (await streamEvents()).filter((e) => e.event === "stalled").map((e) => `${e.queue}/${e.jobId}`);

describe("a worker stopped with SIGTERM (a deploy) while jobs are in flight", () => {
  it("when signalled, then the jobs it holds finish, nothing is left active or stalled, and it exits 0 within 60 s", async () => {
    const runTag = randomBytes(3).toString("hex");
    const source = `chaos-deploy-${runTag}`;
    const seq = await tenant.call("POST", "/sequences", {
      name: `Deploy ${runTag}`,
      enrol_rule: { trigger: "created", condition: { all: [{ field: "source", op: "eq", value: source }] } },
      steps: [{ type: "email", subject: "Hello {{ lead.first_name }}", body_text: "Thanks." }],
    });
    const victim = await startWorkerProc(c, "worker-victim");
    const answers = await postAll(
      api.url,
      tenant.apiKey,
      Array.from({ length: LEADS }, (_, i) => uniqueLead(i, runTag, { source })),
      16,
    );
    expect(answers.filter((a) => a.status !== 202)).toEqual([]);

    // In flight: sends waiting on the slow mail server.
    await waitUntil(
      async () => (await activeJobs()).filter((j) => j.name === "nurture.step").length >= 5,
      60_000,
      async () => `${(await activeJobs()).length} active`,
      50,
    );
    const inFlight: Job[] = await activeJobs();
    const t0 = Date.now();
    victim.child.kill("SIGTERM");
    const exit = await exitOf(victim, 60_000);
    const exitedAt = Date.now();
    slow = false;

    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(60_000);
    expect(victim.printed(/shutting down/)).toBe(true);
    // Every job it held finished before it exited (BullMQ's event streams: nurture steps are removed once complete).
    const finished = await finishedEvents();
    const states = inFlight.map((j) => ({ id: j.id, finished: finished.get(`${j.queueName}/${j.id}`) ?? null }));
    expect(states.filter((s) => s.finished?.event !== "completed" || s.finished.at > exitedAt)).toEqual([]);
    expect(await activeJobs()).toHaveLength(0);
    const sends = inFlight.filter((j) => j.name === "nurture.step").map((j) => j.data.enrollmentId as string);
    const rows = await c.db("email_messages").whereIn("enrollment_id", sends).select("status");
    expect(rows.map((r) => r.status)).toEqual(sends.map(() => "sent"));

    // The next worker takes up the rest: nothing stalled, nothing sent twice, every lead done.
    const tNext = Date.now();
    const next = await startWorkerProc(c, "worker-next");
    const drainMs = await waitUntil(
      async () => {
        const [{ n }] = await c.db("enrollments").where({ sequence_id: seq.id, status: "completed" }).count<{ n: string }[]>({ n: "*" });
        return Number(n) === LEADS;
      },
      120_000,
      () => "enrolments not all completed",
    );
    await sleep(500);
    expect(await stalledEvents()).toEqual([]);
    const mails = sink.messages.filter((m) => String(Array.isArray(m.to) ? m.to[0]?.text : m.to?.text).includes(runTag));
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(LEADS);
    expect(mails).toHaveLength(LEADS);
    const statuses = await c
      .db("email_messages")
      .where("sequence_id", seq.id)
      .groupBy("status")
      .select("status", c.db.raw("count(*)::int as n"));
    expect(statuses).toEqual([{ status: "sent", n: LEADS }]);
    expect(alive(next) && alive(api.p)).toBe(true);

    console.log(
      `  SIGTERM with ${inFlight.length} jobs in flight (${sends.length} sends on a mail server answering after ${SMTP_DELAY_MS} ms)`,
    );
    console.log(
      `  exited ${exit.code} after ${(exit.ms / 1000).toFixed(1)} s (signal at +0, ${((exitedAt - t0) / 1000).toFixed(1)} s); in-flight jobs completed ${inFlight.length}/${inFlight.length}; stalled 0`,
    );
    console.log(
      `  the next worker started in ${((Date.now() - tNext - drainMs) / 1000).toFixed(1)} s and finished the other ${LEADS - sends.length} sends in ${(drainMs / 1000).toFixed(1)} s`,
    );
  });
});

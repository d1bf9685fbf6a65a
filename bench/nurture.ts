/**
 * Figures 8 — nurture. (a) Emails per second from enrolments to a local SMTP sink with the send rate
 * unlimited: N one-email enrolments are queued with no worker running, then one worker process
 * drains them (claim in PostgreSQL, render, SMTP, confirm, advance); beside it, in the same run and
 * against the same sink, nodemailer sends the same messages from a bare loop (one at a time, and
 * with as many in flight as its pool has connections). (b) Lateness of due steps with 100,000
 * enrolments active: 10,000 sends fall due evenly over two minutes (BENCH_NURTURE_WINDOW_S) while 90,000 others wait days
 * ahead; p50/p99/max of (sent − due). Beside it, the raw stack: BullMQ no-op delayed jobs on the
 * same schedule, among as many others delayed.
 */
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import nodemailer from "nodemailer";
import { Queue, Worker, type Job } from "bullmq";
import { Redis } from "ioredis";
import { createQueues, producerConnection } from "../core/queues.ts";
import { scheduleSteps } from "../core/nurture/schedule.ts";
import { systemClock } from "../core/clock.ts";
import type { DueStep } from "../core/nurture/enrol.ts";
import {
  createTenantAdmin,
  fmt,
  killTree,
  leadhubEnv,
  ratio,
  sleep,
  spawnWorker,
  table,
  withPrefix,
  type BenchEnv,
  type BenchReport,
} from "./lib.ts";
import { cpuSnapshot, cpuSplit, formatSplit, waitForQuiet } from "./observe.ts";
import { monoMicros, profileArgs, profiling, summariseProfile } from "./profile.ts";

const N = Number(process.env.BENCH_NURTURE_N ?? 5_000);
const ACTIVE = Number(process.env.BENCH_NURTURE_ACTIVE ?? 100_000);
const DUE = Number(process.env.BENCH_NURTURE_DUE ?? 10_000);
/** 10,000 over two minutes is about half of what one worker sends a second: lateness from scheduling, not from a saturated worker. */
const WINDOW_MS = Number(process.env.BENCH_NURTURE_WINDOW_S ?? 120) * 1000;
const POOL = 5;
/** The worker's jobs at a time (WORKER_CONCURRENCY) when set; by default the worker's own default, as `npm start` runs it. */
const CONCURRENCY = process.env.BENCH_NURTURE_WORKER_CONCURRENCY;
const workerEnv = (env: BenchEnv, sinkUrl: string) =>
  leadhubEnv(env, { SMTP_URL: sinkUrl, PUBLIC_URL: "https://leads.example.com", ...(CONCURRENCY && { WORKER_CONCURRENCY: CONCURRENCY }) });

/** An SMTP server that accepts and counts (no parsing: the sink must not be what is measured). */
async function startCountingSink() {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, _s, done) {
      stream.on("end", () => (received++, done()));
      stream.resume();
    },
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    count: () => received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const STEP = {
  type: "email",
  subject: "{{ lead.first_name }}, your brochure for {{ company.name }}",
  body_text:
    "Hi {{ lead.first_name }},\n\nThanks for asking about {{ lead.product_interest | default: 'our projects' }}. The brochure is attached as a link below.\n\n{{ owner.name | default: 'The sales team' }}",
  body_html:
    "<p>Hi {{ lead.first_name }},</p><p>Thanks for asking about <b>{{ lead.product_interest | default: 'our projects' }}</b>. <a href=\"https://example.com/brochure\">The brochure</a>.</p><p>{{ owner.name | default: 'The sales team' }}</p>",
};

/** A tenant with `count` leads and a one-step sequence; answers its ids. */
async function seed(env: BenchEnv, label: string, count: number, step: object = STEP) {
  const admin = await createTenantAdmin(env, label);
  const [seq] = await env
    .db("sequences")
    .insert({ tenant_id: admin.tenantId, name: `Bench ${label}`, version: 1 })
    .returning("id");
  await env.db("sequence_steps").insert({ tenant_id: admin.tenantId, sequence_id: seq.id, version: 1, step: 1, ...step });
  const { rows } = await env.db.raw(
    `INSERT INTO leads (tenant_id, lead_number, first_name, last_name, email, company, product_interest, source)
     SELECT ?, 'N-' || i, 'Lead' || i, 'Bench', 'lead' || i || '@bench-' || (i % 97) || '.example', 'Company ' || (i % 97), '3BHK apartment', 'bench'
     FROM generate_series(1, ?) i RETURNING id`,
    [admin.tenantId, count],
  );
  return { tenantId: admin.tenantId, sequenceId: seq.id as string, leadIds: rows.map((r: { id: string }) => r.id) as string[] };
}

/** Enrolments written in one statement, due at the given times, and their delayed jobs. */
async function enrol(env: BenchEnv, s: Awaited<ReturnType<typeof seed>>, dueAt: (i: number) => Date) {
  const due: DueStep[] = [];
  for (let i = 0; i < s.leadIds.length; i += 10_000) {
    const part = s.leadIds.slice(i, i + 10_000);
    const { rows } = await env.db.raw(
      `INSERT INTO enrollments (tenant_id, lead_id, sequence_id, sequence_version, next_run_at)
       SELECT ?, l.id, ?, 1, l.due FROM jsonb_to_recordset(?::jsonb) AS l(id uuid, due timestamptz) RETURNING id, next_run_at`,
      [s.tenantId, s.sequenceId, JSON.stringify(part.map((id, j) => ({ id, due: dueAt(i + j) })))],
    );
    due.push(
      ...rows.map((r: { id: string; next_run_at: Date }) => ({ tenantId: s.tenantId, enrollmentId: r.id, step: 1, runAt: r.next_run_at })),
    );
  }
  const connection = producerConnection(env.redisUrl);
  if (connection.status !== "ready") await new Promise((r) => connection.once("ready", r));
  const queues = createQueues(connection, env.prefix);
  await scheduleSteps(queues, systemClock, due);
  await queues.close();
  await queues.connection.quit();
}

const sentCount = async (env: BenchEnv, sequenceId: string) =>
  (await env.db("email_messages").where({ sequence_id: sequenceId, status: "sent" }).count<{ n: string }[]>({ n: "*" }))[0].n;

async function throughput(runEnv: BenchEnv, sinkUrl: string) {
  const env = withPrefix(runEnv, "nurture-rate");
  const s = await seed(env, "nurture-rate", N);
  await enrol(env, s, () => new Date(Date.now() - 1000));
  const prof = profiling() ? profileArgs() : null;
  const worker = spawnWorker("worker", workerEnv(env, sinkUrl), prof?.args);
  const window: [number, number] = [0, 0];
  try {
    await worker.waitForLine(/^ready/, 60_000);
    await waitForQuiet();
    window[0] = monoMicros();
    const a = cpuSnapshot({ worker: worker.child.pid! }, env.dbName);
    const t0 = performance.now();
    worker.child.stdin!.write("go\n");
    for (let last = -1, since = performance.now(); ; await sleep(100)) {
      const n = Number(await sentCount(env, s.sequenceId));
      if (n >= N) break;
      if (n !== last) [last, since] = [n, performance.now()];
      if (performance.now() - since > 60_000) throw new Error(`nurture sends stalled at ${n} of ${N}`);
    }
    const seconds = (performance.now() - t0) / 1000;
    window[1] = monoMicros();
    const cpu = cpuSplit(a, cpuSnapshot({ worker: worker.child.pid! }, env.dbName));
    const sample = await env
      .db("email_messages")
      .where("sequence_id", s.sequenceId)
      .first("to_address", "subject", "body_text", "body_html");
    return { seconds, rate: N / seconds, cpu, sample };
  } finally {
    await killTree(worker);
    if (prof) console.log(`      CPU profile of the worker: ${summariseProfile(prof.dir, ...window)}`);
  }
}

/** nodemailer alone: the same message N times, `inFlight` at a time, over a pooled transport like leadhub's. */
async function bareLoop(
  sinkUrl: string,
  sample: { to_address: string; subject: string; body_text: string; body_html: string },
  inFlight: number,
) {
  const transport = nodemailer.createTransport(`${sinkUrl}?pool=true&maxConnections=${POOL}`);
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next++ < N) {
        await transport.sendMail({
          from: "leadhub <no-reply@leadhub.local>",
          to: sample.to_address,
          subject: sample.subject,
          text: sample.body_text,
          html: sample.body_html,
          headers: { "List-Unsubscribe": "<https://leads.example.com/u/x>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
        });
      }
    }),
  );
  transport.close();
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, rate: N / seconds };
}

async function lateness(runEnv: BenchEnv, sinkUrl: string) {
  const env = withPrefix(runEnv, "nurture-late");
  const s = await seed(env, "nurture-late", ACTIVE);
  const worker = spawnWorker("worker", workerEnv(env, sinkUrl));
  try {
    await worker.waitForLine(/^ready/, 60_000);
    worker.child.stdin!.write("go\n");
    await worker.waitForLine(/^started/, 60_000);
    // Due ones first in the list, 20 s from now onwards; the rest three days out.
    const start = Date.now() + 20_000;
    const t0 = performance.now();
    await enrol(env, s, (i) => (i < DUE ? new Date(start + Math.floor((i * WINDOW_MS) / DUE)) : new Date(start + 3 * 86_400_000 + i)));
    const enrolSeconds = (performance.now() - t0) / 1000;
    if (Date.now() > start) console.log(`  warning: enrolling took ${enrolSeconds.toFixed(1)} s, past the first due time`);
    for (let last = -1, since = performance.now(); ; await sleep(500)) {
      const n = Number(await sentCount(env, s.sequenceId));
      if (n >= DUE) break;
      if (n !== last) [last, since] = [n, performance.now()];
      if (performance.now() - since > 60_000 && Date.now() > start + WINDOW_MS) throw new Error(`due sends stalled at ${n} of ${DUE}`);
    }
    const { rows } = await env.db.raw(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY l) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY l) AS p99, max(l) AS max,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY c) AS claim_p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY c) AS claim_p99
         FROM (SELECT extract(epoch FROM sent_at - due_at) AS l, extract(epoch FROM created_at - due_at) AS c FROM email_messages WHERE sequence_id = ? AND status = 'sent') x`,
      [s.sequenceId],
    );
    const active = (
      await env.db("enrollments").where({ sequence_id: s.sequenceId, status: "active" }).count<{ n: string }[]>({ n: "*" })
    )[0].n;
    return {
      p50: Number(rows[0].p50),
      p99: Number(rows[0].p99),
      max: Number(rows[0].max),
      claimP50: Number(rows[0].claim_p50),
      claimP99: Number(rows[0].claim_p99),
      enrolSeconds,
      stillActive: Number(active),
    };
  } finally {
    await killTree(worker);
  }
}

/** BullMQ alone: no-op delayed jobs on the same schedule among as many others, the lateness of the due ones. */
async function rawLateness(runEnv: BenchEnv) {
  const env = withPrefix(runEnv, "nurture-raw");
  const connection = new Redis(env.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue("raw-late", { connection, prefix: env.prefix });
  const lates: number[] = [];
  const worker = new Worker("raw-late", async (job: Job) => void lates.push(Date.now() - job.data.due), {
    connection: connection.duplicate(),
    prefix: env.prefix,
    concurrency: 32,
  });
  const start = Date.now() + 20_000;
  for (let i = 0; i < ACTIVE; i += 5_000) {
    await queue.addBulk(
      Array.from({ length: Math.min(5_000, ACTIVE - i) }, (_, j) => {
        const due = i + j < DUE ? start + Math.floor(((i + j) * WINDOW_MS) / DUE) : start + 3 * 86_400_000 + i + j;
        return { name: "step", data: { due }, opts: { jobId: `raw-${i + j}`, delay: due - Date.now(), removeOnComplete: true } };
      }),
    );
  }
  while (lates.length < DUE) await sleep(200);
  await worker.close();
  await queue.obliterate({ force: true }).catch(() => {});
  await queue.close();
  await connection.quit();
  lates.sort((a, b) => a - b);
  const q = (p: number) => lates[Math.min(lates.length - 1, Math.floor(p * lates.length))] / 1000;
  return { p50: q(0.5), p99: q(0.99), max: lates[lates.length - 1] / 1000 };
}

export async function benchNurture(env: BenchEnv): Promise<BenchReport> {
  console.log(
    `\n== nurture: ${fmt(N)} emails to a local SMTP sink (rate unlimited); lateness with ${fmt(ACTIVE)} enrolments active, ${fmt(DUE)} due over ${WINDOW_MS / 1000} s; worker concurrency ${CONCURRENCY ?? "default"} ==`,
  );
  const sink = await startCountingSink();
  try {
    const lh = await throughput(env, sink.url);
    console.log(`  leadhub: ${fmt(N)} emails in ${lh.seconds.toFixed(2)} s → ${fmt(lh.rate)}/s; CPU: ${formatSplit(lh.cpu)}`);
    const seq = await bareLoop(sink.url, lh.sample, 1);
    console.log(`  nodemailer loop, one at a time: ${fmt(seq.rate)}/s`);
    const pooled = await bareLoop(sink.url, lh.sample, POOL);
    console.log(`  nodemailer loop, ${POOL} in flight: ${fmt(pooled.rate)}/s`);
    const late = await lateness(env, sink.url);
    console.log(
      `  leadhub lateness: p50 ${late.p50.toFixed(2)} s, p99 ${late.p99.toFixed(2)} s, max ${late.max.toFixed(2)} s; claimed (send started) p50 ${late.claimP50.toFixed(2)} s, p99 ${late.claimP99.toFixed(2)} s (enrolling ${fmt(ACTIVE)} took ${late.enrolSeconds.toFixed(1)} s)`,
    );
    const raw = await rawLateness(env);
    console.log(`  BullMQ no-op lateness: p50 ${raw.p50.toFixed(3)} s, p99 ${raw.p99.toFixed(3)} s, max ${raw.max.toFixed(3)} s`);
    const t = table(
      ["what", "emails/s", "vs nodemailer loop (1 at a time)", "vs nodemailer loop (5 in flight)", "time"],
      [
        [
          "leadhub: enrolment → claim → render → SMTP → confirm → advance, 1 worker",
          fmt(lh.rate),
          ratio(lh.rate, seq.rate),
          ratio(lh.rate, pooled.rate),
          `${lh.seconds.toFixed(2)} s`,
        ],
        ["nodemailer, bare loop, 1 at a time", fmt(seq.rate), "1.00×", ratio(seq.rate, pooled.rate), `${seq.seconds.toFixed(2)} s`],
        [
          `nodemailer, bare loop, ${POOL} in flight (pool of ${POOL})`,
          fmt(pooled.rate),
          ratio(pooled.rate, seq.rate),
          "1.00×",
          `${pooled.seconds.toFixed(2)} s`,
        ],
      ],
    );
    const l = table(
      ["lateness of due steps (sent − due)", "p50", "p99", "max"],
      [
        [
          `leadhub, ${fmt(DUE)} emails due over ${WINDOW_MS / 1000} s among ${fmt(ACTIVE)} active enrolments`,
          `${late.p50.toFixed(2)} s`,
          `${late.p99.toFixed(2)} s`,
          `${late.max.toFixed(2)} s`,
        ],
        [
          `BullMQ no-op delayed jobs, same schedule among ${fmt(ACTIVE)} delayed`,
          `${raw.p50.toFixed(3)} s`,
          `${raw.p99.toFixed(3)} s`,
          `${raw.max.toFixed(3)} s`,
        ],
      ],
    );
    const note = `worker concurrency ${CONCURRENCY ?? "default (WORKER_CONCURRENCY)"}; leadhub worker CPU while sending: ${formatSplit(lh.cpu)}; ${fmt(late.stillActive)} enrolments still active (waiting days ahead) when the due ones had gone; the sink counts and discards (no parsing)`;
    return { name: "nurture", text: `${t.text}\n${l.text}\n${note}`, markdown: `${t.markdown}\n\n${l.markdown}\n\n- ${note}` };
  } finally {
    await sink.close();
  }
}

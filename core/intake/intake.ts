import { UnrecoverableError } from "bullmq";
import type { Knex } from "knex";
import type { JobContext, JobResult } from "../context.ts";
import type { JobPayloads } from "../queues.ts";
import type { EventRow } from "../capture/read-event.ts";
import { withTenant } from "../tenant-scope.ts";
import { scheduleSoon } from "../nurture/schedule.ts";
import { intakeBatchSize } from "../metrics.ts";
import { Batcher } from "../batcher.ts";
import { loadEvents, readOne, type ReadEvent } from "./read-batch.ts";
import { writeIntakeBatch, type Written } from "./write-batch.ts";

export type IntakePayload = JobPayloads["lead.intake"];

/**
 * Events per batch at most, and batches of one tenant written at once per worker process. The
 * intake queue's concurrency (jobs/registry.ts) lets `max × inFlight` jobs wait in a process, so a
 * flood fills whole batches while a lone lead still goes at once, as a batch of one.
 */
export const INTAKE_BATCH = { max: 500, inFlight: 2 };

const batchers = new WeakMap<JobContext, Batcher<string, JobResult>>();

/**
 * Intake of one inbound event: handed to this process's batch of its tenant's events, answered
 * when that batch commits (core/intake/write-batch.ts: read with the adapter for its format,
 * normalised, deduplicated against the leads and the batch's earlier arrivals, scored, assigned,
 * written with its submission and timeline, or the engagement, ignore or rejection it is).
 * Idempotent: an event already processed is left as it is ("skipped").
 */
export function intakeEvent(ctx: JobContext, data: IntakePayload): Promise<JobResult> {
  let batcher = batchers.get(ctx);
  if (!batcher) {
    batcher = new Batcher((tenantId, ids) => withTenant(tenantId, () => intakeBatch(ctx, tenantId, ids)), INTAKE_BATCH);
    batchers.set(ctx, batcher);
  }
  return batcher.submit(data.tenantId, data.eventId);
}

const skipped = (ev: Pick<EventRow, "id" | "lead_id" | "outcome">): JobResult => ({
  outcome: "skipped",
  leadId: ev.lead_id,
  eventId: ev.id,
  detail: `already ${ev.outcome}`,
});

/**
 * A batch of one tenant's events, each answered with its result or its own error: one that cannot
 * be read fails alone, and a batch whose write fails is split until the event that fails it is
 * alone (the others commit; BullMQ retries that one, and after its last attempt it ends failed).
 */
export async function intakeBatch(ctx: JobContext, tenantId: string, eventIds: string[]): Promise<(JobResult | Error)[]> {
  intakeBatchSize.observe(eventIds.length);
  const unique = [...new Set(eventIds)];
  const loaded = await loadEvents(ctx.db, tenantId, unique);
  const answers = new Map<string, JobResult | Error>();
  const todo: EventRow[] = [];
  for (const id of unique) {
    const ev = loaded.get(id);
    if (!ev) answers.set(id, new UnrecoverableError(`inbound event ${id} not found`));
    else if (ev.status === "done" || ev.status === "failed") answers.set(id, skipped(ev));
    else todo.push(ev);
  }
  const read = await Promise.all(todo.map((ev) => readOne(ctx, ev).catch((err: Error) => err)));
  const items = read.filter((r, i): r is ReadEvent => (r instanceof Error ? (answers.set(todo[i].id, r), false) : true));
  if (items.length) await settle(ctx, tenantId, items, answers);
  // A job handed in twice (at-least-once delivery into one batch): the second copy finds it done.
  const seen = new Set<string>();
  return eventIds.map((id) => {
    const answer = answers.get(id)!;
    if (seen.has(id) && !(answer instanceof Error)) return { ...answer, outcome: "skipped", detail: `already ${answer.outcome}` };
    seen.add(id);
    return answer;
  });
}

async function settle(ctx: JobContext, tenantId: string, items: ReadEvent[], answers: Map<string, JobResult | Error>, retried = false) {
  try {
    const written = await writeOnce(ctx, tenantId, items);
    for (const [id, result] of written.results) answers.set(id, result);
  } catch (err) {
    // Two batches that met on the same rows: run it again as it is.
    if (!retried && isConflict(err)) return settle(ctx, tenantId, items, answers, true);
    // The database is away: every event waits for its retry; splitting would only multiply the failures.
    if (items.length === 1 || isOutage(err)) {
      for (const it of items) answers.set(it.ev.id, withoutStatement(err as Error));
      return;
    }
    const half = Math.ceil(items.length / 2);
    await settle(ctx, tenantId, items.slice(0, half), answers);
    await settle(ctx, tenantId, items.slice(half), answers);
  }
}

/**
 * knex puts the whole statement before the database's own words: the event's error (shown in the
 * console, kept on the event) says only why, and never the statement's text.
 */
function withoutStatement(err: Error): Error {
  if (!(err as { code?: unknown }).code || !err.message.includes(" - ")) return err;
  const clean = new Error(err.message.slice(err.message.lastIndexOf(" - ") + 3));
  return Object.assign(clean, { code: (err as { code?: unknown }).code });
}

const codeOf = (err: unknown) => String((err as { code?: unknown })?.code ?? "");
/** Deadlock or serialisation failure: PostgreSQL rolled one side back, and a second run succeeds. */
const isConflict = (err: unknown) => ["40P01", "40001"].includes(codeOf(err));
/** Connection lost, server shutting down or out of resources, pool exhausted: nothing about the events. */
const isOutage = (err: unknown) =>
  /^(08|53|57)/.test(codeOf(err)) ||
  ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE"].includes(codeOf(err)) ||
  (err as Error)?.name === "KnexTimeoutError";

/** One transaction for the batch; after its commit, first nurture steps are scheduled and the sources touched. */
async function writeOnce(ctx: JobContext, tenantId: string, items: ReadEvent[]): Promise<Written> {
  const now = ctx.clock.now();
  const head = items[0].ev;
  // Taken before the transaction (their own statement, seldom a round trip) and given back if unused.
  const numbers = await ctx.leadNumbers.take(tenantId, now, items.filter((it) => it.lead).length);
  // Scoring, assignment, conversion and enrolment rules, compiled and cached per process until their version moves.
  const routes = items.some((it) => (it.reading.kind === "lead" && !it.reading.spam) || it.reading.kind === "engagement");
  let used = 0;
  try {
    const sets = routes
      ? await ctx.rules.get(tenantId, {
          scoring: head.scoring_version,
          assignment: head.assignment_version,
          conversion: head.conversion_version,
          nurture: head.nurture_version,
        })
      : null;
    const written = await ctx.db.transaction(async (trx): Promise<Written> => {
      // With the events' locks, a commit that need not wait for the disk: the events were committed
      // durably at ingest, and should this commit be lost in a database crash they are still
      // "received" and the sweeper runs them again.
      const { rows: locked } = await trx.raw(
        `WITH settings AS MATERIALIZED (SELECT set_config('synchronous_commit', 'off', true))
         SELECT e.id, e.status, e.outcome, e.lead_id FROM settings, inbound_events e WHERE e.id = ANY(?::uuid[]) ORDER BY e.id FOR UPDATE OF e`,
        [items.map((it) => it.ev.id)],
      );
      const taken = new Map<string, EventRow>(
        locked.filter((r: EventRow) => r.status === "done" || r.status === "failed").map((r: EventRow) => [r.id, r]),
      );
      const fresh = items.filter((it) => !taken.has(it.ev.id));
      const w: Written = fresh.length
        ? await writeIntakeBatch(trx, { tenantId, items: fresh, sets, slots: ctx.slots, numbers, now })
        : { results: new Map(), dueSteps: [], created: 0, numbersUsed: 0 };
      for (const ev of taken.values()) w.results.set(ev.id, skipped(ev));
      return w;
    });
    used = written.numbersUsed;
    if (written.dueSteps.length) await scheduleSoon(ctx.queues, ctx.clock, ctx.log, written.dueSteps);
    await touchSources(ctx.db, items, now);
    if (written.created) void ctx.leadStats.grew(tenantId, written.created);
    return written;
  } finally {
    ctx.leadNumbers.giveBack(tenantId, now, ...numbers.slice(used));
  }
}

/** When this process last wrote each source's last delivery: a busy source costs one statement a minute, not one a batch. */
const touched = new Map<string, number>();

/** Each source's last delivery, written at most once a minute so busy sources do not contend on their row. */
async function touchSources(db: Knex, items: ReadEvent[], now: Date) {
  const sources = new Map<string, [string, string]>();
  for (const { ev } of items) {
    if (ev.partner_id) sources.set(ev.partner_id, ["partners", "last_delivery_at"]);
    else if (ev.form_id) sources.set(ev.form_id, ["forms", "last_submission_at"]);
  }
  const minuteAgo = new Date(now.getTime() - 60_000);
  for (const [id, [table, column]] of sources) {
    if ((touched.get(id) ?? 0) > minuteAgo.getTime()) continue;
    touched.set(id, now.getTime());
    await db(table)
      .where("id", id)
      .where((q) => q.whereNull(column).orWhere(column, "<", minuteAgo))
      .update({ [column]: now });
  }
}

/** After the last retry: the event ends failed, with the reason, so nothing waits forever. */
export async function failIntake(ctx: JobContext, data: IntakePayload, err: Error): Promise<void> {
  await ctx
    .db("inbound_events")
    .where({ id: data.eventId, tenant_id: data.tenantId })
    .whereIn("status", ["received", "processing"])
    .update({
      status: "failed",
      outcome: "rejected",
      error: JSON.stringify({ code: "processing_failed", message: err.message.slice(0, 500) }),
      processed_at: ctx.clock.now(),
      updated_at: ctx.clock.now(),
    });
}

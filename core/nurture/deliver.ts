import type { Knex } from "knex";
import type { JobContext, JobResult } from "../context.ts";
import { jsonInsert } from "../db.ts";
import { timelineRow } from "../lead/timeline.ts";
import { Batcher } from "../batcher.ts";
import { withTenant } from "../tenant-scope.ts";
import type { Claim } from "./compose.ts";
import { suppressEmail } from "./enrol.ts";
import { scheduleSoon } from "./schedule.ts";
import { advancement } from "./step-load.ts";

type Failure = "not_sent" | "rejected" | "unknown";

/**
 * What an SMTP error says about the mail: an answer from the server is definite (5xx rejected,
 * 4xx not taken), so is failing before the message was handed over; a connection lost while
 * the message was on its way may have delivered it.
 */
export function failureOf(err: unknown): Failure {
  const e = err as { code?: string; responseCode?: number; command?: string };
  if (e.responseCode && e.responseCode >= 500) return "rejected";
  if (e.responseCode && e.responseCode >= 400) return "not_sent";
  if (e.command === "DATA" || e.command === "BDAT" || (e.code === "ETIMEDOUT" && e.command === undefined)) return "unknown";
  return ["ECONNECTION", "EDNS", "EAUTH", "ETLS", "ESOCKET", "ECONNREFUSED", "EENVELOPE"].includes(e.code ?? "") ? "not_sent" : "unknown";
}

interface Answered {
  ctx: JobContext;
  claim: Claim;
  response?: string;
  failure?: { kind: Failure; err: Error & { command?: string } };
}

/** Confirmations wait for the one in progress and then go together: one statement for the batch. */
const confirms = new Batcher<Answered, JobResult>(confirmBatch, { max: 100, inFlight: 1 });

/**
 * Sends a claimed mail over the pooled transport (many in flight: nodemailer queues them for its
 * connections) and records the server's answer. The claim was committed before this is called.
 */
export async function deliver(ctx: JobContext, claim: Claim): Promise<JobResult> {
  const { mail, situation: s } = claim;
  let answer: Pick<Answered, "response" | "failure">;
  try {
    const { response } = await ctx.mailer!.send({
      to: mail.to,
      from: mail.from,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      headers: mail.headers,
    });
    answer = { response };
  } catch (err) {
    answer = { failure: { kind: failureOf(err), err: err as Error } };
  }
  const { failure } = answer;
  const tenantId = s.e.tenant_id;
  if (failure?.kind === "not_sent") {
    // Never handed over: the claim goes, and BullMQ retries the step with backoff.
    await withTenant(tenantId, () => ctx.db("email_messages").where({ id: mail.rowId, status: "sending" }).delete());
    throw failure.err;
  }
  if (failure?.kind === "rejected" && failure.err.command === "RCPT TO") {
    // The address does not exist: no more mail to it, and its enrolments end as bounced.
    const now = ctx.clock.now();
    await withTenant(tenantId, () =>
      ctx.db.transaction(async (trx) => {
        await trx("email_messages")
          .where({ id: mail.rowId, status: "sending" })
          .update({ status: "failed", bounced_at: now, error: failure.err.message.slice(0, 500), updated_at: now });
        await suppressEmail(trx, {
          tenantId,
          email: mail.to,
          reason: "bounced",
          leadId: s.e.lead_id,
          emailMessageId: mail.rowId,
          now,
          note: failure.err.message.slice(0, 300),
        });
      }),
    );
    return { outcome: "bounced", leadId: s.e.lead_id, detail: failure.err.message };
  }
  return confirms.submit(tenantId, { ctx, claim, ...answer });
}

async function confirmBatch(tenantId: string, items: Answered[]): Promise<(JobResult | Error)[]> {
  const ctx = items[0].ctx;
  const now = ctx.clock.now();
  const plans = items.map((i) => ({ i, a: advancement({ ...i.claim.situation, now }, i.claim.situation.e.current_step + 1) }));
  let advanced: Set<string>;
  try {
    advanced = await withTenant(tenantId, () => confirmAll(ctx.db, plans, now));
  } catch (err) {
    if (items.length === 1) throw err;
    // One item's row must not fail the others: each alone, so only its own job fails.
    const out: (JobResult | Error)[] = [];
    for (const i of items)
      out.push(
        await confirmBatch(tenantId, [i]).then(
          (r) => r[0],
          (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
        ),
      );
    return out;
  }
  const due = plans.flatMap(({ i, a }) => (a.due && advanced.has(i.claim.situation.e.id) ? [a.due] : []));
  // Not advanced: another delivery of this job marked the mail unknown and moved on, or the lead left meanwhile.
  if (due.length) await scheduleSoon(ctx.queues, ctx.clock, ctx.log, due);
  return items.map((i) => {
    const lead = i.claim.situation.e.lead_id;
    return i.failure
      ? { outcome: i.failure.kind, leadId: lead, detail: i.failure.err.message }
      : { outcome: "sent", leadId: lead, detail: i.claim.mail.subject };
  });
}

/**
 * The servers' answers, the timeline entries and the next steps of a batch in one statement, a
 * transaction of its own (one round trip); answers the enrolments advanced. It need not wait for
 * the disk (synchronous_commit off for this transaction only): a lost confirmation leaves the claim
 * "sending", which reads as unknown, never resent.
 */
async function confirmAll(db: Knex, plans: { i: Answered; a: ReturnType<typeof advancement> }[], now: Date): Promise<Set<string>> {
  const answers = plans.map(({ i, a }) => {
    const status = i.failure ? (i.failure.kind === "rejected" ? "failed" : "unknown") : "sent";
    const { mail, situation: s } = i.claim;
    return {
      id: mail.rowId,
      status,
      sent_at: i.failure ? null : now,
      smtp_response: i.response?.slice(0, 500) ?? null,
      error: i.failure?.err.message.slice(0, 500) ?? null,
      enrollment_id: s.e.id,
      step: s.e.current_step,
      e_status: a.row.status,
      e_step: a.row.current_step,
      e_next: a.row.next_run_at,
      e_completed: a.row.completed_at,
      entry: timelineRow(s.e.tenant_id, s.e.lead_id, now, {
        type: "email",
        action: "nurture.email",
        title: `${s.sequence.name}: ${i.failure ? `Email ${status} (step ${s.e.current_step}): ${mail.subject}` : `Email sent: ${mail.subject}`}`,
        data: {
          enrollment_id: s.e.id,
          sequence_id: s.e.sequence_id,
          step: s.e.current_step,
          due_at: s.e.next_run_at,
          ran_at: s.now,
          email_message_id: mail.rowId,
          error: i.failure?.err.message.slice(0, 300),
        },
      }),
    };
  });
  const sent = jsonInsert(
    "activities",
    answers.map((a) => a.entry),
  );
  const completedRows = plans.flatMap(({ a }) => (a.completed ? [a.completed] : []));
  const completed = completedRows.length ? jsonInsert("activities", completedRows) : null;
  const { rows } = await db.raw(
    `WITH r AS (SELECT * FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, status text, sent_at timestamptz, smtp_response text, error text,
                  enrollment_id uuid, step int, e_status text, e_step int, e_next timestamptz, e_completed timestamptz)),
          m AS (UPDATE email_messages x SET status = r.status, sent_at = r.sent_at, smtp_response = r.smtp_response, error = r.error, updated_at = ?
                 FROM r WHERE x.id = r.id AND x.status = 'sending' RETURNING x.id),
          e AS (UPDATE enrollments y SET status = r.e_status, current_step = r.e_step, next_run_at = r.e_next, completed_at = r.e_completed, updated_at = ?
                 FROM r WHERE y.id = r.enrollment_id AND y.status = 'active' AND y.current_step = r.step AND r.id IN (SELECT id FROM m) RETURNING y.id),
          a AS (${sent.sql} AS sa WHERE (sa.data->>'email_message_id')::uuid IN (SELECT id FROM m))
          ${completed ? `, c AS (${completed.sql} AS ca WHERE (ca.data->>'enrollment_id')::uuid IN (SELECT id FROM e))` : ""}
     SELECT (SELECT array_agg(id) FROM e) AS advanced, set_config('synchronous_commit', 'off', true) AS sync`,
    [JSON.stringify(answers.map(({ entry: _, ...r }) => r)), now, now, sent.binding, ...(completed ? [completed.binding] : [])],
  );
  return new Set(rows[0].advanced ?? []);
}

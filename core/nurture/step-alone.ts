import type { Knex } from "knex";
import type { JobContext, JobResult } from "../context.ts";
import { insertJsonRows } from "../db.ts";
import { compileCondition } from "../rules/condition.ts";
import { blockedReason, exitEnrollments, type DueStep } from "./enrol.ts";
import { afterQuietHours } from "./timing.ts";
import { isTemplateError, renderEmail, templateVars } from "./templates.ts";
import type { Step } from "./sequence.ts";
import { scheduleSoon } from "./schedule.ts";
import { takeSendSlot } from "./send-rate.ts";
import { addressOf, compose, insertClaims, type Claim } from "./compose.ts";
import { deliver } from "./deliver.ts";
import { advancement, isCurrent, loadSituations, stepEntry, type Situation, type StepPayload } from "./step-load.ts";

/** Without SMTP_URL an email step waits this long and looks again (a demo without mail set up). */
const NO_MAILER_RETRY_MS = 5 * 60_000;

type Plan = { kind: "done"; outcome: string; detail: string; next: DueStep | null; reserved?: boolean } | { kind: "send"; claim: Claim };

/**
 * One step of one enrolment in a transaction of its own: every step that is not a plain send
 * (exits, waits, tasks, branches, quiet hours, the send rate, a template at fault, a claim found
 * from an earlier run), and any send its batch could not take (core/nurture/run-step.ts).
 * The enrolment row is locked and must still be at this step and due time; an email is claimed
 * (unique per enrolment and step) and committed before the SMTP call. A claim found still
 * "sending" means a worker died between the two: that mail is marked "unknown" for a person to
 * settle and never sent again.
 */
export async function runStepAlone(ctx: JobContext, data: StepPayload): Promise<JobResult> {
  const now = ctx.clock.now();
  const plan = await ctx.db.transaction(async (trx): Promise<Plan> => {
    const s = (await loadSituations(trx, data.tenantId, [data.enrollmentId], now)).get(data.enrollmentId);
    if (!s || !isCurrent(s, data)) {
      return {
        kind: "done",
        outcome: "skipped",
        detail: s ? `enrolment is ${s.e.status} at step ${s.e.current_step}` : "enrolment not found",
        next: null,
      };
    }
    const { e } = s;
    const block = blockedReason(s.lead, s.suppression, s.settings);
    if (block) {
      await exitEnrollments(trx, {
        tenantId: e.tenant_id,
        enrollmentIds: [e.id],
        reason: block,
        now,
        detail: `checked before step ${e.current_step}`,
      });
      return { kind: "done", outcome: "exited", detail: block, next: null };
    }
    const step = s.steps[e.current_step - 1];
    // Only an email's claim must be on disk before anything else happens; the rest is redone if a crash loses it.
    if (step.type !== "email") await trx.raw("SET LOCAL synchronous_commit = off");
    switch (step.type) {
      case "end":
        return { kind: "done", outcome: "completed", detail: "end step", next: await advance(trx, s, s.steps.length + 1) };
      case "wait":
        await stepEntry(trx, s, step, `Waited (step ${step.step})`);
        return { kind: "done", outcome: "waited", detail: `step ${step.step}`, next: await advance(trx, s, step.step + 1) };
      case "task":
        return createTask(trx, s, step);
      case "branch":
        return branch(trx, s, step);
      case "email":
        return planEmail(ctx, trx, s, step, data);
    }
  });

  if (plan.kind === "done") {
    if (plan.next) await scheduleSoon(ctx.queues, ctx.clock, ctx.log, [plan.next], plan.reserved);
    return { outcome: plan.outcome, detail: plan.detail };
  }
  return deliver(ctx, plan.claim);
}

async function advance(trx: Knex, s: Situation, to: number): Promise<DueStep | null> {
  const a = advancement(s, to);
  await trx("enrollments").where("id", s.e.id).update(a.row);
  if (a.completed) await insertJsonRows(trx, "activities", [a.completed]);
  return a.due;
}

/** Holds the enrolment at this step until `at` (quiet hours, the send rate, no mail server). */
async function postpone(trx: Knex, s: Situation, at: Date): Promise<DueStep> {
  await trx("enrollments").where("id", s.e.id).update({ next_run_at: at, updated_at: s.now });
  return { tenantId: s.e.tenant_id, enrollmentId: s.e.id, step: s.e.current_step, runAt: at };
}

async function createTask(trx: Knex, s: Situation, step: Step): Promise<Plan> {
  const vars = templateVars(s.lead, null, s.tenant, "");
  let rendered;
  try {
    rendered = await renderEmail({ subject: step.task_title, body_text: step.task_body, body_html: null }, vars);
  } catch (err) {
    if (!isTemplateError(err)) throw err;
    return templateFailed(trx, s, step, "Task not created", err);
  }
  const [task] = await trx("tasks")
    .insert({
      tenant_id: s.e.tenant_id,
      title: rendered.subject,
      body: rendered.text || null,
      owner_id: s.lead.owner_id ?? null,
      record_type: "lead",
      record_id: s.e.lead_id,
      due_at: new Date(s.now.getTime() + (step.task_due_hours ?? 24) * 3_600_000),
      created_at: s.now,
      updated_at: s.now,
    })
    .returning("id");
  await stepEntry(trx, s, step, `Task "${rendered.subject}"`, { task_id: task.id }, "task");
  return { kind: "done", outcome: "task", detail: rendered.subject, next: await advance(trx, s, step.step + 1) };
}

/**
 * The step's own template is at fault (too expensive, or a tag refused since it was saved): a retry
 * would fail the same way, so the step fails on the lead's timeline, nothing goes out, and the
 * enrolment moves on as it does past a lead without an address.
 */
async function templateFailed(trx: Knex, s: Situation, step: Step, what: string, err: { code: string; message: string }): Promise<Plan> {
  await stepEntry(
    trx,
    s,
    step,
    `${what} (step ${step.step}): ${err.code}: ${err.message}`,
    { error: err.code, detail: err.message },
    step.type === "email" ? "email" : "task",
  );
  return { kind: "done", outcome: "failed", detail: `${err.code}: ${err.message}`, next: await advance(trx, s, step.step + 1) };
}

/** A branch reads the lead plus what it did with this enrolment's mail (opened, clicked, replied). */
async function branch(trx: Knex, s: Situation, step: Step): Promise<Plan> {
  const seen = await trx("email_messages")
    .where("enrollment_id", s.e.id)
    .first(
      trx.raw(
        "bool_or(opened_at IS NOT NULL) AS opened, bool_or(clicked_at IS NOT NULL) AS clicked, bool_or(replied_at IS NOT NULL) AS replied",
      ),
    );
  const view = { ...s.lead, opened: !!seen?.opened, clicked: !!seen?.clicked, replied: !!seen?.replied };
  const holds = step.condition ? compileCondition(step.condition)(view, s.now) : true;
  const to = (holds ? step.then_step : step.else_step) ?? step.step + 1;
  await stepEntry(trx, s, step, `Branch ${holds ? "held" : "did not hold"}: on to step ${to}`, { held: holds, to });
  return { kind: "done", outcome: "branched", detail: `to step ${to}`, next: await advance(trx, s, to) };
}

/** When an email step must wait: quiet hours, or a later send slot of the tenant's rate (taken here; the postponed job carries `reserved`). */
async function sendHold(ctx: JobContext, s: Situation, data: StepPayload): Promise<{ until: Date; why: string } | null> {
  const quietUntil = quietHoursEnd(s);
  if (quietUntil > s.now) return { until: quietUntil, why: "quiet_hours" };
  if (s.settings.send_rate_per_minute && !data.reserved) {
    const slot = await takeSendSlot(
      ctx.queues.connection,
      ctx.queues.prefix,
      s.e.tenant_id,
      s.settings.send_rate_per_minute,
      s.now.getTime(),
    );
    if (slot > s.now.getTime() + 250) return { until: new Date(slot), why: "rate_limited" };
  }
  return null;
}

const quietHoursEnd = (s: Situation) => afterQuietHours(s.now, s.sequence.quiet_hours ?? s.settings.quiet_hours, s.tenant.zone);

/**
 * A plain send, which a batch may claim with others: a current email step of an enrolment not
 * blocked, to an address, with mail set up, outside quiet hours, and no send slot to take (a
 * tenant's rate is taken one send at a time here; a job that reserved its slot may batch).
 */
export function plainSend(ctx: JobContext, s: Situation | undefined, data: StepPayload): s is Situation {
  if (!s || !isCurrent(s, data) || !ctx.mailer || blockedReason(s.lead, s.suppression, s.settings)) return false;
  if (s.steps[s.e.current_step - 1]?.type !== "email" || !addressOf(s)) return false;
  return quietHoursEnd(s) <= s.now && !(s.settings.send_rate_per_minute && !data.reserved);
}

async function planEmail(ctx: JobContext, trx: Knex, s: Situation, step: Step, data: StepPayload): Promise<Plan> {
  const to = addressOf(s);
  if (!to) {
    await stepEntry(trx, s, step, `Email skipped: the lead has no address`);
    return { kind: "done", outcome: "skipped", detail: "no email address", next: await advance(trx, s, step.step + 1) };
  }
  if (!ctx.mailer)
    return {
      kind: "done",
      outcome: "waiting",
      detail: "no SMTP_URL",
      next: await postpone(trx, s, new Date(s.now.getTime() + NO_MAILER_RETRY_MS)),
    };

  const hold = await sendHold(ctx, s, data);
  if (hold)
    return {
      kind: "done",
      outcome: hold.why,
      detail: `${hold.why === "quiet_hours" ? "until" : "slot at"} ${hold.until.toISOString()}`,
      next: await postpone(trx, s, hold.until),
      reserved: hold.why === "rate_limited",
    };

  let claim: Claim;
  try {
    claim = { mail: await compose(ctx, s, step, to), situation: s };
  } catch (err) {
    if (!isTemplateError(err)) throw err;
    return templateFailed(trx, s, step, "Email not sent", err);
  }
  if ((await insertClaims(trx, [claim])).size) return { kind: "send", claim };

  // This step ran before. Still "sending": the worker died between claim and confirmation; the mail may or may not have gone. Never resent blindly.
  const earlier = await trx("email_messages").where({ enrollment_id: s.e.id, step: step.step }).first("id", "status");
  if (!earlier) return { kind: "done", outcome: "skipped", detail: "the enrolment moved before its claim", next: null };
  if (earlier.status === "sending") {
    await trx("email_messages")
      .where("id", earlier.id)
      .update({ status: "unknown", error: "the sending worker stopped before the mail server's answer was recorded", updated_at: s.now });
    await stepEntry(
      trx,
      s,
      step,
      `Email outcome unknown (step ${step.step}): to be checked, not resent`,
      { email_message_id: earlier.id },
      "email",
    );
  }
  return { kind: "done", outcome: "unknown", detail: `already ${earlier.status}`, next: await advance(trx, s, step.step + 1) };
}

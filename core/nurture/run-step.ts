import { randomUUID } from "node:crypto";
import type { Knex } from "knex";
import type { JobContext, JobResult } from "../context.ts";
import type { JobPayloads } from "../queues.ts";
import { addTimelineEntry, timelineRow, type TimelineEntry } from "../lead/timeline.ts";
import { insertJsonRows, jsonInsert } from "../db.ts";
import { compileCondition } from "../rules/condition.ts";
import { LRUCache } from "lru-cache";
import { blockedReason, exitEnrollments, suppressEmail, type DueStep } from "./enrol.ts";
import { nurtureSettingsFrom, type NurtureSettings } from "./settings.ts";
import { afterQuietHours, dueAfter, validZone } from "./timing.ts";
import { isTemplateError, renderEmail, TEMPLATE_LEAD_FIELDS, templateVars } from "./templates.ts";
import { trackLinks } from "./links.ts";
import { escapeHtml } from "../text/html-text.ts";
import { emailHashSql } from "../privacy/hash.ts";
import type { QuietHours, Step } from "./sequence.ts";
import { scheduleSoon } from "./schedule.ts";
import { stepsOf } from "./sequence-store.ts";
import { takeSendSlot } from "./send-rate.ts";

export type StepPayload = JobPayloads["nurture.step"];

/** Without SMTP_URL an email step waits this long and looks again (a demo without mail set up). */
const NO_MAILER_RETRY_MS = 5 * 60_000;

interface Enrollment {
  id: string;
  tenant_id: string;
  lead_id: string;
  sequence_id: string;
  sequence_version: number;
  status: string;
  current_step: number;
  next_run_at: Date | null;
}

/** Everything a step reads, loaded once under the enrolment's lock. */
interface Situation {
  e: Enrollment;
  lead: Record<string, unknown>;
  steps: Step[];
  sequence: { name: string; quiet_hours: QuietHours | null };
  tenant: { name: string; zone: string };
  settings: NurtureSettings;
  now: Date;
}

interface Outgoing {
  rowId: string;
  to: string;
  from?: string;
  subject: string;
  text: string;
  html?: string;
  messageId: string;
  headers: Record<string, string>;
}

type Plan =
  | { kind: "done"; outcome: string; detail: string; next: DueStep | null; reserved?: boolean }
  | { kind: "send"; mail: Outgoing; situation: Situation };

/**
 * Runs one step of one enrolment. Idempotent and safe under BullMQ's at-least-once delivery: the
 * enrolment row is locked and must still be at this step and due time; an email is claimed in
 * PostgreSQL (unique per enrolment and step) and committed before the SMTP call, then confirmed.
 * A claim found still "sending" means a worker died between the two: that mail is marked
 * "unknown" for a person to settle and never sent again.
 */
export async function runEnrollmentStep(ctx: JobContext, data: StepPayload): Promise<JobResult> {
  const now = ctx.clock.now();
  // A delayed job can fire before the clock the schedule used says it is due (tests move the clock): the sweeper brings it back.
  if (now.getTime() < data.runAt - 1000) return { outcome: "early", detail: `due ${new Date(data.runAt).toISOString()}` };

  const plan = await ctx.db.transaction(async (trx): Promise<Plan> => {
    const s = await lockAndLoad(trx, data, now);
    if (!s || s.e.status !== "active" || s.e.current_step !== data.step || s.e.next_run_at?.getTime() !== data.runAt) {
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
  return sendAndConfirm(ctx, plan.mail, plan.situation);
}

/** A version's steps never change once written: kept per process, one query per sequence version. */
const stepsCache = new LRUCache<string, Step[]>({ max: 2_000 });

/** What templates, exits and scheduling read of a lead, and whether its address is suppressed (not the whole row: leads are wide). */
const LEAD_COLUMNS = [
  ...new Set([
    ...TEMPLATE_LEAD_FIELDS,
    ...["id", "tenant_id", "phone_e164", "owner_id", "dnd", "converted_at", "gdpr_consent", "opt_in_at", "deleted_at", "time_zone"],
  ]),
];

/**
 * The enrolment, locked, with what the step reads (the lead's needed columns and whether its
 * address is suppressed, the sequence, the tenant's settings) in one round trip: a drip run is
 * thousands of these, and each round trip costs the worker more than the rows do.
 */
async function lockAndLoad(trx: Knex, data: StepPayload, now: Date): Promise<(Situation & { suppression: string | undefined }) | null> {
  const row = await trx("enrollments as e")
    .join("leads as l", "l.id", "e.lead_id")
    .join("sequences as s", "s.id", "e.sequence_id")
    .join("tenants as t", "t.id", "e.tenant_id")
    .where({ "e.id": data.enrollmentId, "e.tenant_id": data.tenantId })
    .forUpdate("e")
    .first(
      trx.raw("to_jsonb(e) AS e"),
      trx.raw(`jsonb_build_object(${LEAD_COLUMNS.map((c) => `'${c}', l.${c}`).join(", ")}) AS lead`),
      // The address, or its hash when an erased person left only that (core/privacy/hash.ts).
      trx.raw(
        `(SELECT reason FROM suppressions x WHERE x.tenant_id = l.tenant_id AND x.email IN (lower(trim(l.email)), ${emailHashSql("l.tenant_id", "l.email")}) LIMIT 1) AS suppression`,
      ),
      "s.name",
      "s.quiet_hours",
      "t.name as tenant_name",
      "t.time_zone",
      trx.raw("t.settings->'nurture' as nurture"),
    );
  if (!row) return null;
  const e: Enrollment = { ...row.e, next_run_at: row.e.next_run_at ? new Date(row.e.next_run_at) : null };
  const key = `${e.sequence_id}:${e.sequence_version}`;
  let steps = stepsCache.get(key);
  if (!steps) {
    steps = await stepsOf(trx, e.sequence_id, e.sequence_version);
    stepsCache.set(key, steps);
  }
  return {
    e,
    lead: row.lead,
    steps,
    now,
    suppression: row.suppression ?? undefined,
    sequence: { name: row.name, quiet_hours: row.quiet_hours },
    tenant: { name: row.tenant_name, zone: validZone(row.lead.time_zone as string | null, row.time_zone) },
    settings: nurtureSettingsFrom(row.nurture),
  };
}

const stepEntry = (trx: Knex, s: Situation, step: Step, title: string, data: object = {}, type: TimelineEntry["type"] = "nurture") =>
  addTimelineEntry(trx, s.e.tenant_id, s.e.lead_id, s.now, {
    type,
    action: `nurture.${step.type}`,
    title: `${s.sequence.name}: ${title}`,
    data: { enrollment_id: s.e.id, sequence_id: s.e.sequence_id, step: step.step, due_at: s.e.next_run_at, ran_at: s.now, ...data },
  });

/** Where an enrolment goes after a step: step `to` (due after its delay), or complete past the last step. */
function advancement(s: Situation, to: number) {
  const { e, now } = s;
  if (to > s.steps.length || s.steps[to - 1]?.type === "end") {
    return {
      row: { status: "completed", completed_at: now, current_step: Math.min(to, s.steps.length), next_run_at: null, updated_at: now },
      completed: timelineRow(e.tenant_id, e.lead_id, now, {
        type: "nurture",
        action: "nurture.completed",
        title: `Completed "${s.sequence.name}"`,
        data: { enrollment_id: e.id, sequence_id: e.sequence_id },
      }),
      due: null,
    };
  }
  const runAt = dueAfter(s.steps[to - 1], now, s.tenant.zone);
  return {
    row: { status: "active", completed_at: null, current_step: to, next_run_at: runAt, updated_at: now },
    completed: null,
    due: { tenantId: e.tenant_id, enrollmentId: e.id, step: to, runAt } as DueStep,
  };
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

async function planEmail(ctx: JobContext, trx: Knex, s: Situation, step: Step, data: StepPayload): Promise<Plan> {
  const to = typeof s.lead.email === "string" ? s.lead.email.trim() : "";
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

  const quietUntil = afterQuietHours(s.now, s.sequence.quiet_hours ?? s.settings.quiet_hours, s.tenant.zone);
  if (quietUntil > s.now)
    return { kind: "done", outcome: "quiet_hours", detail: `until ${quietUntil.toISOString()}`, next: await postpone(trx, s, quietUntil) };
  if (s.settings.send_rate_per_minute && !data.reserved) {
    const slot = await takeSendSlot(
      ctx.queues.connection,
      ctx.queues.prefix,
      s.e.tenant_id,
      s.settings.send_rate_per_minute,
      s.now.getTime(),
    );
    if (slot > s.now.getTime() + 250)
      return {
        kind: "done",
        outcome: "rate_limited",
        detail: `slot at ${new Date(slot).toISOString()}`,
        next: await postpone(trx, s, new Date(slot)),
        reserved: true,
      };
  }

  let mail: Outgoing;
  try {
    mail = await compose(ctx, trx, s, step, to);
  } catch (err) {
    if (!isTemplateError(err)) throw err;
    return templateFailed(trx, s, step, "Email not sent", err);
  }
  // The claim: unique per enrolment and step, committed before the SMTP call.
  const claimed = await trx("email_messages")
    .insert({
      id: mail.rowId,
      tenant_id: s.e.tenant_id,
      lead_id: s.e.lead_id,
      direction: "out",
      message_id: mail.messageId.replace(/^<|>$/g, ""),
      from_address: mail.from ?? null,
      to_address: to,
      subject: mail.subject,
      status: "sending",
      enrollment_id: s.e.id,
      sequence_id: s.e.sequence_id,
      step: step.step,
      body_text: mail.text,
      body_html: mail.html ?? null,
      due_at: s.e.next_run_at,
      created_at: s.now,
      updated_at: s.now,
    })
    .onConflict(["enrollment_id", "step"])
    .ignore()
    .returning("id");
  if (claimed.length) return { kind: "send", mail, situation: s };

  // This step ran before. Still "sending": the worker died between claim and confirmation; the mail may or may not have gone. Never resent blindly.
  const earlier = await trx("email_messages").where({ enrollment_id: s.e.id, step: step.step }).first("id", "status");
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

/** The message: rendered templates, footer with the unsubscribe link, tracking when the tenant wants it, and the RFC 8058 headers. */
async function compose(ctx: JobContext, trx: Knex, s: Situation, step: Step, to: string): Promise<Outgoing> {
  const rowId = randomUUID();
  const unsubscribe = ctx.links.unsubscribeUrl(rowId);
  const owner = s.lead.owner_id ? await trx("users").where("id", s.lead.owner_id).first("name", "email", "phone") : null;
  const r = await renderEmail(step, templateVars(s.lead, owner, s.tenant, unsubscribe));
  const footer = s.settings.footer?.trim();
  const text = `${r.text.trimEnd()}\n\n--\n${footer ? `${footer}\n` : ""}Unsubscribe: ${unsubscribe}\n`;
  let html = r.html;
  if (html) {
    if (s.settings.track_clicks) html = trackLinks(html, (url) => (url.startsWith(unsubscribe) ? url : ctx.links.clickUrl(rowId, url)));
    const foot = `<hr style="border:none;border-top:1px solid #ddd;margin-top:24px"><p style="font-size:12px;color:#666">${footer ? `${escapeHtml(footer).replace(/\n/g, "<br>")}<br>` : ""}<a href="${unsubscribe}">Unsubscribe</a></p>`;
    const pixel = s.settings.track_opens
      ? `<img src="${ctx.links.openPixelUrl(rowId)}" width="1" height="1" alt="" style="display:block;border:0">`
      : "";
    html = /<\/body>/i.test(html) ? html.replace(/<\/body>/i, `${foot}${pixel}</body>`) : `${html}${foot}${pixel}`;
  }
  const from = s.settings.from_email
    ? `"${(s.settings.from_name ?? s.tenant.name).replace(/["\\\r\n]/g, "")}" <${s.settings.from_email}>`
    : undefined;
  const domain = s.settings.from_email?.split("@")[1] ?? new URL(ctx.settings.publicUrl).hostname;
  return {
    rowId,
    to,
    from,
    subject: r.subject,
    text,
    html: html ?? undefined,
    messageId: `<${rowId}@${domain}>`,
    headers: { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}

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

async function sendAndConfirm(ctx: JobContext, mail: Outgoing, s: Situation): Promise<JobResult> {
  let response: string | undefined;
  let failure: { kind: Failure; err: Error & { command?: string } } | null = null;
  try {
    ({ response } = await ctx.mailer!.send({
      to: mail.to,
      from: mail.from,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      headers: mail.headers,
    }));
  } catch (err) {
    failure = { kind: failureOf(err), err: err as Error };
  }
  const step = s.steps[s.e.current_step - 1];
  const now = ctx.clock.now();
  const here = { ...s, now };
  if (failure?.kind === "not_sent") {
    // Never handed over: the claim goes, and BullMQ retries the step with backoff.
    await ctx.db("email_messages").where({ id: mail.rowId, status: "sending" }).delete();
    throw failure.err;
  }
  const status = failure ? (failure.kind === "rejected" ? "failed" : "unknown") : "sent";
  if (failure?.kind === "rejected" && failure.err.command === "RCPT TO") {
    // The address does not exist: no more mail to it, and its enrolments end as bounced.
    await ctx.db.transaction(async (trx) => {
      await trx("email_messages")
        .where({ id: mail.rowId, status: "sending" })
        .update({ status, bounced_at: now, error: failure.err.message.slice(0, 500), updated_at: now });
      await suppressEmail(trx, {
        tenantId: s.e.tenant_id,
        email: mail.to,
        reason: "bounced",
        leadId: s.e.lead_id,
        emailMessageId: mail.rowId,
        now,
        note: failure.err.message.slice(0, 300),
      });
    });
    return { outcome: "bounced", leadId: s.e.lead_id, detail: failure.err.message };
  }
  // The server's answer, the timeline entry and the next step in one statement. It need not wait for
  // the disk: a lost confirmation leaves the claim "sending", which reads as unknown, never resent.
  const a = advancement(here, step.step + 1);
  const entry = timelineRow(s.e.tenant_id, s.e.lead_id, now, {
    type: "email",
    action: "nurture.email",
    title: `${s.sequence.name}: ${failure ? `Email ${status} (step ${step.step}): ${mail.subject}` : `Email sent: ${mail.subject}`}`,
    data: {
      enrollment_id: s.e.id,
      sequence_id: s.e.sequence_id,
      step: step.step,
      due_at: s.e.next_run_at,
      ran_at: s.now,
      email_message_id: mail.rowId,
      error: failure?.err.message.slice(0, 300),
    },
  });
  const sent = jsonInsert("activities", [entry]);
  const completed = a.completed && jsonInsert("activities", [a.completed]);
  const { rows } = await ctx.db.raw(
    `WITH m AS (UPDATE email_messages SET status = ?, sent_at = ?, smtp_response = ?, error = ?, updated_at = ? WHERE id = ? AND status = 'sending' RETURNING id),
          e AS (UPDATE enrollments SET status = ?, current_step = ?, next_run_at = ?, completed_at = ?, updated_at = ?
                 WHERE id = ? AND status = 'active' AND current_step = ? AND EXISTS (SELECT FROM m) RETURNING id),
          a AS (${sent.sql} WHERE EXISTS (SELECT FROM m))
          ${completed ? `, c AS (${completed.sql} WHERE EXISTS (SELECT FROM e))` : ""}
     SELECT EXISTS (SELECT FROM e) AS advanced`,
    [
      status,
      failure ? null : now,
      response?.slice(0, 500) ?? null,
      failure?.err.message.slice(0, 500) ?? null,
      now,
      mail.rowId,
      a.row.status,
      a.row.current_step,
      a.row.next_run_at,
      a.row.completed_at,
      now,
      s.e.id,
      step.step,
      sent.binding,
      ...(completed ? [completed.binding] : []),
    ],
  );
  // Not advanced: another delivery of this job marked the mail unknown and moved on, or the lead left meanwhile.
  if (rows[0].advanced && a.due) await scheduleSoon(ctx.queues, ctx.clock, ctx.log, [a.due]);
  return { outcome: failure ? failure.kind : "sent", leadId: s.e.lead_id, detail: failure ? failure.err.message : mail.subject };
}

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ParsedMail } from "mailparser";
import { json, tag, writes } from "../support/json-api.ts";
import { startStack, expectEventually, type Stack } from "../support/stack.ts";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink.ts";
import { createJobContext } from "../../worker/job-context.ts";
import { sweepDueSteps } from "../../jobs/nurture/sweep-due.job.ts";

/**
 * Promise 10 of docs/reliability.md: unsubscribe and DND count for mail already queued (checked when it is
 * sent); the one-click POST answers 200, no redirect, no login; a GET only shows the page.
 */
let offset = 0;
const clock = { now: () => new Date(Date.now() + offset) };
const HOUR = 3_600_000;
const PUBLIC_URL = "https://leads.example.test";
let stack: Stack;
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
  stack = await startStack({ worker: true, clock, env: { SMTP_URL: sink.url, PUBLIC_URL } });
});
afterAll(async () => {
  await stack?.stop();
  await sink?.close();
});

const { post } = writes(() => stack);
const db = () => stack.services.db;
const sweep = () => sweepDueSteps(createJobContext(stack.services));
const mailTo = (to: string) =>
  sink.messages.filter((m) => (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).some((a) => a.text.includes(to)));
const header = (m: ParsedMail, name: string) => m.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, "") ?? "";
const enrolment = (id: string) => json(stack.api(`/enrollments/${id}`));

/** A lead in a two-mail sequence: the first mail sent, the second queued as a delayed job an hour out. */
async function queuedSecondMail() {
  const t = tag();
  const seq = await post("/sequences", {
    name: `Promise 10 ${t}`,
    steps: [
      { type: "email", subject: "First", body_text: "one" },
      { type: "email", delay_minutes: 60, subject: "Second", body_text: "two" },
    ],
  });
  const lead = await post("/leads", { first_name: "Nisha", last_name: `Kapoor ${t}`, email: `nisha.${t}@example.com` });
  const e = await post("/enrollments", { lead_id: lead.id, sequence_id: seq.id });
  const [first] = await expectEventually(() => {
    const got = mailTo(lead.email);
    expect(got.map((m) => m.subject)).toEqual(["First"]);
    return got;
  }, 15_000);
  await expectEventually(async () => {
    expect(await enrolment(e.id)).toMatchObject({ status: "active", current_step: 2 });
    const delayed = (await stack.services.queues.get("nurture").getDelayed()).filter((j) => j.data.enrollmentId === e.id);
    expect(delayed).toHaveLength(1);
  }, 15_000);
  return {
    lead,
    enrolmentId: e.id as string,
    first,
    unsubscribeUrl: header(first, "list-unsubscribe").slice(1, -1).replace(PUBLIC_URL, stack.baseUrl),
  };
}

/** The queued step comes due and runs; the send-time check must stop it. */
async function runDueStepAndExpectNoMail(lead: { id: string; email: string }, enrolmentId: string, reason: string) {
  offset += 2 * HOUR;
  await sweep();
  await expectEventually(async () => expect(await enrolment(enrolmentId)).toMatchObject({ status: "exited", exit_reason: reason }), 15_000);
  expect(mailTo(lead.email).map((m) => m.subject)).toEqual(["First"]);
  expect(await db()("email_messages").where({ lead_id: lead.id, step: 2 }).first("id")).toBeUndefined();
  const timeline = await json(stack.api(`/leads/${lead.id}/timeline`));
  expect(JSON.stringify(timeline)).toContain(reason);
}

describe("promise 10: unsubscribe and DND stop mail already queued", () => {
  it("when DND is set after the next step is queued (by a write that does not end the enrolment), then that mail is stopped when it comes due", async () => {
    const { lead, enrolmentId } = await queuedSecondMail();
    // A bulk update, an import or another process writes the flag: the enrolment is still active, the job still queued.
    await db()("leads").where("id", lead.id).update({ dnd: true });
    expect(await enrolment(enrolmentId)).toMatchObject({ status: "active" });
    await runDueStepAndExpectNoMail(lead, enrolmentId, "dnd");
  });

  it("when the address is suppressed after the next step is queued (a list import, a race with the unsubscribe), then that mail is stopped when it comes due", async () => {
    const { lead, enrolmentId } = await queuedSecondMail();
    // Suppressions are kept lower-case; the lead's address matches whatever its case.
    await db()("leads").where("id", lead.id).update({ email: lead.email.toUpperCase() });
    await db()("suppressions").insert({
      tenant_id: stack.tenantId,
      email: lead.email.toLowerCase(),
      reason: "unsubscribed",
      note: "imported list",
    });
    expect(await enrolment(enrolmentId)).toMatchObject({ status: "active" });
    await runDueStepAndExpectNoMail({ ...lead, email: lead.email.toLowerCase() }, enrolmentId, "unsubscribed");
  });
});

describe("promise 10: the unsubscribe link", () => {
  it("when a link scanner GETs or HEADs the link, whatever its query, then the page is shown and nothing is unsubscribed", async () => {
    const { lead, enrolmentId, first, unsubscribeUrl } = await queuedSecondMail();
    const page = await fetch(unsubscribeUrl, { redirect: "manual" });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('<form method="post"');
    expect(html).toContain("Unsubscribe?");
    expect((await fetch(unsubscribeUrl, { method: "HEAD" })).status).toBe(200);
    expect((await fetch(`${unsubscribeUrl}?List-Unsubscribe=One-Click`)).status).toBe(200);
    expect(
      (await fetch(unsubscribeUrl, { headers: { "user-agent": "Mozilla/5.0 (compatible; SafeLinks-Scanner)", accept: "*/*" } })).status,
    ).toBe(200);

    expect(await db()("suppressions").where({ tenant_id: stack.tenantId, email: lead.email }).first("id")).toBeUndefined();
    const messageId = first.messageId!.replace(/^<|@.*$/g, "");
    expect(await db()("email_messages").where("id", messageId).first("unsubscribed_at")).toEqual({ unsubscribed_at: null });
    expect(await enrolment(enrolmentId)).toMatchObject({ status: "active" });
  });

  it("when the mail client POSTs one-click (RFC 8058) with no login or cookie, then 200 with no redirect, the address is suppressed and the queued mail never goes", async () => {
    const { lead, enrolmentId, first, unsubscribeUrl } = await queuedSecondMail();
    const res = await fetch(unsubscribeUrl, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    // RFC 8058 §3.2: the POST does the unsubscribe itself; a redirect would send the client elsewhere.
    expect(res.status).toBe(200);
    expect(res.headers.get("location")).toBeNull();
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await res.text()).toContain("You are unsubscribed");

    const messageId = first.messageId!.replace(/^<|@.*$/g, "");
    const m = await db()("email_messages").where("id", messageId).first("unsubscribed_at");
    expect(m.unsubscribed_at).not.toBeNull();
    expect(await db()("suppressions").where({ tenant_id: stack.tenantId, email: lead.email }).first("reason")).toEqual({
      reason: "unsubscribed",
    });
    await runDueStepAndExpectNoMail(lead, enrolmentId, "unsubscribed");
  });

  it("when one-click POSTs arrive with other bodies (empty, multipart, JSON) or twice, then each is 200 with no redirect", async () => {
    const { unsubscribeUrl } = await queuedSecondMail();
    const form = new FormData();
    form.append("List-Unsubscribe", "One-Click");
    for (const init of [
      {},
      { body: form },
      { headers: { "content-type": "application/json" }, body: '{"List-Unsubscribe":"One-Click"}' },
      { headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" },
    ] as RequestInit[]) {
      const res = await fetch(unsubscribeUrl, { method: "POST", redirect: "manual", ...init });
      expect(res.status).toBe(200);
      expect(res.headers.get("location")).toBeNull();
    }
  });
});

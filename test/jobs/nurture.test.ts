import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ParsedMail } from "mailparser";
import { json, tag, writes } from "../support/json-api.ts";
import { startStack, expectEventually, type Stack } from "../support/stack.ts";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink.ts";
import { createJobContext } from "../../worker/job-context.ts";
import { sweepDueSteps } from "../../jobs/nurture/sweep-due.job.ts";
import { withTenant } from "../../core/tenant-scope.ts";

/** Real time moved on by `offset`: "in three days" comes due without waiting three days. */
let offset = 0;
const clock = { now: () => new Date(Date.now() + offset) };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let stack: Stack;
let sink: SmtpSink;
const PUBLIC_URL = "https://leads.example.test";

beforeAll(async () => {
  sink = await startSmtpSink({ rejectRecipient: (a) => a.startsWith("nobody-") });
  stack = await startStack({ worker: true, clock, env: { SMTP_URL: sink.url, PUBLIC_URL } });
});
afterAll(async () => {
  await stack?.stop();
  await sink?.close();
});

const { post, put } = writes(() => stack);
/** What the schedule does every 15 s: finds steps come due (here: because the clock moved) and runs them. */
// The sweep runs across tenants; here it stays in this file's tenant so its clock, far ahead, never
// moves another test file's enrolments (they share the database).
const sweep = () => withTenant(stack.tenantId, () => sweepDueSteps(createJobContext(stack.services)));
const mailTo = (to: string) => sink.messages.filter((m) => m.to && (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a.text.includes(to)));
/** A header as sent (mailparser folds List-* headers into a structure of its own). */
const header = (m: ParsedMail, name: string) => m.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, "") ?? "";

async function lead(extra: Record<string, unknown> = {}) {
  const t = tag();
  return post("/leads", { first_name: "Asha", last_name: `Rao ${t}`, email: `asha.${t}@example.com`, company: "Sahyadri Infra", ...extra });
}

const DRIP = [
  {
    type: "email",
    subject: "Welcome, {{ lead.first_name | default: 'there' }}",
    body_text: "Hi {{ lead.first_name }}, thanks for your interest in {{ company.name }}.",
    body_html: '<p>Hi {{ lead.first_name }}, see <a href="https://example.com/brochure?a=1&amp;b=2">our brochure</a>.</p>',
  },
  { type: "email", delay_minutes: 3 * 24 * 60, subject: "A case study for {{ company.name }}", body_text: "Here is how others did it." },
  { type: "task", delay_minutes: 2 * 24 * 60, task_title: "Call {{ lead.name }}", task_due_hours: 4 },
  { type: "email", delay_minutes: 5 * 24 * 60, subject: "Last nudge", body_text: "Shall we talk?" },
];

async function enrolment(id: string) {
  return json(stack.api(`/enrollments/${id}`));
}
/** Before the clock jumps: the step's outcome is recorded (the sink has a mail a moment before the worker records it). */
const atStep = (id: string, step: number) =>
  expectEventually(async () => expect(await enrolment(id)).toMatchObject({ status: "active", current_step: step }), 15_000);

describe("nurture sequences", () => {
  it("sends the right emails at the right times, with a Message-ID we keep and RFC 8058 unsubscribe headers", async () => {
    const seq = await post("/sequences", { name: `Drip ${tag()}`, steps: DRIP });
    expect(seq.version).toBe(1);
    expect(seq.steps.map((s: { type: string }) => s.type)).toEqual(["email", "email", "task", "email"]);
    const l = await lead();
    const e = await post("/enrollments", { lead_id: l.id, sequence_id: seq.id });
    expect(e).toMatchObject({ status: "active", exit_reason: null, current_step: 1 });
    expect((await stack.api("/enrollments", { method: "POST", json: { lead_id: l.id, sequence_id: seq.id } })).status).toBe(409);

    const [welcome] = await expectEventually(() => {
      const got = mailTo(l.email);
      expect(got).toHaveLength(1);
      return got;
    }, 15_000);
    expect(welcome.subject).toBe("Welcome, Asha");
    expect(welcome.text).toContain("thanks for your interest in Sahyadri Infra");
    expect(welcome.text).toMatch(new RegExp(`Unsubscribe: ${PUBLIC_URL}/u/`));
    expect(header(welcome, "list-unsubscribe")).toMatch(new RegExp(`^<${PUBLIC_URL}/u/[\\w-]+>$`));
    expect(header(welcome, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    // Links go through the click redirect; the open pixel is there.
    expect(welcome.html).toContain(`${PUBLIC_URL}/t/c/`);
    expect(welcome.html).toContain(`${PUBLIC_URL}/t/o/`);
    // The sink has the mail a moment before the worker records the server's answer.
    const log = await expectEventually(async () => {
      const rows = await json(stack.api(`/email_messages?filter=${encodeURIComponent(JSON.stringify({ lead_id: l.id }))}`));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ status: "sent", step: 1, subject: "Welcome, Asha", to_address: l.email });
      return rows;
    });
    expect(`<${log[0].message_id}>`).toBe(welcome.messageId);

    // Nothing more until three days have passed.
    await atStep(e.id, 2);
    await sweep();
    await new Promise((r) => setTimeout(r, 300));
    expect(mailTo(l.email)).toHaveLength(1);
    offset += 3 * DAY + HOUR;
    await sweep();
    await expectEventually(
      () => expect(mailTo(l.email).map((m) => m.subject)).toEqual(["Welcome, Asha", "A case study for Sahyadri Infra"]),
      15_000,
    );

    // Day five: a task for the owner; day ten: the last nudge, then the enrolment is complete.
    await atStep(e.id, 3);
    offset += 2 * DAY + HOUR;
    await sweep();
    await atStep(e.id, 4);
    const tasks = await json(stack.api(`/tasks?filter=${encodeURIComponent(JSON.stringify({ record_id: l.id }))}`));
    expect(tasks.map((t: { title: string }) => t.title)).toEqual([`Call Asha ${l.last_name}`]);
    offset += 5 * DAY + HOUR;
    await sweep();
    await expectEventually(async () => expect(await enrolment(e.id)).toMatchObject({ status: "completed" }), 15_000);
    expect(mailTo(l.email).map((m) => m.subject)).toEqual(["Welcome, Asha", "A case study for Sahyadri Infra", "Last nudge"]);

    const timeline = await json(stack.api(`/leads/${l.id}/timeline`));
    const actions = timeline.map((t: { action: string }) => t.action);
    expect(actions).toEqual(expect.arrayContaining(["nurture.enrolled", "nurture.email", "nurture.task", "nurture.completed"]));
    const stats = await json(stack.api(`/sequences/${seq.id}/stats`));
    expect(stats).toMatchObject({ enrolled: 1, completed: 1, sent: 3 });
  });

  it("a reply stops the sequence before the next step", async () => {
    const seq = await post("/sequences", { name: `Reply ${tag()}`, steps: DRIP });
    const l = await lead();
    const e = await post("/enrollments", { lead_id: l.id, sequence_id: seq.id });
    const [welcome] = await expectEventually(() => {
      const got = mailTo(l.email);
      expect(got).toHaveLength(1);
      return got;
    }, 15_000);
    const reply = [
      `From: Asha Rao <${l.email}>`,
      `To: sales@leadhub.test`,
      `Subject: Re: ${welcome.subject}`,
      `Message-ID: <reply-${tag()}@example.com>`,
      `In-Reply-To: ${welcome.messageId}`,
      `References: ${welcome.messageId}`,
      `Date: ${new Date().toUTCString()}`,
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Yes please, call me tomorrow.",
      "",
    ].join("\r\n");
    const { id } = await json(
      fetch(`${stack.baseUrl}/ingest/email`, {
        method: "POST",
        headers: { authorization: `Bearer ${stack.partnerKey}`, "content-type": "message/rfc822" },
        body: reply,
      }),
      202,
    );
    await expectEventually(
      async () =>
        expect(await json(stack.api(`/inbound_events/${id}`))).toMatchObject({ status: "done", outcome: "engagement", lead_id: l.id }),
      15_000,
    );
    expect(await enrolment(e.id)).toMatchObject({ status: "exited", exit_reason: "replied" });
    offset += 30 * DAY;
    await sweep();
    await new Promise((r) => setTimeout(r, 500));
    expect(mailTo(l.email)).toHaveLength(1);
    const log = await json(stack.api(`/email_messages?filter=${encodeURIComponent(JSON.stringify({ lead_id: l.id }))}`));
    expect(log[0].replied_at).not.toBeNull();
  });

  it("one-click unsubscribe (RFC 8058) answers 200 without a login or a redirect and stops everything; a GET only shows the page", async () => {
    const seq = await post("/sequences", { name: `Unsub ${tag()}`, steps: DRIP });
    const other = await post("/sequences", {
      name: `Other ${tag()}`,
      steps: [{ type: "email", delay_minutes: 60, subject: "Other", body_text: "x" }],
    });
    const l = await lead();
    const e = await post("/enrollments", { lead_id: l.id, sequence_id: seq.id });
    const e2 = await post("/enrollments", { lead_id: l.id, sequence_id: other.id });
    const [welcome] = await expectEventually(() => {
      const got = mailTo(l.email);
      expect(got).toHaveLength(1);
      return got;
    }, 15_000);
    const url = header(welcome, "list-unsubscribe").slice(1, -1).replace(PUBLIC_URL, stack.baseUrl);

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post"');
    expect(await enrolment(e.id)).toMatchObject({ status: "active" });

    const res = await fetch(url, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(res.status).toBe(200);
    expect(await enrolment(e.id)).toMatchObject({ status: "exited", exit_reason: "unsubscribed" });
    expect(await enrolment(e2.id)).toMatchObject({ status: "exited", exit_reason: "unsubscribed" });
    expect(
      (
        await fetch(url, {
          method: "POST",
          body: "List-Unsubscribe=One-Click",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        })
      ).status,
    ).toBe(200);
    const suppressed = await json(stack.api(`/suppressions?filter=${encodeURIComponent(JSON.stringify({ q: l.email }))}`));
    expect(suppressed).toMatchObject([{ email: l.email, reason: "unsubscribed" }]);
    // A tampered token is refused.
    expect(
      (
        await fetch(
          url.replace(/.$/, (c) => (c === "A" ? "B" : "A")),
          { method: "POST" },
        )
      ).status,
    ).toBe(404);
    // Enrolling again: recorded, and exited at once.
    expect(await post("/enrollments", { lead_id: l.id, sequence_id: seq.id })).toMatchObject({
      status: "exited",
      exit_reason: "unsubscribed",
    });
    offset += 30 * DAY;
    await sweep();
    await new Promise((r) => setTimeout(r, 500));
    expect(mailTo(l.email)).toHaveLength(1);
  });

  it("opens and clicks are recorded and feed scoring; a click redirect only goes where the mail pointed", async () => {
    const seq = await post("/sequences", { name: `Track ${tag()}`, steps: DRIP.slice(0, 1) });
    const l = await lead();
    await post("/enrollments", { lead_id: l.id, sequence_id: seq.id });
    const [welcome] = await expectEventually(() => {
      const got = mailTo(l.email);
      expect(got).toHaveLength(1);
      return got;
    }, 15_000);
    const html = String(welcome.html);
    const pixel = /src="([^"]+\/t\/o\/[^"]+)"/.exec(html)![1].replace(PUBLIC_URL, stack.baseUrl);
    const click = /href="([^"]+\/t\/c\/[^"]+)"/.exec(html)![1].replace(/&amp;/g, "&").replace(PUBLIC_URL, stack.baseUrl);
    const gif = await fetch(pixel);
    expect(gif.headers.get("content-type")).toBe("image/gif");
    await fetch(pixel);
    const go = await fetch(click, { redirect: "manual" });
    expect(go.status).toBe(302);
    expect(go.headers.get("location")).toBe("https://example.com/brochure?a=1&b=2");
    expect((await fetch(click.replace(/url=[^&]+/, "url=https%3A%2F%2Fevil.test%2F"), { redirect: "manual" })).status).toBe(404);
    const [m] = await json(stack.api(`/email_messages?filter=${encodeURIComponent(JSON.stringify({ lead_id: l.id }))}`));
    expect(m).toMatchObject({ open_count: 2, click_count: 1 });
    expect(m.opened_at).not.toBeNull();
    const engagements = await stack.services.db("engagements").where("lead_id", l.id).orderBy("type").pluck("type");
    expect(engagements).toEqual(["email_opened", "link_clicked"]);
    await expectEventually(async () =>
      expect(await json(stack.api(`/sequences/${seq.id}/stats`))).toMatchObject({ sent: 1, opened: 1, clicked: 1 }),
    );
  });

  it("DND, conversion and lost end enrolments; a bounce suppresses the address", async () => {
    const seq = await post("/sequences", {
      name: `Exits ${tag()}`,
      steps: [{ type: "email", delay_minutes: 60, subject: "Hello", body_text: "x" }, ...DRIP.slice(1)],
    });
    const [a, b, c, d] = [await lead(), await lead(), await lead(), await lead({ email: `nobody-${tag()}@example.com` })];
    const ids = await post(`/sequences/${seq.id}/enroll`, { lead_ids: [a.id, b.id, c.id, d.id] }, 200);
    expect(ids).toMatchObject({ enrolled: 4, skipped: 0 });
    const enrolments = await json(stack.api(`/enrollments?filter=${encodeURIComponent(JSON.stringify({ sequence_id: seq.id }))}`));
    const of = (leadId: string) => enrolments.find((e: { lead_id: string }) => e.lead_id === leadId).id as string;

    await put(`/leads/${a.id}`, { dnd: true });
    await post(`/leads/${b.id}/convert`, {});
    await put(`/leads/${c.id}`, { status: "lost" });
    expect(await enrolment(of(a.id))).toMatchObject({ status: "exited", exit_reason: "dnd" });
    expect(await enrolment(of(b.id))).toMatchObject({ status: "exited", exit_reason: "converted" });
    expect(await enrolment(of(c.id))).toMatchObject({ status: "exited", exit_reason: "lost" });

    offset += 2 * HOUR;
    await sweep();
    await expectEventually(
      async () => expect(await enrolment(of(d.id))).toMatchObject({ status: "exited", exit_reason: "bounced" }),
      15_000,
    );
    expect([a, b, c, d].flatMap((l) => mailTo(l.email))).toHaveLength(0);
    const [s] = await json(stack.api(`/suppressions?filter=${encodeURIComponent(JSON.stringify({ q: d.email }))}`));
    expect(s).toMatchObject({ reason: "bounced" });
  });

  it("enrols by rule when a lead arrives, and a changed sequence is a new version that enrolled leads do not follow", async () => {
    const source = `webinar-${tag()}`;
    const seq = await post("/sequences", {
      name: `Webinar ${tag()}`,
      enrol_rule: { trigger: "created", condition: { all: [{ field: "source", op: "eq", value: source }] } },
      steps: DRIP,
    });
    const email = `vikram.${tag()}@example.com`;
    const { id } = await json(stack.postLead({ first_name: "Vikram", email, source }), 202);
    await expectEventually(async () => expect(await json(stack.api(`/inbound_events/${id}`))).toMatchObject({ status: "done" }), 15_000);
    const [e] = await expectEventually(async () => {
      const rows = await json(stack.api(`/enrollments?filter=${encodeURIComponent(JSON.stringify({ sequence_id: seq.id }))}`));
      expect(rows).toHaveLength(1);
      return rows;
    });
    expect(e).toMatchObject({ source: "rule", sequence_version: 1 });
    await expectEventually(() => expect(mailTo(email).map((m) => m.subject)).toEqual(["Welcome, Vikram"]), 15_000);

    await atStep(e.id, 2);
    const edited = await put(`/sequences/${seq.id}`, { steps: [DRIP[0], { ...DRIP[1], subject: "A brand new case study" }] });
    expect(edited.version).toBe(2);
    offset += 3 * DAY + HOUR;
    await sweep();
    await expectEventually(() => expect(mailTo(email).map((m) => m.subject)).toEqual(["Welcome, Vikram", "A case study for"]), 15_000);

    // A rule on changes too: a lead it already took (here: stopped by hand) is not taken again when it next changes.
    await put(`/sequences/${seq.id}`, {
      enrol_rule: { trigger: "both", condition: { all: [{ field: "source", op: "eq", value: source }] } },
    });
    await atStep(e.id, 3);
    await put(`/enrollments/${e.id}`, { status: "exited" });
    await put(`/leads/${e.lead_id}`, { city: "Pune" });
    expect(await json(stack.api(`/enrollments?filter=${encodeURIComponent(JSON.stringify({ lead_id: e.lead_id }))}`))).toHaveLength(1);
  });

  it("a due step whose job Redis lost is found by the sweep and sent", async () => {
    const seq = await post("/sequences", {
      name: `Lost ${tag()}`,
      steps: [{ type: "email", delay_minutes: 60, subject: "Found again", body_text: "x" }],
    });
    const l = await lead();
    const e = await post("/enrollments", { lead_id: l.id, sequence_id: seq.id });
    const queue = stack.services.queues.get("nurture");
    const jobs = await expectEventually(async () => {
      const delayed = (await queue.getDelayed()).filter((j) => j.data.enrollmentId === e.id);
      expect(delayed).toHaveLength(1);
      return delayed;
    });
    await jobs[0].remove();
    offset += 2 * HOUR;
    const swept = await sweep();
    expect(swept.detail).toMatch(/[1-9]\d* re-enqueued/);
    await expectEventually(() => expect(mailTo(l.email).map((m) => m.subject)).toEqual(["Found again"]), 15_000);
  });

  it("enrols by score band when behaviour lifts a lead into it", async () => {
    const band = 1000 + Math.floor(Math.random() * 1000);
    const seq = await post("/sequences", {
      name: `Hot ${tag()}`,
      enrol_rule: {
        trigger: "changed",
        condition: {
          all: [
            { field: "behaviour_score", op: "gte", value: 20 },
            { field: "last_name", op: "contains", value: String(band) },
          ],
        },
      },
      steps: DRIP.slice(0, 1),
    });
    const l = await lead({ last_name: `Band ${band}` });
    await post(`/leads/${l.id}/engagements`, { type: "meeting" });
    await new Promise((r) => setTimeout(r, 500));
    expect(await json(stack.api(`/enrollments?filter=${encodeURIComponent(JSON.stringify({ sequence_id: seq.id }))}`))).toHaveLength(0);
    await post(`/leads/${l.id}/engagements`, { type: "meeting" });
    const [e] = await expectEventually(async () => {
      const rows = await json(stack.api(`/enrollments?filter=${encodeURIComponent(JSON.stringify({ sequence_id: seq.id }))}`));
      expect(rows).toHaveLength(1);
      return rows;
    }, 15_000);
    expect(e).toMatchObject({ lead_id: l.id, source: "rule", status: "active" });
    // Enrolled inside the scoring transaction: the sweep schedules its first step.
    offset += 2 * 60_000;
    await sweep();
    await expectEventually(() => expect(mailTo(l.email).map((m) => m.subject)).toEqual(["Welcome, Asha"]), 15_000);
  });

  it("refuses templates that do not parse and steps that jump backwards, naming the step", async () => {
    const bad = await stack.api("/sequences", {
      method: "POST",
      json: { name: "Bad", steps: [{ type: "email", subject: "Hi {{ lead.first_name | nosuchfilter }}", body_text: "x" }] },
    });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error).toMatchObject({ code: "invalid_template", message: expect.stringContaining("step 1") });
    const loop = await stack.api("/sequences", {
      method: "POST",
      json: {
        name: "Loop",
        steps: [
          { type: "wait", delay_minutes: 5 },
          { type: "branch", condition: { all: [{ field: "opened", op: "eq", value: true }] }, then_step: 1 },
        ],
      },
    });
    expect(loop.status).toBe(422);
    expect((await loop.json()).error.code).toBe("invalid_steps");
  });
});

describe("sending policy", () => {
  it("spreads sends at the tenant's rate, holds them through quiet hours, and mails nobody without consent when consent is required", async () => {
    const one = await post("/sequences", {
      name: `Policy ${tag()}`,
      steps: [{ type: "email", subject: "Hello {{ lead.first_name }}", body_text: "x" }],
    });
    try {
      await put("/nurture/settings", { send_rate_per_minute: 120 });
      const leads = await Promise.all([1, 2, 3, 4, 5].map(() => lead()));
      expect(await post(`/sequences/${one.id}/enroll`, { lead_ids: leads.map((l) => l.id) }, 200)).toMatchObject({ enrolled: 5 });
      await expectEventually(() => expect(leads.flatMap((l) => mailTo(l.email))).toHaveLength(5), 20_000);
      // Claimed (the moment a send starts) one every 500 ms, 120 a minute, not all at once.
      const claimed = (
        await stack.services.db("email_messages").where("sequence_id", one.id).orderBy("created_at").pluck("created_at")
      ).map((d: Date) => d.getTime());
      expect(claimed).toHaveLength(5);
      expect(claimed[4] - claimed[0]).toBeGreaterThanOrEqual(1_950);

      // Quiet from an hour ago until an hour from now, in the tenant's zone.
      const hhmm = (d: Date) =>
        new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Kolkata", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(d);
      const now = clock.now();
      await put("/nurture/settings", {
        send_rate_per_minute: null,
        quiet_hours: { start: hhmm(new Date(now.getTime() - HOUR)), end: hhmm(new Date(now.getTime() + HOUR)) },
      });
      const night = await lead({ time_zone: "Asia/Kolkata" });
      const e = await post("/enrollments", { lead_id: night.id, sequence_id: one.id });
      await expectEventually(
        async () => expect(new Date((await enrolment(e.id)).next_run_at).getTime()).toBeGreaterThan(now.getTime() + 50 * 60_000),
        15_000,
      );
      expect(mailTo(night.email)).toHaveLength(0);
      offset += HOUR + 5 * 60_000;
      await sweep();
      await expectEventually(() => expect(mailTo(night.email)).toHaveLength(1), 15_000);

      await put("/nurture/settings", { quiet_hours: null, require_consent: true });
      const noConsent = await lead();
      expect(await post("/enrollments", { lead_id: noConsent.id, sequence_id: one.id })).toMatchObject({
        status: "exited",
        exit_reason: "no_consent",
      });
      const consented = await lead({ gdpr_consent: true });
      expect(await post("/enrollments", { lead_id: consented.id, sequence_id: one.id })).toMatchObject({ status: "active" });
    } finally {
      await put("/nurture/settings", { send_rate_per_minute: null, quiet_hours: null, require_consent: false });
    }
  });
});

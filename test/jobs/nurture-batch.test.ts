import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tag, writes } from "../support/json-api.ts";
import { startStack, type Stack } from "../support/stack.ts";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink.ts";
import { createJobContext } from "../../worker/job-context.ts";
import { runStep } from "../../jobs/nurture/run-step.job.ts";
import { withTenant } from "../../core/tenant-scope.ts";
import { loadSituations } from "../../core/nurture/step-load.ts";
import { compose, insertClaims, addressOf, type Claim } from "../../core/nurture/compose.ts";

/** Real time moved on by `offset` (a send rate's later slots come due without waiting). */
let offset = 0;
const clock = { now: () => new Date(Date.now() + offset) };
const HOUR = 3_600_000;
let stack: Stack;
let sink: SmtpSink;

// No worker: the tests call the job's handler themselves, several at once, as a worker's concurrent jobs do.
beforeAll(async () => {
  sink = await startSmtpSink({ rejectRecipient: (a) => a.startsWith("nobody-") });
  stack = await startStack({ clock, env: { SMTP_URL: sink.url, PUBLIC_URL: "https://leads.example.test" } });
});
afterAll(async () => {
  await stack?.stop();
  await sink?.close();
});

const { post, put } = writes(() => stack);
const mailTo = (to: string) => sink.messages.filter((m) => m.to && (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a.text.includes(to)));

async function lead(first = "Asha", email?: string) {
  const t = tag();
  const address = email ?? `asha.${t}@example.com`;
  return post("/leads", { first_name: first, last_name: `Rao ${t}`, email: address, company: "Sahyadri Infra", time_zone: "Asia/Kolkata" });
}

/** The leads enrolled together, and the `nurture.step` payloads their due steps were queued with. */
async function enrolAll(sequenceId: string, leads: { id: string }[]) {
  await post(`/sequences/${sequenceId}/enroll`, { lead_ids: leads.map((l) => l.id) }, 200);
  const rows = await stack.services
    .db("enrollments")
    .where("sequence_id", sequenceId)
    .select("id", "lead_id", "current_step", "next_run_at");
  return leads.map((l) => {
    const e = rows.find((r) => r.lead_id === l.id)!;
    return {
      tenantId: stack.tenantId,
      enrollmentId: e.id as string,
      step: e.current_step as number,
      runAt: e.next_run_at.getTime() as number,
    };
  });
}

/** The jobs run at once in this process, each settling with its own result. */
const runAll = (payloads: { tenantId: string; enrollmentId: string; step: number; runAt: number; reserved?: boolean }[]) =>
  withTenant(stack.tenantId, () => Promise.allSettled(payloads.map((p) => runStep(createJobContext(stack.services), p))));

const outcomes = (settled: PromiseSettledResult<{ outcome: string }>[]) =>
  settled.map((s) => (s.status === "fulfilled" ? s.value.outcome : `rejected: ${(s.reason as Error).message}`));

describe("nurture sends in batches", () => {
  it("when several steps fall due together, then one statement claims them, each mail arrives once, and each job answers for its own lead", async () => {
    const seq = await post("/sequences", {
      name: `Batch ${tag()}`,
      steps: [
        { type: "email", subject: "Hello {{ lead.first_name }}", body_text: "Hi {{ lead.first_name }} from {{ company.name }}." },
        { type: "email", delay_minutes: 24 * 60, subject: "Later", body_text: "Again." },
      ],
    });
    const leads = await Promise.all(["Asha", "Ravi", "Meera", "Kiran", "Nikhil", "Divya"].map((n) => lead(n)));
    const payloads = await enrolAll(seq.id, leads);

    const settled = await runAll(payloads);
    expect(settled.map((s) => s.status === "fulfilled" && { outcome: s.value.outcome, leadId: s.value.leadId })).toEqual(
      leads.map((l) => ({ outcome: "sent", leadId: l.id })),
    );
    for (const l of leads) expect(mailTo(l.email).map((m) => m.subject)).toEqual([`Hello ${l.first_name}`]);
    const mails = await stack.services.db("email_messages").where("sequence_id", seq.id).select("status", "created_at", "lead_id");
    expect(mails.map((m) => m.status)).toEqual(Array(6).fill("sent"));
    // Claimed in one statement: one clock reading for the batch.
    expect(new Set(mails.map((m) => m.created_at.getTime())).size).toBe(1);
    const enrolled = await stack.services.db("enrollments").where("sequence_id", seq.id).select("status", "current_step", "next_run_at");
    for (const e of enrolled) {
      expect(e).toMatchObject({ status: "active", current_step: 2 });
      expect(e.next_run_at.getTime()).toBeGreaterThan(clock.now().getTime() + 23 * HOUR);
    }
    const entries = await stack.services
      .db("activities")
      .whereIn(
        "record_id",
        leads.map((l) => l.id),
      )
      .where("action", "nurture.email");
    expect(entries).toHaveLength(6);

    // BullMQ delivers at least once: the same jobs again send nothing.
    expect(outcomes(await runAll(payloads))).toEqual(Array(6).fill("skipped"));
    for (const l of leads) expect(mailTo(l.email)).toHaveLength(1);
  });

  it("when an enrolment moves after its batch read it (an exit, a postponement), then its claim is not inserted and only the others are", async () => {
    const seq = await post("/sequences", {
      name: `Moved ${tag()}`,
      steps: [{ type: "email", subject: "Hello {{ lead.first_name }}", body_text: "Hi." }],
    });
    const leads = await Promise.all(["Asha", "Ravi", "Meera"].map((n) => lead(n)));
    const payloads = await enrolAll(seq.id, leads);
    const ctx = createJobContext(stack.services);
    const ids = payloads.map((p) => p.enrollmentId);
    const claimed = await withTenant(stack.tenantId, async () => {
      // Read as a batch reads them (no lock), then moved by others before the claims go in.
      const loaded = await loadSituations(ctx.db, stack.tenantId, ids, clock.now(), { lock: false });
      await ctx.db("enrollments").where("id", ids[0]).update({ status: "exited", exit_reason: "unsubscribed" });
      await ctx
        .db("enrollments")
        .where("id", ids[1])
        .update({ next_run_at: new Date(clock.now().getTime() + HOUR) });
      const claims: Claim[] = [];
      for (const id of ids) {
        const s = loaded.get(id)!;
        claims.push({ mail: await compose(ctx, s, s.steps[0], addressOf(s)), situation: s });
      }
      const ok = await insertClaims(ctx.db, claims);
      return claims.filter((c) => ok.has(c.mail.rowId)).map((c) => c.situation.e.id);
    });
    expect(claimed).toEqual([ids[2]]);
    expect(await stack.services.db("email_messages").where("sequence_id", seq.id).pluck("enrollment_id")).toEqual([ids[2]]);
  });

  it("when one item's template is too expensive and another's address is refused, then only those two fail, each in its own way", async () => {
    // The text repeated once per letter of the first name: past the 1,000,000-character output limit for a long name only.
    const seq = await post("/sequences", {
      name: `Faults ${tag()}`,
      steps: [
        {
          type: "email",
          subject: "Hi",
          body_text: `{% assign n = lead.first_name | size %}{% for i in (1..n) %}${"x".repeat(50_000)}{% endfor %}`,
        },
      ],
    });
    const ok = await Promise.all(["Al", "Bo", "Cy"].map((n) => lead(n)));
    const costly = await lead("Alexandrina-Bartholomew");
    const refused = await lead("Ed", `nobody-${tag()}@example.com`);
    const all = [ok[0], costly, ok[1], refused, ok[2]];
    const settled = await runAll(await enrolAll(seq.id, all));
    expect(outcomes(settled)).toEqual(["sent", "failed", "sent", "bounced", "sent"]);
    expect((settled[1] as PromiseFulfilledResult<{ detail: string }>).value.detail).toMatch(/^template_too_expensive/);

    for (const l of ok) expect(mailTo(l.email)).toHaveLength(1);
    expect(mailTo(costly.email)).toHaveLength(0);
    expect(mailTo(refused.email)).toHaveLength(0);
    const byLead = new Map(
      (await stack.services.db("email_messages").where("sequence_id", seq.id).select("lead_id", "status", "bounced_at")).map((m) => [
        m.lead_id,
        m,
      ]),
    );
    expect(ok.map((l) => byLead.get(l.id)?.status)).toEqual(["sent", "sent", "sent"]);
    expect(byLead.has(costly.id)).toBe(false);
    expect(byLead.get(refused.id)).toMatchObject({ status: "failed", bounced_at: expect.any(Date) });
    expect(await stack.services.db("suppressions").where({ tenant_id: stack.tenantId, email: refused.email }).first("reason")).toEqual({
      reason: "bounced",
    });
    const failedEntry = await stack.services.db("activities").where({ record_id: costly.id, action: "nurture.email" }).first("title");
    expect(failedEntry.title).toContain("Email not sent (step 1): template_too_expensive");
  });

  it("when a batch falls due under a send rate or in quiet hours, then the rate spaces them and quiet hours hold them all", async () => {
    const seq = await post("/sequences", {
      name: `Policy ${tag()}`,
      steps: [{ type: "email", subject: "Hello {{ lead.first_name }}", body_text: "x" }],
    });
    try {
      await put("/nurture/settings", { send_rate_per_minute: 60 });
      const leads = await Promise.all([1, 2, 3, 4].map(() => lead()));
      const payloads = await enrolAll(seq.id, leads);
      const first = outcomes(await runAll(payloads));
      // One slot now; the others a second apart, reserved for their postponed jobs.
      expect(first.sort()).toEqual(["rate_limited", "rate_limited", "rate_limited", "sent"]);
      expect(leads.flatMap((l) => mailTo(l.email))).toHaveLength(1);
      const held = await stack.services.db("enrollments").where({ sequence_id: seq.id, status: "active" }).orderBy("next_run_at");
      expect(held).toHaveLength(3);
      const gaps = held.map((e, i) => (i ? e.next_run_at.getTime() - held[i - 1].next_run_at.getTime() : 1000));
      for (const g of gaps) expect(g).toBeGreaterThanOrEqual(990);
      offset += 4_000;
      const reserved = held.map((e) => ({
        tenantId: stack.tenantId,
        enrollmentId: e.id,
        step: 1,
        runAt: e.next_run_at.getTime(),
        reserved: true,
      }));
      expect(outcomes(await runAll(reserved))).toEqual(["sent", "sent", "sent"]);
      for (const l of leads) expect(mailTo(l.email)).toHaveLength(1);

      const hhmm = (d: Date) =>
        new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Kolkata", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(d);
      const now = clock.now();
      await put("/nurture/settings", {
        send_rate_per_minute: null,
        quiet_hours: { start: hhmm(new Date(now.getTime() - HOUR)), end: hhmm(new Date(now.getTime() + HOUR)) },
      });
      const night = await Promise.all([1, 2, 3].map(() => lead()));
      expect(outcomes(await runAll(await enrolAll(seq.id, night)))).toEqual(["quiet_hours", "quiet_hours", "quiet_hours"]);
      expect(night.flatMap((l) => mailTo(l.email))).toHaveLength(0);
      const waiting = await stack.services
        .db("enrollments")
        .whereIn(
          "lead_id",
          night.map((l) => l.id),
        )
        .pluck("next_run_at");
      for (const at of waiting) expect(at.getTime()).toBeGreaterThan(now.getTime() + 50 * 60_000);
    } finally {
      await put("/nurture/settings", { send_rate_per_minute: null, quiet_hours: null });
    }
  });
});

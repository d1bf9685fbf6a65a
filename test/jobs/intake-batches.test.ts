import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { json, tag, writes } from "../support/json-api.ts";
import { startStack, expectEventually, type Stack } from "../support/stack.ts";
import { createJobContext } from "../../worker/job-context.ts";
import { intakeBatch } from "../../core/intake/intake.ts";
import { createDb } from "../../core/db.ts";
import { ALL_TENANTS } from "../../core/tenant-scope.ts";
import type { JobResult } from "../../core/context.ts";

const stacks: Stack[] = [];
const start = async (opts: Parameters<typeof startStack>[0] = {}) => {
  const s = await startStack(opts);
  stacks.push(s);
  return s;
};
afterAll(() => Promise.all(stacks.map((s) => s.stop())));

/** Posts leads (no worker runs) and answers their event ids in order. */
async function post(stack: Stack, leads: Record<string, unknown>[]) {
  const ids: string[] = [];
  for (const lead of leads) ids.push((await json(stack.postLead(lead), 202)).id);
  return ids;
}

/** Runs events through intake as one batch, the way a worker's batch does. */
async function batch(stack: Stack, ids: string[]) {
  const answers = await intakeBatch(createJobContext(stack.services), stack.tenantId, ids);
  for (const a of answers) if (a instanceof Error) throw a;
  return answers as JobResult[];
}

describe("batches of one, two and many", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await start();
  });

  it("when events are handled as batches of 1, 2 and 60, then each becomes its own lead with its submission, timeline and events", async () => {
    const t = tag();
    for (const size of [1, 2, 60]) {
      const ids = await post(
        stack,
        Array.from({ length: size }, (_, i) => ({
          name: `Size${size} Person${i}`,
          email: `b${size}-${i}-${t}@example.in`,
          company: `Co ${i}`,
        })),
      );
      const results = await batch(stack, ids);
      expect(results.map((r) => r.outcome)).toEqual(ids.map(() => "created"));
      const db = stack.services.db;
      const leads = await db("leads").whereIn("inbound_event_id", ids);
      expect(leads).toHaveLength(size);
      expect(new Set(leads.map((l) => l.lead_number)).size).toBe(size);
      expect(leads.every((l) => /^LEAD-\d{6}-\d{5}$/.test(l.lead_number) && l.email_key)).toBe(true);
      const leadIds = leads.map((l) => l.id);
      expect(await db("lead_submissions").whereIn("lead_id", leadIds).count({ n: "*" })).toEqual([{ n: size }]);
      expect(await db("activities").whereIn("record_id", leadIds).where("action", "lead.created").count({ n: "*" })).toEqual([{ n: size }]);
      expect(await db("outbox_events").whereIn("record_id", leadIds).where("type", "lead.created").count({ n: "*" })).toEqual([
        { n: size },
      ]);
      const events = await db("inbound_events").whereIn("id", ids);
      expect(events.every((e) => e.status === "done" && e.outcome === "created" && e.attempts === 1)).toBe(true);
      // Handled again (at-least-once delivery): nothing changes.
      expect((await batch(stack, ids)).map((r) => r.outcome)).toEqual(ids.map(() => "skipped"));
    }
  });
});

/**
 * Submissions of a few people, some of them several times (the same email, the same phone, a
 * typo in the name at the same company, a family sharing a phone), in an order where each may
 * meet an earlier one.
 */
function people(t: string) {
  return [
    { first_name: "Priya", last_name: "Raghavan", email: `priya.r.${t}@infosys.example`, company: `Infosys ${t} Ltd` },
    { first_name: "Rahul", last_name: "Sharma", phone: "+91 98450 1" + t.slice(0, 4).replace(/\D/g, "7").padEnd(4, "7"), city: "Pune" },
    {
      name: "Priya Raghavan",
      email: `priya.r.${t}@infosys.example`,
      phone: "+91 99000 12345",
      job_title: "CTO",
      budget: "5 lakh",
      company: `Infosys ${t} Ltd`,
    },
    { name: "Priya Raghavan", email: `priya.${t}@gmail.com`, phone: "9900012345", city: "Bengaluru" },
    { first_name: "Priya", last_name: "Ragavan", email: `praghavan.${t}@infosys.example`, company: `Infosys ${t} Limited` },
    { first_name: "Sunita", last_name: "Sharma", phone: "+91 98450 1" + t.slice(0, 4).replace(/\D/g, "7").padEnd(4, "7"), city: "Pune" },
    {
      first_name: "Rahul",
      last_name: "Sharma",
      phone: "+91 98450 1" + t.slice(0, 4).replace(/\D/g, "7").padEnd(4, "7"),
      job_title: "Owner",
    },
    { name: "Priya Raghavan", email: `PRIYA.R.${t}@INFOSYS.EXAMPLE`, gdpr_consent: true, message: "Call me after 5" },
  ];
}

/** What became of a tenant's submissions: outcomes in order, and each lead as its person sees it. */
async function outcome(stack: Stack, ids: string[], results: JobResult[]) {
  const db = stack.services.db;
  const leads = await db("leads").where("tenant_id", stack.tenantId).orderBy("lead_number");
  const event = new Map(ids.map((id, i) => [id, i]));
  const byEvent = (leadId: string) => leads.findIndex((l) => l.id === leadId);
  const reviews = await db("duplicate_reviews").where("tenant_id", stack.tenantId);
  const actions = await db("activities").where("tenant_id", stack.tenantId).whereIn("record_type", ["lead"]).select("record_id", "action");
  return {
    outcomes: results.map((r) => r.outcome),
    // Which lead (by creation order) each submission ended in.
    leadOf: results.map((r) => byEvent(r.leadId!)),
    leads: leads.map((l) => ({
      first: event.get(l.inbound_event_id),
      first_name: l.first_name,
      last_name: l.last_name,
      email: l.email,
      phone_e164: l.phone_e164,
      alt_phone: l.alt_phone,
      job_title: l.job_title,
      city: l.city,
      budget: l.budget,
      additional_emails: l.additional_emails,
      additional_phones: l.additional_phones,
      gdpr_consent: l.gdpr_consent,
      is_duplicate: l.is_duplicate,
      lead_score: l.lead_score,
      behaviour_score: l.behaviour_score,
      actions: actions
        .filter((a) => a.record_id === l.id)
        .map((a) => a.action)
        .sort(),
    })),
    reviews: reviews.map((r) => `${byEvent(r.lead_id)}→${byEvent(r.candidate_lead_id)}`).sort(),
    merges: Number((await db("lead_merges").where("tenant_id", stack.tenantId).count({ n: "*" }))[0].n),
    submissions: Number((await db("lead_submissions").where("tenant_id", stack.tenantId).count({ n: "*" }))[0].n),
  };
}

describe("one person several times in one batch", () => {
  let apart: Stack;
  let together: Stack;
  beforeAll(async () => {
    [apart, together] = [await start(), await start()];
  });

  it("when a person's submissions (exact and fuzzy matches) share one batch, then they end exactly as in batches of their own", async () => {
    const t = tag();
    const apartIds = await post(apart, people(t));
    const apartResults: JobResult[] = [];
    for (const id of apartIds) apartResults.push(...(await batch(apart, [id])));
    const togetherIds = await post(together, people(t));
    const togetherResults = await batch(together, togetherIds);

    const a = await outcome(apart, apartIds, apartResults);
    const b = await outcome(together, togetherIds, togetherResults);
    expect(b).toEqual(a);
    // And what that is: Priya's exact repeats merged into one lead; her name typo at her company and
    // Sunita on Rahul's phone are open reviews, not merges.
    expect(a.outcomes).toEqual(["created", "created", "merged", "merged", "created", "created", "merged", "merged"]);
    expect(a.leadOf[2]).toBe(a.leadOf[0]);
    expect(a.leadOf[3]).toBe(a.leadOf[0]);
    expect(a.leadOf[6]).toBe(a.leadOf[1]);
    expect(a.merges).toBe(4);
    expect(a.submissions).toBe(8);
    const priya = a.leads[a.leadOf[0]];
    expect(priya).toMatchObject({ job_title: "CTO", phone_e164: "+919900012345", gdpr_consent: true, budget: 500000 });
    expect(priya.additional_emails).toEqual([`priya.${t}@gmail.com`]);
    expect(priya.actions.filter((x) => x === "lead.resubmitted")).toHaveLength(3);
    expect(a.reviews.length).toBeGreaterThanOrEqual(2);
  });
});

describe("a poisoned event in a batch", () => {
  let stack: Stack;
  const owner = createDb(inject("databaseUrl"), { scope: ALL_TENANTS });
  const poison = `Poison${tag()}`;
  beforeAll(async () => {
    stack = await start();
    // A row the database refuses, whatever the reason (a constraint, a trigger, a bug): this one has a trigger.
    await owner.raw(`CREATE FUNCTION refuse_${poison}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused: % is poison', NEW.first_name; END $$`);
    await owner.raw(`CREATE TRIGGER refuse_${poison} BEFORE INSERT ON leads FOR EACH ROW
      WHEN (NEW.first_name = '${poison}') EXECUTE FUNCTION refuse_${poison}()`);
  });
  afterAll(async () => {
    await owner.raw(`DROP TRIGGER IF EXISTS refuse_${poison} ON leads`);
    await owner.raw(`DROP FUNCTION IF EXISTS refuse_${poison}()`);
    await owner.destroy();
  });

  it("when one event of a batch cannot be written, then the others commit and it alone fails, in the end with its error", async () => {
    const t = tag();
    const leads = Array.from({ length: 30 }, (_, i) => ({ first_name: i === 17 ? poison : `Good${i}`, email: `p${i}-${t}@example.in` }));
    const ids = await post(stack, leads);
    const answers = await intakeBatch(createJobContext(stack.services), stack.tenantId, ids);
    expect(answers.filter((a) => a instanceof Error)).toHaveLength(1);
    expect((answers[17] as Error).message).toContain("is poison");
    expect(await stack.services.db("leads").whereIn("inbound_event_id", ids).count({ n: "*" })).toEqual([{ n: 29 }]);

    // Through BullMQ: the poisoned job is retried on its own and, after its last attempt, ends failed with why.
    const more = await post(
      stack,
      Array.from({ length: 12 }, (_, i) => ({ first_name: i === 5 ? poison : `More${i}`, email: `m${i}-${t}@example.in` })),
    );
    await stack.startWorker();
    const queue = stack.services.queues.get("intake");
    const job = `intake-${more[5]}`;
    await expectEventually(async () => {
      const state = await queue.getJobState(job);
      if (state === "delayed") await (await queue.getJob(job))!.promote();
      expect(state).toBe("failed");
    }, 30_000);
    const ev = await expectEventually(async () => {
      const row = await stack.services.db("inbound_events").where("id", more[5]).first();
      expect(row.status).toBe("failed");
      return row;
    });
    expect(ev.error.message).toContain("is poison");
    const others = await stack.services.db("inbound_events").whereIn("id", more).whereNot("id", more[5]);
    expect(others.every((e) => e.status === "done" && e.outcome === "created")).toBe(true);
  });
});

describe("round robin within and across batches", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await start();
  });

  it("when leads for a team arrive in batches of several sizes, then each rep's share stays within one of the others', with SLA and notification each", async () => {
    const { post: create } = writes(() => stack);
    const team = await create("/teams", { name: `Desk ${tag()}` });
    const reps: string[] = [];
    for (let i = 0; i < 3; i++) {
      const u = await create("/users", {
        email: `rr${i}-${tag()}@acme.test`,
        name: `Rep ${i}`,
        password: "rep-password-1",
        role: "rep",
        team_id: team.id,
      });
      reps.push(u.id);
    }
    await create("/assignment_rules", {
      name: "Desk",
      condition: { all: [] },
      target_team_id: team.id,
      strategy: "round_robin",
      sla_minutes: 30,
    });
    const t = tag();
    const counts = new Map(reps.map((r) => [r, 0]));
    let n = 0;
    for (const size of [1, 7, 2, 11, 5]) {
      const ids = await post(
        stack,
        Array.from({ length: size }, () => ({ name: `Round Robin${n}`, email: `rr${n++}-${t}@example.in` })),
      );
      await batch(stack, ids);
      const owners = await stack.services.db("leads").whereIn("inbound_event_id", ids).select("id", "owner_id", "sla_due_at");
      expect(owners.every((l) => l.owner_id && l.sla_due_at)).toBe(true);
      for (const l of owners) counts.set(l.owner_id, counts.get(l.owner_id)! + 1);
      // Fair after every batch, not only in the end.
      expect(Math.max(...counts.values()) - Math.min(...counts.values())).toBeLessThanOrEqual(1);
      const notified = await stack.services
        .db("notifications")
        .whereIn(
          "lead_id",
          owners.map((l) => l.id),
        )
        .where("kind", "lead_assigned");
      expect(notified).toHaveLength(size);
    }
    expect([...counts.values()].reduce((a, b) => a + b)).toBe(26);
  });
});

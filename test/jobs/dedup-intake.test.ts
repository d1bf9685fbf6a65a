import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../support/stack.ts";
import { handleIntake } from "../../jobs/intake/intake.job.ts";
import { createJobContext } from "../../worker/job-context.ts";
import { undoLastMerge } from "../../core/dedup/merge.ts";

describe("dedup in intake", () => {
  let stack: Stack;
  const run = async (lead: object) => {
    const res = await stack.postLead(lead);
    expect(res.status).toBe(202);
    const { id } = await res.json();
    const result = await handleIntake(createJobContext(stack.services), { tenantId: stack.tenantId, eventId: id });
    return { eventId: id as string, ...result };
  };
  const db = () => stack.services.db;
  let seq = 0;
  const uniq = () => `${Date.now().toString(36)}${++seq}`;
  /** A mobile number no other test uses: 98 + 8 digits from the run. */
  const mobile = () => `98${String(Date.now() % 1e6).padStart(6, "0")}${String(++seq % 100).padStart(2, "0")}`;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  it("when the same person comes back with their email written differently, then the submission merges into their lead and fills its empty fields", async () => {
    const u = uniq();
    const first = await run({ name: "Rahul Patil", email: `rahul.patil.${u}@gmail.com`, source: "google_ads" });
    expect(first.outcome).toBe("created");
    const second = await run({
      first_name: "RAHUL",
      last_name: "patil",
      email: `Rahul.Patil.${u}+promo@GMIAL.com`,
      company: "Acme Infra Pvt Ltd",
      city: "Pune",
      job_title: "Director",
      source: "partner_csv",
    });
    expect(second.outcome).toBe("merged");
    expect(second.leadId).toBe(first.leadId);

    const event = await db()("inbound_events").where("id", second.eventId).first();
    expect(event).toMatchObject({ status: "done", outcome: "merged", lead_id: first.leadId });
    const lead = await db()("leads").where("id", first.leadId).first();
    expect(lead).toMatchObject({
      first_name: "Rahul",
      company: "Acme Infra Pvt Ltd",
      city: "Pune",
      job_title: "Director",
      source: "google_ads",
    });
    expect(
      await db()("leads")
        .where({ tenant_id: stack.tenantId, email_key: `rahulpatil${u}@gmail.com` })
        .pluck("id"),
    ).toEqual([first.leadId]);
    const submissions = await db()("lead_submissions").where("lead_id", first.leadId).orderBy("created_at");
    expect(submissions).toHaveLength(2);
    expect(submissions[1].not_taken).toMatchObject({ email: `rahul.patil.${u}+promo@gmial.com` });
    const entry = await db()("activities").where({ record_id: first.leadId, action: "lead.resubmitted" }).first();
    expect(entry.title).toBe("Submitted again via partner_csv");
    expect(entry.body).toContain("same email");
  });

  it("when a phone arrives in four different formats with the name written four ways, then it is one lead", async () => {
    const m = mobile();
    const national = `${m.slice(0, 5)} ${m.slice(5)}`;
    const variants = [
      { name: "Venkatesh Iyer", phone: `+91 ${national}` },
      { name: "Venky Iyer", phone: `0${national}` },
      { first_name: "Iyer", last_name: "Venkatesh", phone: `(+91) ${m.slice(0, 5)}-${m.slice(5)}` },
      { name: "V. Iyer", phone: `91${m}` },
    ];
    const results = [];
    for (const v of variants) results.push(await run(v));
    expect(results.map((r) => r.outcome)).toEqual(["created", "merged", "merged", "merged"]);
    expect(new Set(results.map((r) => r.leadId)).size).toBe(1);
  });

  it("when two people share only a common name, then they are two leads and nobody is asked", async () => {
    const a = await run({ name: "Rahul Sharma", email: `rahul.sharma.${uniq()}@gmail.com`, company: "Sunrise Builders", city: "Delhi" });
    const b = await run({
      name: "Rahul Sharma",
      email: `rsharma.${uniq()}@yahoo.co.in`,
      phone: mobile(),
      company: "Everest Pharma",
      city: "Delhi",
    });
    expect([a.outcome, b.outcome]).toEqual(["created", "created"]);
    expect(a.leadId).not.toBe(b.leadId);
    expect(await db()("duplicate_reviews").where("lead_id", b.leadId).first()).toBeUndefined();
  });

  it("when a family member writes from the same phone, then a new lead is created and a review opened, never a merge", async () => {
    const phone = mobile();
    const a = await run({ name: "Ramesh Kulkarni", phone, city: "Nashik" });
    const b = await run({ name: "Rajesh Kulkarni", phone, city: "Nashik" });
    expect(b.outcome).toBe("created");
    expect(b.leadId).not.toBe(a.leadId);
    const review = await db()("duplicate_reviews").where("lead_id", b.leadId).first();
    expect(review).toMatchObject({ candidate_lead_id: a.leadId, status: "open", origin: "intake" });
    expect(review.reasons).toContain("same phone");
    expect(Number(review.score)).toBeGreaterThanOrEqual(0.6);
    expect(Number(review.score)).toBeLessThan(0.9);
    expect(await db()("leads").where("id", b.leadId).first()).toMatchObject({ is_duplicate: true, duplicate_of_id: a.leadId });
  });

  it("when one person is posted 10 times at once, then there is one lead and nine merges", async () => {
    const u = uniq();
    const posted = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const res = await stack.postLead({
          name: "Sneha Joshi",
          email: `sneha.joshi.${u}@gmail.com`,
          phone: i % 2 ? `+91 ${mobile()}` : undefined,
        });
        return (await res.json()).id as string;
      }),
    );
    const results = await Promise.all(
      posted.map((eventId) => handleIntake(createJobContext(stack.services), { tenantId: stack.tenantId, eventId })),
    );
    expect(results.filter((r) => r.outcome === "created")).toHaveLength(1);
    expect(results.filter((r) => r.outcome === "merged")).toHaveLength(9);
    expect(new Set(results.map((r) => r.leadId)).size).toBe(1);
    expect(await db()("leads").where("email_key", `snehajoshi${u}@gmail.com`).whereNull("deleted_at")).toHaveLength(1);
  });

  it("when a lost lead comes back, then it is re-engaged: a milestone, reopened as new", async () => {
    const email = `lost.${uniq()}@outlook.com`;
    const first = await run({ name: "Madhuri Deshpande", email });
    await db()("leads")
      .where("id", first.leadId)
      .update({ status: "lost", last_activity_at: new Date(Date.now() - 90 * 86_400_000) });
    const back = await run({ name: "Madhuri Deshpande", email, source: "website" });
    expect(back.outcome).toBe("merged");
    expect(back.detail).toContain("re-engaged");
    const lead = await db()("leads").where("id", first.leadId).first();
    expect(lead.status).toBe("new");
    const milestone = await db()("milestones").where({ record_id: first.leadId, kind: "reengaged" }).first();
    expect(milestone.title).toContain("was lost");
  });

  it("when a merge is undone, then the submission gets its own lead back and the pair is remembered as different", async () => {
    const email = `undo.${uniq()}@gmail.com`;
    const first = await run({ name: "Anil Pawar", email });
    const second = await run({ name: "Anil Pawar", email, company: "Pioneer Steel", city: "Kolhapur" });
    expect(second.outcome).toBe("merged");
    const now = new Date();
    const { splitLeadId } = await db().transaction((trx) => undoLastMerge(trx, stack.tenantId, first.leadId!, { region: "IN", now }));
    const survivor = await db()("leads").where("id", first.leadId).first();
    expect(survivor.company).toBeNull();
    expect(survivor.city).toBeNull();
    const split = await db()("leads").where("id", splitLeadId).first();
    expect(split).toMatchObject({ company: "Pioneer Steel", city: "Kolhapur", inbound_event_id: second.eventId });
    expect(await db()("lead_submissions").where("inbound_event_id", second.eventId).first()).toMatchObject({ lead_id: splitLeadId });
    expect(await db()("inbound_events").where("id", second.eventId).first()).toMatchObject({ lead_id: splitLeadId, outcome: "created" });
    const [a, b] = [first.leadId!, splitLeadId].sort();
    expect(await db()("dedup_exclusions").where({ lead_a: a, lead_b: b }).first()).toBeDefined();
  });

  it("when a tenant raises its auto-merge threshold above what an email alone gives, then the same email opens a review instead", async () => {
    const other = await startStack();
    try {
      await other.services
        .db("tenants")
        .where("id", other.tenantId)
        .update({ settings: JSON.stringify({ dedup: { autoMergeAt: 1, weights: { email: 0.7, name: 0.2 } } }) });
      const email = `strict.${uniq()}@gmail.com`;
      const go = async (lead: object) => {
        const { id } = await (await other.postLead(lead)).json();
        return handleIntake(createJobContext(other.services), { tenantId: other.tenantId, eventId: id });
      };
      const a = await go({ name: "Kiran More", email });
      const b = await go({ name: "Kiran More", email });
      expect(b.outcome).toBe("created");
      expect(await other.services.db("duplicate_reviews").where({ lead_id: b.leadId, candidate_lead_id: a.leadId }).first()).toBeDefined();
    } finally {
      await other.stop();
    }
  });

  it("when a honeypot spam submission shares a real person's email, then the person's next submission does not merge into the spam", async () => {
    const email = `spammed.${uniq()}@gmail.com`;
    const spam = await db()("leads")
      .insert({ tenant_id: stack.tenantId, lead_number: `SPAM-${uniq()}`, email, email_canonical: email, spam_score: 100 })
      .returning("id");
    const real = await run({ name: "Real Person", email });
    expect(real.outcome).toBe("created");
    expect(real.leadId).not.toBe(spam[0].id);
  });
});

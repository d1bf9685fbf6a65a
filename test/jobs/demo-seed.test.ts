import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../support/stack.ts";
import { seedDemo } from "../../migrations/seeds/demo.ts";
import { handleIntake } from "../../jobs/intake/intake.job.ts";
import { createJobContext } from "../../worker/job-context.ts";

describe("demo data", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    await seedDemo(stack.services.db, stack.tenantId, stack.services.log, stack.services.keys.secrets);
  });
  afterAll(() => stack?.stop());

  it("when the demo is seeded, then its leads carry matching keys and the review queue has open reviews of real pairs", async () => {
    const db = stack.services.db;
    const leads = await db("leads").where("tenant_id", stack.tenantId);
    expect(leads.length).toBeGreaterThan(300);
    expect(leads.filter((l) => l.email && !l.email_key)).toHaveLength(0);
    expect(leads.filter((l) => !l.name_key)).toHaveLength(0);
    const reviews = await db("duplicate_reviews").where({ tenant_id: stack.tenantId, status: "open" });
    expect(reviews.length).toBeGreaterThanOrEqual(3);
    for (const r of reviews) {
      const [a, b] = [leads.find((l) => l.id === r.lead_id), leads.find((l) => l.id === r.candidate_lead_id)];
      expect(a.phone_e164).toBe(b.phone_e164);
      expect(a.first_name).not.toBe(b.first_name);
      expect(a).toMatchObject({ is_duplicate: true, duplicate_of_id: b.id });
    }
  });

  it("when the demo is seeded, then its welcome sequence has a month of sends, opens and exits, and its enrol rule takes new web leads", async () => {
    const [welcome] = await (await stack.api(`/sequences?filter=${encodeURIComponent(JSON.stringify({ q: "Welcome" }))}`)).json();
    const stats = await (await stack.api(`/sequences/${welcome.id}/stats`)).json();
    expect(stats.enrolled).toBeGreaterThan(10);
    expect(stats.sent).toBeGreaterThan(stats.enrolled);
    expect(stats.opened).toBeGreaterThan(0);
    expect(stats.opened).toBeLessThan(stats.sent);
    expect(stats.daily.length).toBeGreaterThan(5);
    const { id } = await (await stack.postLead({ name: "Naina Kapoor", email: "naina.kapoor@example.in", source: "website" })).json();
    const result = await handleIntake(createJobContext(stack.services), { tenantId: stack.tenantId, eventId: id });
    expect(
      await stack.services.db("enrollments").where({ lead_id: result.leadId, sequence_id: welcome.id }).first("status", "source"),
    ).toEqual({ status: "active", source: "rule" });
  });

  it("when a demo person submits again, then intake merges into their demo lead", async () => {
    const lead = await stack.services
      .db("leads")
      .where("tenant_id", stack.tenantId)
      .whereNotNull("email")
      .where("is_duplicate", false)
      .orderBy("lead_number")
      .first();
    const { id } = await (await stack.postLead({ name: `${lead.first_name} ${lead.last_name}`, email: lead.email.toUpperCase() })).json();
    const result = await handleIntake(createJobContext(stack.services), { tenantId: stack.tenantId, eventId: id });
    expect(result).toMatchObject({ outcome: "merged", leadId: lead.id });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, tag, writes } from "../support/json-api.ts";
import { startStack, expectEventually, type Stack } from "../support/stack.ts";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink.ts";
import { createJobContext } from "../../worker/job-context.ts";
import { decayScores } from "../../jobs/scoring/decay.job.ts";
import { scoreEngagement } from "../../jobs/scoring/engagement.job.ts";
import { sendNotifications } from "../../core/notifications/send.ts";

/** Real time moved on by `offset`: SLA deadlines and decay come due without waiting. */
let offset = 0;
const clock = { now: () => new Date(Date.now() + offset) };
let stack: Stack;
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
  stack = await startStack({ worker: true, clock, env: { SMTP_URL: sink.url } });
});
afterAll(async () => {
  await stack?.stop();
  await sink?.close();
});

const { post, put } = writes(() => stack);

async function rep(name: string, extra: Record<string, unknown> = {}) {
  const u = await post("/users", {
    email: `${name.toLowerCase().replace(/\W/g, "")}-${tag()}@acme.test`,
    name,
    password: "rep-password-1",
    role: "rep",
    ...extra,
  });
  return u.id as string;
}

/** Posts a lead and waits until intake has finished with it; answers the lead as the API shows it. */
async function arrive(lead: Record<string, unknown>) {
  const { id } = await json(stack.postLead(lead), 202);
  const ev = await expectEventually(async () => {
    const e = await json(stack.api(`/inbound_events/${id}`));
    expect(e.status).toBe("done");
    return e;
  }, 15_000);
  return json(stack.api(`/leads/${ev.lead_id}`));
}
const timeline = async (leadId: string) =>
  (await json(stack.api(`/leads/${leadId}/timeline`))) as { action: string; title: string; body: string | null }[];

describe("scoring", () => {
  it("when rules are saved, then a new lead is scored on arrival and says why", async () => {
    expect(
      (
        await stack.api("/scoring_rules", {
          method: "POST",
          json: { name: "Bad", condition: { all: [{ field: "budget", op: "between", value: 1 }] }, points: 5 },
        })
      ).status,
    ).toBe(422);
    await post("/scoring_rules", {
      name: "Budget ≥ 5 lakh",
      condition: { all: [{ field: "budget", op: "gte", value: 500000 }] },
      points: 20,
    });
    await post("/scoring_rules", {
      name: "Decision maker",
      condition: { all: [{ field: "authority", op: "contains", value: "decision" }] },
      points: 15,
    });
    await post("/scoring_rules", { name: "Referral", condition: { all: [{ field: "source", op: "eq", value: "referral" }] }, points: 10 });
    await post("/scoring_rules", { name: "Free mail", condition: { all: [{ field: "is_free_mail", op: "eq", value: true }] }, points: -5 });
    await post("/scoring_rules", {
      name: "Outside India",
      condition: { all: [{ field: "country", op: "not_in", value: ["IN", "India"] }] },
      points: -30,
    });

    const lead = await arrive({
      first_name: "Meera",
      last_name: "Iyer",
      email: `meera.${tag()}@gmail.com`,
      phone: "+91 98200 1" + String(Math.floor(Math.random() * 1e4)).padStart(4, "0"),
      budget: "750000",
      authority: "Decision maker",
      source: "referral",
      country: "IN",
    });
    expect(lead).toMatchObject({ lead_score: 40, grade: "C", priority: "medium" });
    const history = await json(stack.api(`/leads/${lead.id}/score_history`));
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ score: 40, previous_score: 0, reason: "rules" });
    expect(history[0].details.rules.map((r: { name: string }) => r.name)).toEqual([
      "Budget ≥ 5 lakh",
      "Decision maker",
      "Referral",
      "Free mail",
    ]);
    const scored = (await timeline(lead.id)).find((e) => e.action === "lead.scored")!;
    expect(scored.title).toMatch(/^Scored 40 \(C\) by scoring rules v5$/);
    expect(scored.body).toContain("+20 Budget ≥ 5 lakh");
  });

  it("when the rules change, then every lead is re-scored by a job with progress, and the dry run showed it first", async () => {
    const rules = await json(stack.api("/scoring_rules"));
    const draft = rules.map((r: { id: string; name: string; condition: unknown; points: number }) => ({
      id: r.id,
      name: r.name,
      condition: r.condition,
      points: r.name === "Referral" ? 40 : r.points,
    }));
    const dry = await post("/scoring_rules/dry_run", { rules: draft, limit: 50 }, 200);
    expect(dry.changed).toBeGreaterThanOrEqual(1);
    expect(dry.changes[0]).toMatchObject({ from: { score: 40, grade: "C" }, to: { score: 70, grade: "B" } });
    // The dry run wrote nothing.
    expect((await json(stack.api(`/leads/${dry.changes[0].lead_id}`))).lead_score).toBe(40);

    const published = await put("/scoring_rules/set", { rules: draft });
    const run = await expectEventually(async () => {
      const r = await json(stack.api(`/rescore_runs/${published.rescore_run_id}`));
      expect(r.status).toBe("done");
      return r;
    }, 15_000);
    expect(run.processed).toBeGreaterThanOrEqual(1);
    const lead = await json(stack.api(`/leads/${dry.changes[0].lead_id}`));
    expect(lead).toMatchObject({ lead_score: 70, grade: "B", score_version: published.version });
    const [last] = await json(stack.api(`/leads/${lead.id}/score_history`));
    expect(last).toMatchObject({ reason: "rescore", previous_score: 40, score: 70, rule_version: published.version });
    const versions = await json(stack.api(`/rule_versions?filter=${encodeURIComponent(JSON.stringify({ kind: "scoring" }))}`));
    expect(versions[0]).toMatchObject({ version: published.version, change: "published 5 rules" });
  });

  it("when a lead engages, then behaviour points count once, and idle leads decay", async () => {
    const lead = await arrive({ first_name: "Kabir", email: `kabir.${tag()}@tatasteel.com`, country: "IN" });
    const before = lead.lead_score;
    const e = await post(`/leads/${lead.id}/engagements`, { type: "demo" });
    await expectEventually(async () => expect((await json(stack.api(`/leads/${lead.id}`))).lead_score).toBe(before + 20));
    // The same engagement again (a retried job) adds nothing.
    const ctx = createJobContext(stack.services);
    expect((await scoreEngagement(ctx, { tenantId: stack.tenantId, engagementId: e.id })).outcome).toBe("skipped");
    expect((await json(stack.api(`/leads/${lead.id}`))).lead_score).toBe(before + 20);

    offset += 8 * 86_400_000;
    try {
      await decayScores(ctx);
      await decayScores(ctx); // the same day again: nothing more
      const after = await json(stack.api(`/leads/${lead.id}`));
      expect(after).toMatchObject({ lead_score: before + 15, behaviour_score: 15 });
      const [last] = await json(stack.api(`/leads/${lead.id}/score_history`));
      expect(last).toMatchObject({ reason: "decay", delta: -5 });
    } finally {
      offset -= 8 * 86_400_000;
    }
  });
});

describe("conversion at intake", () => {
  it("when a new lead already meets a conversion rule, then intake converts it in the same transaction", async () => {
    const rule = await post("/conversion_rules", {
      name: "Big budget",
      condition: { all: [{ field: "budget", op: "gte", value: 5_000_000 }] },
    });
    try {
      const small = await arrive({ first_name: "Small", email: `small.${tag()}@co-${tag()}.in`, budget: "100000" });
      const big = await arrive({ first_name: "Big", email: `big.${tag()}@co-${tag()}.in`, company: `Big ${tag()} Ltd`, budget: "6000000" });
      expect(small.status).toBe("new");
      expect(big).toMatchObject({ status: "converted" });
      expect(big.converted_opportunity_id).toBeTruthy();
      expect((await json(stack.api(`/opportunities/${big.converted_opportunity_id}`))).value).toBe(6_000_000);
    } finally {
      await json(stack.api(`/conversion_rules/${rule.id}`, { method: "DELETE" }));
    }
  });
});

describe("assignment", () => {
  let team: string;
  let reps: string[];
  let manager: string;

  beforeAll(async () => {
    manager = await rep("Manager Mona", { role: "manager" });
    team = (await post("/teams", { name: `West ${tag()}`, manager_id: manager })).id;
    reps = [];
    for (const name of ["Asha", "Bilal", "Chitra"]) reps.push(await rep(name, { team_id: team }));
    await put(`/users/${manager}`, { notify_new_leads: "off" });
  });

  it("when a rule targets a team with round robin, then its reps take turns, the timeline says who and why, and each rep is mailed once", async () => {
    expect((await stack.api("/assignment_rules", { method: "POST", json: { name: "No target", condition: { all: [] } } })).status).toBe(
      422,
    );
    await post("/assignment_rules", {
      name: "Maharashtra",
      priority: 10,
      condition: { all: [{ field: "state", op: "eq", value: "Maharashtra" }] },
      target_team_id: team,
      strategy: "round_robin",
      sla_minutes: 30,
    });
    const owners: string[] = [];
    for (let i = 0; i < 6; i++) {
      const lead = await arrive({ first_name: `Lead${i}`, email: `rr${i}.${tag()}@acme-${tag()}.in`, state: "Maharashtra", city: "Pune" });
      owners.push(lead.owner_id);
      expect(lead.team_id).toBe(team);
      expect(lead.sla_due_at).not.toBeNull();
    }
    expect(owners).toEqual([...reps, ...reps]);
    const [assigned] = (await timeline(await firstLeadOf(reps[0]))).filter((e) => e.action === "lead.assigned");
    expect(assigned.title).toBe("Assigned to Asha");
    expect(assigned.body).toMatch(
      /^New lead: rule "Maharashtra" \(West \w+, round robin\), assignment rules v1; to be contacted within 30 min$/,
    );

    const ctx = createJobContext(stack.services);
    await sendNotifications(ctx, { digest: false });
    await sendNotifications(ctx, { digest: false });
    const mails = sink.messages.filter((m) => m.subject?.startsWith("New lead: Lead"));
    expect(mails).toHaveLength(6);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(6);
  });

  it("when a rep is out of office or outside working hours, then they get nothing, and with nobody left the fallback owner does", async () => {
    expect((await stack.api(`/users/${reps[1]}`, { method: "PUT", json: { time_zone: "Mars/Olympus_Mons" } })).status).toBe(422);
    expect((await stack.api(`/users/${reps[1]}`, { method: "PUT", json: { working_hours: { mon: [9, 18] } } })).status).toBe(422);
    await put(`/users/${reps[0]}`, { out_of_office: true });
    await put(`/users/${reps[1]}`, { working_hours: { sun: ["03:00", "03:01"] }, time_zone: "Pacific/Kiritimati" });
    try {
      for (let i = 0; i < 3; i++)
        expect((await arrive({ email: `ooo${i}.${tag()}@acme-${tag()}.in`, state: "Maharashtra" })).owner_id).toBe(reps[2]);
      await put(`/users/${reps[2]}`, { capacity: 0 });
      const fallback = await rep("Fallback Farah", { notify_new_leads: "digest" });
      await put("/assignment_settings", { fallback_user_id: fallback });
      const lead = await arrive({ email: `full.${tag()}@acme-${tag()}.in`, state: "Maharashtra" });
      expect(lead.owner_id).toBe(fallback);
      const entry = (await timeline(lead.id)).find((e) => e.action === "lead.assigned")!;
      expect(entry.body).toContain('fallback owner (rule "Maharashtra": nobody in West');
      // Digest recipients get one mail for their leads, on the hourly run only.
      const ctx = createJobContext(stack.services);
      await sendNotifications(ctx, { digest: false });
      expect(sink.messages.filter((m) => m.to && JSON.stringify(m.to).includes("fallbackfarah"))).toHaveLength(0);
      await sendNotifications(ctx, { digest: true });
      expect(sink.messages.filter((m) => JSON.stringify(m.to).includes("fallbackfarah"))).toHaveLength(1);
    } finally {
      await put(`/users/${reps[0]}`, { out_of_office: false });
      await put(`/users/${reps[1]}`, { working_hours: null });
      await put(`/users/${reps[2]}`, { capacity: null });
      await put("/assignment_settings", { fallback_user_id: null });
    }
  });

  it("when the owner does not contact a lead within the SLA, then it is reassigned and the manager told; a contacted lead stays", async () => {
    const first = await arrive({ email: `sla1.${tag()}@acme-${tag()}.in`, state: "Maharashtra" });
    const second = await arrive({ email: `sla2.${tag()}@acme-${tag()}.in`, state: "Maharashtra" });
    // The second lead's owner calls within the SLA.
    const owner = (await json(stack.api(`/users/${second.owner_id}`))).email;
    const { token } = await json(
      fetch(`${stack.baseUrl}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: owner, password: "rep-password-1" }),
      }),
    );
    await json(stack.api("/activities", { method: "POST", token, json: { record_id: second.id, type: "call", title: "Intro call" } }), 201);

    // The schedule's job, through BullMQ: nothing is due yet, then 31 minutes later it is.
    const runSlaJob = async (slot: string) => {
      await stack.services.queues.enqueue("assignment.sla", { tenantId: null, slot }, { jobId: `sla-test-${slot}` });
      await expectEventually(
        async () => expect(await stack.services.queues.get("assignment").getJobState(`sla-test-${slot}`)).toBe("completed"),
        15_000,
      );
    };
    await runSlaJob(`${tag()}-early`);
    expect((await json(stack.api(`/leads/${first.id}`))).owner_id).toBe(first.owner_id);
    offset += 31 * 60_000;
    try {
      await runSlaJob(`${tag()}-late`);
      const moved = await json(stack.api(`/leads/${first.id}`));
      expect(moved.owner_id).not.toBe(first.owner_id);
      expect(reps).toContain(moved.owner_id);
      const entry = (await timeline(first.id)).find((e) => e.action === "lead.assigned" && e.body?.startsWith("SLA missed"))!;
      expect(entry.body).toMatch(/^SLA missed: not contacted within 30 min by \w+: rule "Maharashtra"/);
      expect((await json(stack.api(`/leads/${second.id}`))).owner_id).toBe(second.owner_id);
      const told = await stack.services.db("notifications").where({ user_id: manager, lead_id: first.id, kind: "sla_reassigned" });
      expect(told).toHaveLength(1);
    } finally {
      offset -= 31 * 60_000;
    }
  });

  it("when a changed rule set is dry-run, then it shows whose leads would move, without moving them", async () => {
    const other = (await post("/teams", { name: `East ${tag()}` })).id;
    const dara = await rep("Dara", { team_id: other });
    const rules = [{ name: "All to East", condition: { all: [] }, target_team_id: other, strategy: "least_loaded" }];
    const dry = await post("/assignment_rules/dry_run", { rules, limit: 5 }, 200);
    expect(dry.leads).toBe(5);
    expect(dry.changes.every((c: { to_owner_id: string }) => c.to_owner_id === dara)).toBe(true);
    expect(await stack.services.db("leads").where({ tenant_id: stack.tenantId, owner_id: dara }).count({ n: "*" })).toEqual([{ n: 0 }]);
  });

  async function firstLeadOf(owner: string) {
    const list = await json(
      stack.api(
        `/leads?filter=${encodeURIComponent(JSON.stringify({ owner_id: owner }))}&sort=${encodeURIComponent('["created_at","ASC"]')}`,
      ),
    );
    return list[0].id as string;
  }
});

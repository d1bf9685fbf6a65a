import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { json, tag, writes } from "../support/json-api.ts";
import { startStack, type Stack } from "../support/stack.ts";
import { gstinCheckChar } from "../../core/dedup/keys.ts";
import { createJobContext } from "../../worker/job-context.ts";
import { rescore } from "../../jobs/scoring/rescore.job.ts";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const { post, put } = writes(() => stack);
/** A valid GSTIN with a random PAN (five letters, four digits, a letter). */
function gstin() {
  const letters = Array.from(randomBytes(6), (b) => String.fromCharCode(65 + (b % 26))).join("");
  const first14 = `27${letters.slice(0, 5)}${String(1000 + (randomBytes(2).readUInt16BE() % 9000))}${letters[5]}1Z`;
  return first14 + gstinCheckChar(first14);
}
const count = async (table: string) => Number((await stack.services.db(table).where("tenant_id", stack.tenantId).count({ n: "*" }))[0].n);

describe("conversion", () => {
  // First in the file: the tenant has no pipeline yet, and every conversion wants to make it, each
  // inside a lead update that has already written a timeline entry (a key-share lock on the tenant).
  it("when ten leads of a new tenant convert at once by rule, then all convert and the pipeline is made once", async () => {
    const wave = `wave-${tag()}`;
    const rule = await post("/conversion_rules", {
      name: "First wave",
      condition: {
        all: [
          { field: "status", op: "eq", value: "contacted" },
          { field: "tags", op: "eq", value: wave },
        ],
      },
    });
    try {
      const leads = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          post("/leads", {
            first_name: `First${i}`,
            email: `first${i}.${tag()}@co${i}-${tag()}.in`,
            company: `Co ${i} ${tag()}`,
            tags: [wave],
          }),
        ),
      );
      const results = await Promise.all(leads.map((l) => stack.api(`/leads/${l.id}`, { method: "PUT", json: { status: "contacted" } })));
      expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
      expect(
        await stack.services
          .db("leads")
          .whereIn(
            "id",
            leads.map((l) => l.id),
          )
          .where("status", "converted")
          .count({ n: "*" }),
      ).toEqual([{ n: 10 }]);
      expect(await count("pipeline_stages")).toBe(6);
    } finally {
      await json(stack.api(`/conversion_rules/${rule.id}`, { method: "DELETE" }));
    }
  });

  it("when a lead is converted, then account, contact and deal are made once, and a second call answers the same ids", async () => {
    const t = tag();
    const lead = await post("/leads", {
      first_name: "Rohan",
      last_name: "Kulkarni",
      email: `rohan.${t}@sahyadri-${t}.in`,
      company: `Sahyadri ${t} Infra Pvt Ltd`,
      budget: 4500000,
      product_interest: "Warehouse lease",
      authority: "Decision maker",
    });
    const preview = await json(stack.api(`/leads/${lead.id}/convert/preview`));
    expect(preview).toMatchObject({
      account: { action: "create", name: `Sahyadri ${t} Infra Pvt Ltd` },
      contact: { action: "create" },
      opportunity: { value: 4500000, stage: "Qualification", probability: 10 },
    });

    const ids = await post(`/leads/${lead.id}/convert`, {});
    expect(Object.keys(ids).sort()).toEqual(["account_id", "contact_id", "opportunity_id"]);
    const before = await Promise.all(["accounts", "contacts", "opportunities"].map(count));
    expect(await post(`/leads/${lead.id}/convert`, {}, 200)).toEqual(ids);
    expect(await Promise.all(["accounts", "contacts", "opportunities"].map(count))).toEqual(before);

    expect(await json(stack.api(`/leads/${lead.id}`))).toMatchObject({
      status: "converted",
      converted_account_id: ids.account_id,
      converted_opportunity_id: ids.opportunity_id,
    });
    expect(await json(stack.api(`/opportunities/${ids.opportunity_id}`))).toMatchObject({
      name: `Sahyadri ${t} Infra Pvt Ltd – Warehouse lease`,
      value: 4500000,
      status: "open",
      account_id: ids.account_id,
      primary_contact_id: ids.contact_id,
    });
    expect(await json(stack.api(`/contacts/${ids.contact_id}`))).toMatchObject({ is_primary: true, role: "decision_maker" });

    // A colleague from the same company (written differently) joins the account; a Gmail address matches nobody by domain.
    const colleague = await post("/leads", {
      first_name: "Sneha",
      email: `sneha.${t}@gmail.com`,
      company: `SAHYADRI ${t} INFRA PRIVATE LIMITED`,
    });
    const p2 = await json(stack.api(`/leads/${colleague.id}/convert/preview`));
    expect(p2.account).toMatchObject({ action: "match", id: ids.account_id, matched_by: "company name" });
    const ids2 = await post(`/leads/${colleague.id}/convert`, {});
    expect(ids2.account_id).toBe(ids.account_id);
    expect(await json(stack.api(`/contacts/${ids2.contact_id}`))).toMatchObject({ is_primary: false });
  });

  it("when colleagues from one company convert at once, then they share one new account", async () => {
    const company = `Nilgiri ${tag()} Foods Pvt Ltd`;
    const leads = await Promise.all(
      ["Asha", "Bala", "Chandra", "Devi"].map((n) =>
        post("/leads", { first_name: n, email: `${n.toLowerCase()}.${tag()}@gmail.com`, company }),
      ),
    );
    const ids = await Promise.all(leads.map((l) => post(`/leads/${l.id}/convert`, {})));
    expect(new Set(ids.map((i) => i.account_id)).size).toBe(1);
  });

  it("when the same lead is converted twice at once, then one deal exists", async () => {
    const lead = await post("/leads", { first_name: "Twice", email: `twice.${tag()}@acme-${tag()}.in`, company: `Acme ${tag()}` });
    const [a, b] = await Promise.all([
      stack.api(`/leads/${lead.id}/convert`, { method: "POST", json: {} }),
      stack.api(`/leads/${lead.id}/convert`, { method: "POST", json: {} }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(await a.json()).toEqual(await b.json());
    expect(await stack.services.db("opportunities").where("lead_id", lead.id).count({ n: "*" })).toEqual([{ n: 1 }]);
  });

  it("when a GSTIN names an existing account, then conversion finds it by that", async () => {
    const g = gstin();
    const wrongCheck = g.slice(0, 14) + (g[14] === "A" ? "B" : "A");
    expect((await stack.api("/accounts", { method: "POST", json: { name: "Bad", gstin: wrongCheck } })).status).toBe(422);
    const account = await post("/accounts", { name: `Kaveri ${tag()} Textiles`, gstin: g });
    const lead = await post("/leads", { first_name: "Anil", email: `anil.${tag()}@kt-${tag()}.in`, company: "KT Exports", gstin: g });
    expect((await json(stack.api(`/leads/${lead.id}/convert/preview`))).account).toMatchObject({
      action: "match",
      id: account.id,
      matched_by: "gstin",
    });
  });

  it("when a conversion rule holds after a lead changes, then the lead converts by itself", async () => {
    await post("/conversion_rules", {
      name: "Contacted with budget",
      condition: {
        all: [
          { field: "status", op: "eq", value: "contacted" },
          { field: "budget", op: "gte", value: 1000000 },
        ],
      },
    });
    expect(
      (await stack.api("/conversion_rules", { method: "POST", json: { name: "Bad", condition: { all: [{ field: "status", op: "is" }] } } }))
        .status,
    ).toBe(422);
    const small = await post("/leads", { first_name: "Small", email: `small.${tag()}@x-${tag()}.in`, budget: 50000 });
    const big = await post("/leads", { first_name: "Big", email: `big.${tag()}@y-${tag()}.in`, budget: 2500000 });
    await put(`/leads/${small.id}`, { status: "contacted" });
    await put(`/leads/${big.id}`, { status: "contacted" });
    expect((await json(stack.api(`/leads/${small.id}`))).status).toBe("contacted");
    const converted = await json(stack.api(`/leads/${big.id}`));
    expect(converted.status).toBe("converted");
    const timeline = await json(stack.api(`/leads/${big.id}/timeline`));
    expect(timeline.find((e: { action: string }) => e.action === "lead.converted").body).toBe('Conversion rule "Contacted with budget"');
  });
});

describe("conversion after a re-score", () => {
  it("when a rule change raises a lead's score past a conversion rule, then the re-score converts it", async () => {
    const wave = `rescore-${tag()}`;
    const conversion = await post("/conversion_rules", {
      name: "Hot enough",
      condition: {
        all: [
          { field: "lead_score", op: "gte", value: 50 },
          { field: "tags", op: "eq", value: wave },
        ],
      },
    });
    const scoring = await post("/scoring_rules", {
      name: "The wave",
      condition: { all: [{ field: "tags", op: "eq", value: wave }] },
      points: 60,
    });
    try {
      const lead = await post("/leads", { first_name: "Warm", email: `warm.${tag()}@w-${tag()}.in`, tags: [wave] });
      // The scoring rule's save queued a re-score; no worker runs here, so it is run by hand.
      const [run] = await stack.services.db("rescore_runs").where("tenant_id", stack.tenantId).orderBy("created_at", "desc").limit(1);
      expect((await rescore(createJobContext(stack.services), { tenantId: stack.tenantId, runId: run.id })).outcome).toBe("done");
      expect(await json(stack.api(`/leads/${lead.id}`))).toMatchObject({ lead_score: 60, status: "converted" });
    } finally {
      await json(stack.api(`/conversion_rules/${conversion.id}`, { method: "DELETE" }));
      await json(stack.api(`/scoring_rules/${scoring.id}`, { method: "DELETE" }));
    }
  });
});

describe("pipeline", () => {
  it("when a deal has a required task open, then moving it on answers 409 naming the task; once done, it moves and the next stage's tasks appear", async () => {
    const stages = await json(stack.api("/pipeline_stages"));
    expect(stages.map((s: { name: string }) => s.name)).toEqual([
      "Qualification",
      "Needs analysis",
      "Proposal",
      "Negotiation",
      "Won",
      "Lost",
    ]);
    const [qualification, , proposal, , won] = stages;
    const deal = await post("/opportunities", { name: `Deal ${tag()}`, value: 1200000 });
    expect(deal).toMatchObject({ stage_id: qualification.id, probability: 10, status: "open" });
    const [task] = await json(stack.api(`/tasks?filter=${encodeURIComponent(JSON.stringify({ record_id: deal.id }))}`));
    expect(task).toMatchObject({ title: "Discovery call", required: true, done_at: null });

    const refused = await json(stack.api(`/opportunities/${deal.id}`, { method: "PUT", json: { stage_id: proposal.id } }), 409);
    expect(refused.error).toMatchObject({
      code: "crm_required_tasks_open",
      details: { tasks: [{ id: task.id, title: "Discovery call" }] },
    });
    expect(refused.error.message).toContain('"Discovery call"');

    await put(`/tasks/${task.id}`, { done: true });
    expect(await put(`/opportunities/${deal.id}`, { stage_id: proposal.id })).toMatchObject({ stage_id: proposal.id, probability: 50 });
    const tasks = await json(stack.api(`/tasks?filter=${encodeURIComponent(JSON.stringify({ record_id: deal.id, done_at: null }))}`));
    expect(tasks.map((t: { title: string }) => t.title)).toEqual(["Send the proposal"]);
    await put(`/tasks/${tasks[0].id}`, { done: true });
    expect(await put(`/opportunities/${deal.id}`, { stage_id: won.id })).toMatchObject({
      status: "won",
      probability: 100,
      forecast_category: "closed",
    });
    const history = await stack.services.db("stage_history").where("opportunity_id", deal.id).orderBy("id").pluck("to_stage_id");
    expect(history).toEqual([qualification.id, proposal.id, won.id]);
  });

  it("when a stage allows only some next stages, then other moves are refused", async () => {
    const stages = await json(stack.api("/pipeline_stages"));
    const [, analysis, proposal, negotiation] = stages;
    await put(`/pipeline_stages/${analysis.id}`, { allowed_next: [proposal.id] });
    const deal = await post("/opportunities", { name: `Deal ${tag()}`, stage_id: analysis.id });
    const refused = await json(stack.api(`/opportunities/${deal.id}`, { method: "PUT", json: { stage_id: negotiation.id } }), 409);
    expect(refused.error).toMatchObject({ code: "crm_stage_not_allowed", details: { allowed: ["Proposal"] } });
    await put(`/pipeline_stages/${analysis.id}`, { allowed_next: [] });
  });
});

describe("board summary", () => {
  const summary = (resource: string, filter: unknown, token?: string) =>
    stack.api(`/${resource}/summary?filter=${encodeURIComponent(typeof filter === "string" ? filter : JSON.stringify(filter))}`, { token });
  const user = (role: string) =>
    post("/users", { email: `${role}.${tag()}@example.com`, name: `A ${role}`, password: `${role}-password-1`, role });
  async function login(email: string, password: string): Promise<string> {
    const res = await fetch(`${stack.baseUrl}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    return (await json(res)).token;
  }

  it("when deals sit in two stages, then each stage answers its exact count and value, deleted deals left out, narrowed by owner", async () => {
    const [qualification, , proposal] = await json(stack.api("/pipeline_stages"));
    const account = await post("/accounts", { name: `Board ${tag()}` });
    const manager = await user("manager");
    const deal = (value: number | null, stage_id: string, owner_id?: string) =>
      post("/opportunities", { name: `Deal ${tag()}`, value, stage_id, account_id: account.id, owner_id });
    await Promise.all([
      deal(1000000, qualification.id),
      deal(250000.5, qualification.id),
      deal(null, qualification.id),
      deal(4000000, proposal.id, manager.id),
    ]);
    const gone = await deal(9000000, proposal.id);
    await json(stack.api(`/opportunities/${gone.id}`, { method: "DELETE" }));

    const bySort = (rows: { stage_id: string }[]) =>
      [...rows].sort((a, b) => (a.stage_id === qualification.id ? -1 : b.stage_id === qualification.id ? 1 : 0));
    expect(bySort(await json(summary("opportunities", { account_id: account.id })))).toEqual([
      { stage_id: qualification.id, count: 3, value: 1250000.5 },
      { stage_id: proposal.id, count: 1, value: 4000000 },
    ]);
    expect(await json(summary("opportunities", { account_id: account.id, owner_id: manager.id }))).toEqual([
      { stage_id: proposal.id, count: 1, value: 4000000 },
    ]);
    expect(await json(summary("opportunities", { account_id: account.id, status: ["won", "lost"] }))).toEqual([]);
  });

  it("when a rep asks, then only deals and leads they own are counted, whatever owner the filter names", async () => {
    const [qualification] = await json(stack.api("/pipeline_stages"));
    const account = await post("/accounts", { name: `Rep board ${tag()}` });
    const email = `rep.${tag()}@example.com`;
    const rep = await post("/users", { email, name: "Ravi Rep", password: "rep-password-1", role: "rep" });
    const token = await login(email, "rep-password-1");
    await post("/opportunities", {
      name: `Theirs ${tag()}`,
      value: 300000,
      stage_id: qualification.id,
      account_id: account.id,
      owner_id: rep.id,
    });
    await post("/opportunities", { name: `Not theirs ${tag()}`, value: 700000, stage_id: qualification.id, account_id: account.id });
    expect(await json(summary("opportunities", { account_id: account.id }, token))).toEqual([
      { stage_id: qualification.id, count: 1, value: 300000 },
    ]);
    const colleague = await user("rep");
    expect(await json(summary("opportunities", { account_id: account.id, owner_id: colleague.id }, token))).toEqual([]);

    const campaign = `rep-board-${tag()}`;
    await post("/leads", { first_name: "Own", email: `own.${tag()}@example.com`, campaign, budget: 50000, owner_id: rep.id });
    await post("/leads", { first_name: "Other", email: `other.${tag()}@example.com`, campaign, budget: 80000 });
    expect(await json(summary("leads", { campaign }, token))).toEqual([{ status: "new", count: 1, budget: 50000 }]);
  });

  it("when leads have several statuses, then each status answers its count and budget, filtered by campaign and owner", async () => {
    const campaign = `board-${tag()}`;
    const manager = await user("manager");
    const lead = (budget: number | null, owner_id?: string) =>
      post("/leads", { first_name: "Board", email: `b.${tag()}@example.com`, campaign, source: "expo", budget, owner_id });
    const [a] = await Promise.all([lead(200000), lead(300000, manager.id), lead(null)]);
    // Under the "Contacted with budget" rule's million, so it stays contacted.
    await put(`/leads/${a.id}`, { status: "contacted" });
    expect(await json(summary("leads", { campaign, source: "expo" }))).toEqual([
      { status: "contacted", count: 1, budget: 200000 },
      { status: "new", count: 2, budget: 300000 },
    ]);
    expect(await json(summary("leads", { campaign, owner_id: [manager.id] }))).toEqual([{ status: "new", count: 1, budget: 300000 }]);
    expect(await json(summary("leads", { campaign, owner_id: null }))).toEqual([
      { status: "contacted", count: 1, budget: 200000 },
      { status: "new", count: 1, budget: 0 },
    ]);
  });

  it("when the filter is not JSON, names an unknown field or a bad value, then 400 with a code", async () => {
    for (const [resource, filter] of [
      ["opportunities", "{not json"],
      ["opportunities", { stage_id: "x" }],
      ["opportunities", { owner_id: "not-a-uuid" }],
      ["leads", { lead_score: 5 }],
    ] as const) {
      const body = await json(summary(resource, filter), 400);
      expect(body.error).toMatchObject({ code: "invalid_query", message: expect.stringMatching(/^filter /) });
    }
    expect(await json(stack.api("/opportunities/summary"))).toEqual(expect.any(Array));
  });
});

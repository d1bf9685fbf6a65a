import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { json, tag, writes } from "../support/json-api.ts";
import { expectEventually, startStack, type Stack } from "../support/stack.ts";
import { handleIntake } from "../../jobs/intake/intake.job.ts";
import { createJobContext } from "../../worker/job-context.ts";

let stack: Stack;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "leadhub-audit-"));
  stack = await startStack({ env: { LEADHUB_DATA_DIR: dataDir } });
});
afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const { post, put } = writes(() => stack);
const q = (filter: object) => `/audit_log?filter=${encodeURIComponent(JSON.stringify(filter))}`;
type Row = { user_id: string; action: string; record_type: string; record_id: string; record_label: string | null; changes: never };
const rows = async (filter: object): Promise<Row[]> => json(stack.api(q(filter)));
const one = async (filter: object) => {
  const found = await rows(filter);
  expect(found, JSON.stringify(filter)).toHaveLength(1);
  return found[0];
};
const lead = (first: string, last: string) =>
  post("/leads", { first_name: first, last_name: last, email: `${first}.${tag()}@example.com` });

it("a person's change is listed with who, when and before/after, newest first; the table itself refuses UPDATE, DELETE and TRUNCATE", async () => {
  const account = await json(stack.api("/accounts", { method: "POST", json: { name: `Audited ${tag()}` } }), 201);
  await json(stack.api(`/accounts/${account.id}`, { method: "PUT", json: { ...account, name: "Renamed" } }));
  const res = await stack.api(`/audit_log?filter=${encodeURIComponent(JSON.stringify({ record_id: account.id }))}`);
  const rows = await json(res);
  expect(res.headers.get("content-range")).toMatch(/^audit_log 0-1\/2$/);
  expect(rows.map((r: { action: string }) => r.action)).toEqual(["update", "create"]);
  const me = await json(stack.api("/auth/me"));
  expect(rows[0]).toMatchObject({ record_type: "accounts", user_id: me.id, changes: { name: { from: account.name, to: "Renamed" } } });
  // Each row names its record as it was then: created as the old name, renamed under the new one.
  expect(rows.map((r: { record_label: string }) => r.record_label)).toEqual(["Account Renamed", `Account ${account.name}`]);
  expect(await json(stack.api(`/audit_log/${rows[0].id}`))).toMatchObject({ id: rows[0].id, action: "update" });
  expect((await stack.api("/audit_log/not-a-number")).status).toBe(404);
  for (const method of ["POST", "PUT", "DELETE"])
    expect((await stack.api(`/audit_log/${rows[0].id}`, { method, json: {} })).status).toBe(404);

  const db = stack.services.db;
  await expect(db("audit_log").where("id", rows[0].id).update({ action: "forged" })).rejects.toThrow(/append-only/);
  await expect(db("audit_log").where("id", rows[0].id).delete()).rejects.toThrow(/append-only/);
  await expect(db.raw("TRUNCATE audit_log")).rejects.toThrow(/append-only|permission denied/);
});

describe("when people act on records, then each action leaves a row with the actor, the record's label and readable changes", () => {
  let me: { id: string; name: string };
  beforeAll(async () => {
    me = await json(stack.api("/auth/me"));
  });

  it("a lead's label is its number and name; reassigning (one lead or many) names the owners; consent changes are rows too", async () => {
    const rep = await post("/users", {
      email: `rep.${tag()}@example.com`,
      name: `Ravi Rep ${tag()}`,
      password: "rep-password-1",
      role: "rep",
    });
    const l = await lead("Rahul", `Patil ${tag()}`);
    expect((await one({ record_id: l.id, action: "create" })).record_label).toBe(`Lead ${l.lead_number} Rahul ${l.last_name}`);
    // Bulk assignment in the console is one PUT per lead (react-admin's updateMany): one row each.
    const others = [await lead("Sneha", "Kulkarni"), await lead("Amit", "Joshi")];
    for (const x of [l, ...others]) await put(`/leads/${x.id}`, { owner_id: rep.id });
    for (const x of [l, ...others])
      expect((await one({ record_id: x.id, action: "update" })).changes).toMatchObject({
        owner_id: { to: rep.id, to_label: rep.name },
      });
    await put(`/leads/${l.id}`, { gdpr_consent: true, dnd: true });
    const consent = (await rows({ record_id: l.id, action: "update" }))[0];
    expect(consent).toMatchObject({ user_id: me.id, changes: { gdpr_consent: { from: false, to: true }, dnd: { from: false, to: true } } });
  });

  it("moving a deal's stage names the stages", async () => {
    const stages = await json(stack.api(`/pipeline_stages?sort=${encodeURIComponent('["position","ASC"]')}`));
    const [qualification, , proposal] = stages;
    const deal = await post("/opportunities", { name: `Deal ${tag()}` });
    const tasks = await json(stack.api(`/tasks?filter=${encodeURIComponent(JSON.stringify({ record_id: deal.id }))}`));
    for (const t of tasks) await put(`/tasks/${t.id}`, { done: true });
    await put(`/opportunities/${deal.id}`, { stage_id: proposal.id });
    const row = await one({ record_id: deal.id, action: "update" });
    expect(row.record_label).toBe(`Opportunity ${deal.name}`);
    expect(row.changes).toMatchObject({ stage_id: { from_label: qualification.name, to_label: proposal.name } });
  });

  it("merges, 'not a duplicate' and merge undo are recorded on the lead, naming the other lead", async () => {
    const run = async (l: object) => {
      const { id } = await (await stack.postLead(l)).json();
      return (await handleIntake(createJobContext(stack.services), { tenantId: stack.tenantId, eventId: id })).leadId!;
    };
    const pair = async () => {
      const phone = `97${String(Date.now() % 1e8).padStart(8, "0")}`;
      const family = `Jadhav${tag().replace(/\d/g, "")}`;
      const a = await run({ name: `Suresh ${family}`, phone, city: "Pune" });
      const b = await run({ name: `Mahesh ${family}`, phone, email: `mahesh.${tag()}@gmail.com` });
      const [review] = await json(stack.api(`/duplicate_reviews?filter=${encodeURIComponent(JSON.stringify({ lead_id: b }))}`));
      const [la, lb] = [await json(stack.api(`/leads/${a}`)), await json(stack.api(`/leads/${b}`))];
      return { a: la, b: lb, review };
    };
    const named = (l: { lead_number: string; first_name: string; last_name: string }) => `${l.lead_number} ${l.first_name} ${l.last_name}`;

    const kept = await pair();
    await post(`/duplicate_reviews/${kept.review.id}/dismiss`, {}, 200);
    expect(await one({ record_id: kept.b.id, action: "not_duplicate" })).toMatchObject({
      user_id: me.id,
      record_label: `Lead ${named(kept.b)}`,
      changes: { not_a_duplicate_of: named(kept.a) },
    });

    const merged = await pair();
    await post(`/duplicate_reviews/${merged.review.id}/merge`, {}, 200);
    expect(await one({ record_id: merged.a.id, action: "merge" })).toMatchObject({
      user_id: me.id,
      record_label: `Lead ${named(merged.a)}`,
      changes: { merged_lead: named(merged.b) },
    });
    await post(`/leads/${merged.a.id}/merges/undo`, {}, 200);
    expect(await one({ record_id: merged.a.id, action: "merge_undo" })).toMatchObject({
      user_id: me.id,
      changes: { split_lead: named(merged.b) },
    });
  });

  it("a conversion names the account, contact and deal it made", async () => {
    const l = await post("/leads", {
      first_name: "Priya",
      last_name: `Nair ${tag()}`,
      email: `priya.${tag()}@kaveri.example`,
      company: `Kaveri ${tag()}`,
    });
    const ids = await post(`/leads/${l.id}/convert`, {});
    const row = await one({ record_id: l.id, action: "convert" });
    expect(row).toMatchObject({ user_id: me.id, record_label: `Lead ${l.lead_number} Priya ${l.last_name}` });
    const account = await json(stack.api(`/accounts/${ids.account_id}`));
    expect(row.changes).toMatchObject({
      account_id: { to: ids.account_id, to_label: account.name },
      opportunity_id: { to: ids.opportunity_id },
    });
  });

  it("enrolling a lead by hand, and many at once, name the sequence; publishing rules is a row", async () => {
    const seq = await post("/sequences", { name: `Drip ${tag()}`, status: "active", steps: [{ type: "task", task_title: "Call" }] });
    const l = await lead("Asha", `Rao ${tag()}`);
    await post("/enrollments", { lead_id: l.id, sequence_id: seq.id, source: "manual" });
    expect(await one({ record_id: l.id, action: "enrol" })).toMatchObject({
      user_id: me.id,
      changes: { sequence_id: { to: seq.id, to_label: seq.name }, source: "manual" },
    });
    const more = [await lead("Kiran", "Shah"), await lead("Meera", "Iyer")];
    await post(`/sequences/${seq.id}/enroll`, { lead_ids: more.map((x) => x.id) }, 200);
    expect(await one({ record_id: seq.id, action: "bulk_enrol" })).toMatchObject({
      user_id: me.id,
      record_label: `Sequence ${seq.name}`,
      changes: { leads: 2, enrolled: 2 },
    });

    await put("/scoring_rules/set", { rules: [] });
    expect(await one({ record_type: "scoring_rules", action: "publish" })).toMatchObject({ user_id: me.id, record_label: "Scoring rules" });
  });

  it("an import's start and completion are rows with the file and its counts, by the person who started it", async () => {
    await stack.startWorker();
    const form = new FormData();
    form.append("start", "true");
    const csv = ["First Name,Last Name,Email", `Rahul,Patil,rahul.${tag()}@gmail.com`, `Sneha,Kulkarni,sneha.${tag()}@yahoo.co.in`].join(
      "\n",
    );
    form.append("file", new Blob([csv]), "expo-leads.csv");
    const res = await fetch(`${stack.baseUrl}/api/imports`, {
      method: "POST",
      headers: { authorization: `Bearer ${stack.adminToken}` },
      body: form,
    });
    const imp = await json(res, 201);
    expect(await one({ record_id: imp.id, action: "import_start" })).toMatchObject({
      user_id: me.id,
      record_label: "Import expo-leads.csv",
      changes: { filename: "expo-leads.csv" },
    });
    const done = await expectEventually(() => one({ record_id: imp.id, action: "import_complete" }), 30_000);
    expect(done).toMatchObject({ user_id: me.id, record_label: "Import expo-leads.csv", changes: { rows: 2, imported: 2, rejected: 0 } });
  });
});

it("when the log is filtered by user, action, date or a record's label, then only those rows come back", async () => {
  const me = await json(stack.api("/auth/me"));
  const email = `manager.${tag()}@example.com`;
  const manager = await post("/users", { email, name: `Mona Manager ${tag()}`, password: "manager-password-1", role: "manager" });
  const { token } = await json(stack.api("/auth/login", { method: "POST", json: { email, password: "manager-password-1" } }));
  const theirs = await json(stack.api("/accounts", { method: "POST", json: { name: `Theirs ${tag()}` }, token }), 201);

  const byThem = await rows({ user_id: manager.id });
  expect(byThem.map((r) => [r.action, r.record_id])).toEqual([["create", theirs.id]]);
  expect((await rows({ user_id: me.id })).every((r) => r.user_id === me.id)).toBe(true);
  expect((await rows({ action: "create", record_type: "accounts", user_id: manager.id })).map((r) => r.record_id)).toEqual([theirs.id]);
  expect(await rows({ action: "delete", user_id: manager.id })).toEqual([]);
  expect((await rows({ q: theirs.name })).map((r) => r.record_id)).toEqual([theirs.id]);
  const future = new Date(Date.now() + 3_600_000).toISOString();
  const past = new Date(Date.now() - 3_600_000).toISOString();
  expect(await rows({ user_id: manager.id, created_at_gte: future })).toEqual([]);
  expect(await rows({ user_id: manager.id, created_at_lte: past })).toEqual([]);
  expect(await rows({ user_id: manager.id, created_at_gte: past, created_at_lte: future })).toHaveLength(1);
});

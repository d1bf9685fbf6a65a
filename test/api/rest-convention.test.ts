import { afterAll, beforeAll, describe, expect, it } from "vitest";
import simpleRestProvider from "ra-data-simple-rest";
import { fetchUtils } from "ra-core";
import { startStack, expectEventually, type Stack } from "../support/stack.ts";

let stack: Stack;
const names = ["Anil Patil", "Bhavna Patil", "Chetan Kumar", "Deepa Nair", "Esha Gupta"];
beforeAll(async () => {
  stack = await startStack({ worker: true });
  for (const [i, name] of names.entries()) {
    await stack.postLead({ name, email: `${name.split(" ")[0].toLowerCase()}@rest.example.com`, source: i % 2 ? "facebook" : "website" });
  }
  await expectEventually(async () => expect(await (await stack.api("/leads")).json()).toHaveLength(names.length));
});
afterAll(() => stack?.stop());

describe("react-admin simple REST convention", () => {
  it("when a page is asked with sort, range and filter, then an array and Content-Range answer", async () => {
    const qs = new URLSearchParams({ sort: '["first_name","ASC"]', range: "[0,1]", filter: '{"q":"patil"}' });
    const res = await stack.api(`/leads?${qs}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-range")).toBe("leads 0-1/2");
    const rows = await res.json();
    expect(rows.map((r: { first_name: string }) => r.first_name)).toEqual(["Anil", "Bhavna"]);
  });

  it("when filters use fields, lists and ranges, then only matching rows come", async () => {
    const f = (filter: object) => stack.api(`/leads?filter=${encodeURIComponent(JSON.stringify(filter))}`).then((r) => r.json());
    expect(await f({ source: "facebook" })).toHaveLength(2);
    expect(await f({ source: ["facebook", "website"] })).toHaveLength(5);
    expect(await f({ created_at_gte: "2000-01-01" })).toHaveLength(5);
    expect(await f({ created_at_lte: "2000-01-01" })).toHaveLength(0);
    const bad = await stack.api(`/leads?filter=${encodeURIComponent('{"password_hash":"x"}')}`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe("invalid_filter");
    expect((await stack.api("/leads?sort=oops")).status).toBe(400);
    expect((await stack.api(`/leads?filter=${encodeURIComponent('{"owner_id":"not-a-uuid"}')}`)).status).toBe(400);
  });

  it("when the unchanged ra-data-simple-rest provider is used, then list, getOne, getMany, update, create and delete work", async () => {
    const httpClient = (url: string, options: fetchUtils.Options = {}) =>
      fetchUtils.fetchJson(url, { ...options, user: { authenticated: true, token: `Bearer ${stack.adminToken}` } });
    const dp = simpleRestProvider(`${stack.baseUrl}/api`, httpClient);
    const list = await dp.getList("leads", {
      pagination: { page: 1, perPage: 3 },
      sort: { field: "created_at", order: "DESC" },
      filter: { source: "website" },
    });
    expect(list.total).toBe(3);
    expect(list.data).toHaveLength(3);
    const one = await dp.getOne("leads", { id: list.data[0].id });
    expect(one.data.id).toBe(list.data[0].id);
    const many = await dp.getMany("leads", { ids: list.data.map((d) => d.id) });
    expect(many.data).toHaveLength(3);
    const updated = await dp.update("leads", { id: one.data.id, data: { ...one.data, status: "contacted" }, previousData: one.data });
    expect(updated.data.status).toBe("contacted");
    const created = await dp.create("leads", {
      data: { first_name: "Farah", last_name: "Khan", email: "farah@rest.example.com", phone: "+91 98200 12345" },
    });
    expect(created.data).toMatchObject({ first_name: "Farah", phone_e164: "+919820012345", source: "manual" });
    expect(created.data.lead_number).toMatch(/^LEAD-/);
    const deleted = await dp.delete("leads", { id: created.data.id, previousData: created.data });
    expect(deleted.data.id).toBe(created.data.id);
    expect((await stack.api(`/leads/${created.data.id}`)).status).toBe(404);
    const row = await stack.services.db("leads").where("id", created.data.id).first("deleted_at");
    expect(row.deleted_at).not.toBeNull();

    const timeline = await (await stack.api(`/leads/${one.data.id}/timeline`)).json();
    expect(timeline[0]).toMatchObject({ action: "lead.status_changed", title: "Status changed from new to contacted" });
    const audit = await stack.services.db("audit_log").where({ record_id: one.data.id, action: "update" }).first();
    expect(audit.changes.status).toEqual({ from: "new", to: "contacted" });
  });

  it("when a person saves an invalid email, then 422 invalid_email", async () => {
    const [lead] = await (await stack.api("/leads?range=[0,0]")).json();
    const res = await stack.api(`/leads/${lead.id}`, { method: "PUT", json: { ...lead, email: "broken@" } });
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe("invalid_email");
  });
});

describe("operations endpoints", () => {
  it("when asked, then healthz, metrics, queues and the OpenAPI document answer", async () => {
    const health = await fetch(`${stack.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ postgres: true, redis: true });
    const metrics = await (await fetch(`${stack.baseUrl}/metrics`)).text();
    expect(metrics).toContain("leadhub_http_request_duration_seconds");
    expect(metrics).toContain("leadhub_job_duration_seconds");
    const queues = await (await stack.api("/queues")).json();
    expect(queues).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "intake", waiting: expect.any(Number), completed: expect.any(Number) })]),
    );
    const doc = await (await fetch(`${stack.baseUrl}/api/openapi.json`)).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.paths["/ingest/leads"].post.requestBody.content["application/json"].schema.properties.email).toBeDefined();
    expect(doc.paths["/api/leads/{id}"]).toBeDefined();
    const dash = await (await stack.api("/reports/dashboard")).json();
    expect(dash.total_leads).toBe(names.length);
    expect(dash.leads_per_day).toHaveLength(14);
  });

  it("when a route does not exist, then a JSON 404", async () => {
    const res = await stack.api("/nope");
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe("route_not_found");
  });
});

describe("search by phone", () => {
  it("when a rep types the number as dialled, then the lead is found", async () => {
    await stack.postLead({ name: "Dial Tone", phone: "+91 88505 43723" });
    await expectEventually(async () => {
      const rows = await (await stack.api(`/leads?filter=${encodeURIComponent(JSON.stringify({ q: "8850543723" }))}`)).json();
      expect(rows.map((r: { first_name: string }) => r.first_name)).toEqual(["Dial"]);
    });
  });
});

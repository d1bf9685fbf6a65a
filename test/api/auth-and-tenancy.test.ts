import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, expectEventually, type Stack } from "../support/stack.ts";

let a: Stack;
let b: Stack;
beforeAll(async () => {
  [a, b] = await Promise.all([startStack({ worker: true }), startStack()]);
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

async function leadOf(stack: Stack, lead: object): Promise<string> {
  const { id } = await (await stack.postLead(lead)).json();
  return expectEventually(async () => {
    const ev = await (await stack.api(`/inbound_events/${id}`)).json();
    expect(ev.lead_id).toBeTruthy();
    return ev.lead_id as string;
  });
}

const login = (stack: Stack, email: string, password: string) =>
  fetch(`${stack.baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });

describe("auth", () => {
  it("when the password is right, then a token and the user come back", async () => {
    const res = await login(a, a.adminEmail, a.adminPassword);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.token).toEqual(expect.any(String));
    expect(body.user).toMatchObject({ email: a.adminEmail, role: "admin", tenant_id: a.tenantId });
    expect(body.user.password_hash).toBeUndefined();
    // The console formats money with these (₹4,50,00,000 for en-IN).
    const me = await (await fetch(`${a.baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${body.token}` } })).json();
    expect(me).toMatchObject({ tenant_currency: "INR", tenant_locale: "en-IN" });
  });

  it("when the password is wrong or the user unknown, then 401 invalid_credentials", async () => {
    for (const [email, pw] of [
      [a.adminEmail, "wrong-password"],
      ["nobody@example.com", "whatever-pw"],
    ]) {
      const res = await login(a, email, pw);
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe("invalid_credentials");
    }
  });

  it("when /api is called without or with a forged token, then 401", async () => {
    expect((await fetch(`${a.baseUrl}/api/leads`)).status).toBe(401);
    const forged = await a.api("/leads", { token: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl" });
    expect(forged.status).toBe(401);
    expect((await forged.json()).error.code).toBe("unauthorized");
  });

  it("when a rep logs in, then they see only their own leads and cannot manage users", async () => {
    const email = `rep-${Date.now()}@example.com`;
    const created = await a.api("/users", { method: "POST", json: { email, name: "Ravi Rep", password: "rep-password-1", role: "rep" } });
    expect(created.status).toBe(201);
    const rep = await created.json();
    expect(rep.password_hash).toBeUndefined();
    const { token } = await (await login(a, email, "rep-password-1")).json();

    const mine = await leadOf(a, { email: `mine-${Date.now()}@example.com` });
    const other = await leadOf(a, { email: `other-${Date.now()}@example.com` });
    expect((await a.api(`/leads/${mine}`, { method: "PUT", json: { owner_id: rep.id } })).status).toBe(200);

    const list = await (await a.api("/leads", { token })).json();
    expect(list.map((l: { id: string }) => l.id)).toEqual([mine]);
    expect((await a.api(`/leads/${other}`, { token })).status).toBe(404);
    expect(
      (await a.api("/users", { token, method: "POST", json: { email: "x@example.com", name: "X", password: "password-1", role: "admin" } }))
        .status,
    ).toBe(403);

    // Tasks as the timelines: on their own lead (whoever it is for) and their own, not on a colleague's lead.
    const task = async (title: string, record_id: string, owner_id?: string) =>
      (await (await a.api("/tasks", { method: "POST", json: { title, record_type: "lead", record_id, owner_id } })).json()).id as string;
    const onMine = await task("Call back", mine);
    const onOther = await task("Site visit", other);
    const assigned = await task("Cover for a colleague", other, rep.id);
    const tasks = await (
      await a.api(`/tasks?filter=${encodeURIComponent(JSON.stringify({ id: [onMine, onOther, assigned] }))}`, { token })
    ).json();
    expect(tasks.map((t: { id: string }) => t.id).sort()).toEqual([onMine, assigned].sort());
    expect((await a.api(`/tasks/${onOther}`, { token })).status).toBe(404);
  });
});

describe("tenant isolation", () => {
  it("when tenant B asks for tenant A's lead, then 404, and A's leads never show in B's lists", async () => {
    const id = await leadOf(a, { email: `secret-${Date.now()}@example.com`, name: "Tenant A Person" });
    expect((await b.api(`/leads/${id}`)).status).toBe(404);
    expect((await b.api(`/leads/${id}`, { method: "PUT", json: { status: "lost" } })).status).toBe(404);
    expect((await b.api(`/leads/${id}`, { method: "DELETE" })).status).toBe(404);
    expect((await b.api(`/leads/${id}/timeline`)).status).toBe(404);
    const search = await (await b.api(`/leads?filter=${encodeURIComponent(JSON.stringify({ q: "Tenant A Person" }))}`)).json();
    expect(search).toEqual([]);
    const events = await (await b.api("/inbound_events")).json();
    expect(events.every((e: { lead_id: string }) => e.lead_id !== id)).toBe(true);
    expect((await a.api(`/leads/${id}`)).status).toBe(200);
  });

  it("when B's partner key posts, then the lead lands in B only", async () => {
    const res = await b.postLead({ email: `b-only-${Date.now()}@example.com` });
    expect(res.status).toBe(202);
    const { id } = await res.json();
    expect((await a.api(`/inbound_events/${id}`)).status).toBe(404);
    expect((await b.api(`/inbound_events/${id}`)).status).toBe(200);
  });

  it("when a platform admin creates a tenant, then its admin can log in and sees an empty tenant", async () => {
    const email = `owner-${Date.now()}@example.com`;
    const res = await a.api("/tenants", {
      method: "POST",
      json: { name: "Acme Realty", admin_email: email, admin_password: "acme-password-1" },
    });
    expect(res.status).toBe(201);
    const tenant = await res.json();
    const { token, user } = await (await login(a, email, "acme-password-1")).json();
    expect(user.tenant_id).toBe(tenant.id);
    expect(await (await a.api("/leads", { token })).json()).toEqual([]);
    // That admin is not a platform admin: tenants are not theirs to create.
    expect(
      (await a.api("/tenants", { token, method: "POST", json: { name: "X", admin_email: "y@example.com", admin_password: "password-12" } }))
        .status,
    ).toBe(403);
  });
});

describe("partners", () => {
  it("when a partner is created, then key and secret are shown once, the key stored hashed and the secret encrypted", async () => {
    const res = await a.api("/partners", { method: "POST", json: { name: "MagicBricks" } });
    expect(res.status).toBe(201);
    const p = await res.json();
    expect(p.apiKey).toMatch(/^lh_/);
    expect(p.signingSecret).toMatch(/^whsec_/);
    const again = await (await a.api(`/partners/${p.id}`)).json();
    expect(again.apiKey).toBeUndefined();
    expect(again.signingSecret).toBeUndefined();
    expect(JSON.stringify(again)).not.toContain(p.signingSecret.slice(6));
    const key = await a.services.db("api_keys").where("partner_id", p.id).first();
    expect(key.key_hash).not.toContain(p.apiKey);
    const row = await a.services.db("partners").where("id", p.id).first();
    expect(row.signing_secret_enc).not.toContain(p.signingSecret.slice(6));
    const { decrypt } = await import("../../core/crypto.ts");
    expect(decrypt(a.services.keys.secrets, row.signing_secret_enc)).toBe(p.signingSecret);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { json, tag, writes } from "../support/json-api.ts";
import { startStack, type Stack } from "../support/stack.ts";

/**
 * The dashboard is the first screen of every role: a rep's every figure is about their own leads
 * (core/access.ts seesOnlyOwn), never a tenant-wide count they could not open.
 */
let stack: Stack;
const { post } = writes(() => stack);
let rep: { id: string; token: string };

async function loginAs(role: string) {
  const email = `${role}.${tag()}@example.com`;
  const u = await post("/users", { email, name: `A ${role}`, password: `${role}-password-1`, role });
  const res = await fetch(`${stack.baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: `${role}-password-1` }),
  });
  return { id: u.id as string, token: (await json(res)).token as string };
}

beforeAll(async () => {
  stack = await startStack();
  rep = await loginAs("rep");
  const db = stack.services.db;
  const t = stack.tenantId;
  const lead = async (owner: string | null) =>
    (
      await db("leads")
        .insert({ tenant_id: t, lead_number: `D-${tag()}`, first_name: "D", owner_id: owner })
        .returning("id")
    )[0].id;
  const mine = await lead(rep.id);
  const theirs = [await lead(null), await lead(null)];
  // Today's arrivals: one became the rep's lead, two someone else's, one failed before it was a lead.
  const event = (leadId: string | null, status: string) => ({
    id: randomUUID(),
    tenant_id: t,
    channel: "api",
    status,
    lead_id: leadId,
    payload: {},
  });
  await db("inbound_events").insert([event(mine, "done"), event(theirs[0], "done"), event(theirs[1], "done"), event(null, "failed")]);
});
afterAll(() => stack?.stop());

describe("dashboard scope", () => {
  it("when a rep opens the dashboard, then inbound today counts only the arrivals that became their leads", async () => {
    const admin = await json(stack.api("/reports/dashboard"));
    expect(admin.inbound_today).toMatchObject({ received: 4, done: 3, failed: 1 });
    const d = await json(stack.api("/reports/dashboard", { token: rep.token }));
    expect(d.total_leads).toBe(1);
    expect(d.inbound_today).toEqual({ received: 1, done: 1, failed: 0 });
  });
});

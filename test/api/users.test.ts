import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../support/stack.ts";
import { tag } from "../support/json-api.ts";

/**
 * Account enumeration: an address is one login across the installation (the login form asks for no
 * tenant), so creating a user whose address another tenant uses must be refused, but the answer may
 * not tell an admin that the address exists elsewhere: the same 409 whether it is taken in their
 * own tenant or another, and never a 500, even when two creations race.
 */

let a: Stack;
let b: Stack;

beforeAll(async () => {
  [a, b] = await Promise.all([startStack(), startStack()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

const newUser = (email: string) => ({ email, name: `User ${tag()}`, password: "users-pass-1", role: "rep" });
const create = async (s: Stack, email: string) => {
  const res = await s.api("/users", { method: "POST", json: newUser(email) });
  return { status: res.status, body: await res.json() };
};

describe("users: an address taken anywhere", () => {
  it("when an admin creates a user whose address another tenant uses, then 409 email_taken, worded as for their own tenant and naming nothing", async () => {
    const elsewhere = `taken-${tag()}@users.test`;
    const own = `own-${tag()}@users.test`;
    expect((await create(b, elsewhere)).status).toBe(201);
    expect((await create(a, own)).status).toBe(201);

    const cross = await create(a, elsewhere.toUpperCase());
    const same = await create(a, own);
    expect(cross.status).toBe(409);
    expect(cross.body.error.code).toBe("email_taken");
    expect(cross.body).toEqual(same.body);
    const text = JSON.stringify(cross.body).toLowerCase();
    expect(text).not.toContain(elsewhere);
    expect(text).not.toContain(b.tenantId);
    // And nothing was written in either tenant.
    const rows = await a.services.db("users").whereRaw("lower(email) = ?", [elsewhere]).select("tenant_id");
    expect(rows.map((r) => r.tenant_id)).toEqual([b.tenantId]);
  });

  it("when two tenants create the same new address at once, then one gets 201 and the others 409, never a 500", async () => {
    const email = `race-${tag()}@users.test`;
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => create(i % 2 ? a : b, email)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.error.code).toBe("email_taken");
  });

  it("when the user holding an address is deleted, then the address may be used again, in any tenant", async () => {
    const email = `reuse-${tag()}@users.test`;
    const first = await create(b, email);
    expect(first.status).toBe(201);
    expect((await b.api(`/users/${first.body.id}`, { method: "DELETE" })).status).toBe(200);
    expect((await create(a, email)).status).toBe(201);
  });

  it("when a user is updated with another address, then the address stays (addresses are not editable), and no 500", async () => {
    const mine = await create(a, `keep-${tag()}@users.test`);
    const theirs = `theirs-${tag()}@users.test`;
    expect((await create(b, theirs)).status).toBe(201);
    const res = await a.api(`/users/${mine.body.id}`, { method: "PUT", json: { email: theirs, name: "Renamed" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ email: mine.body.email, name: "Renamed" });
  });
});

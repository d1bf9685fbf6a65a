import { afterAll, beforeAll, expect, it } from "vitest";
import { json, tag } from "../support/json-api.ts";
import { startStack, type Stack } from "../support/stack.ts";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

it("a person's change is listed with who, when and before/after, newest first; the table itself refuses UPDATE, DELETE and TRUNCATE", async () => {
  const account = await json(stack.api("/accounts", { method: "POST", json: { name: `Audited ${tag()}` } }), 201);
  await json(stack.api(`/accounts/${account.id}`, { method: "PUT", json: { ...account, name: "Renamed" } }));
  const res = await stack.api(`/audit_log?filter=${encodeURIComponent(JSON.stringify({ record_id: account.id }))}`);
  const rows = await json(res);
  expect(res.headers.get("content-range")).toMatch(/^audit_log 0-1\/2$/);
  expect(rows.map((r: { action: string }) => r.action)).toEqual(["update", "create"]);
  const me = await json(stack.api("/auth/me"));
  expect(rows[0]).toMatchObject({ record_type: "accounts", user_id: me.id, changes: { name: { from: account.name, to: "Renamed" } } });
  expect(await json(stack.api(`/audit_log/${rows[0].id}`))).toMatchObject({ id: rows[0].id, action: "update" });
  expect((await stack.api("/audit_log/not-a-number")).status).toBe(404);
  for (const method of ["POST", "PUT", "DELETE"])
    expect((await stack.api(`/audit_log/${rows[0].id}`, { method, json: {} })).status).toBe(404);

  const db = stack.services.db;
  await expect(db("audit_log").where("id", rows[0].id).update({ action: "forged" })).rejects.toThrow(/append-only/);
  await expect(db("audit_log").where("id", rows[0].id).delete()).rejects.toThrow(/append-only/);
  await expect(db.raw("TRUNCATE audit_log")).rejects.toThrow(/append-only|permission denied/);
});

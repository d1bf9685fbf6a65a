import { afterAll, beforeAll, expect, it } from "vitest";
import { startStack, type Stack } from "../support/stack.ts";
import { json, tag, writes } from "../support/json-api.ts";
import { MY_LEADS_DEFAULTS } from "../../admin/src/resources/leads/leadModel.ts";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});
const { post } = writes(() => stack);

it("when My leads opens, then it lists open leads, the SLA due soonest first, then the newest", async () => {
  const company = `Urgency ${tag()} Traders`;
  const made: { id: string }[] = [];
  for (let i = 0; i < 6; i++) made.push(await post("/leads", { first_name: `L${i}`, email: `l${i}.${tag()}@example.in`, company }));
  const db = stack.services.db;
  const at = (minutes: number) => new Date(Date.now() + minutes * 60_000);
  // Created one minute apart, oldest first; two have SLA deadlines, one is lost.
  for (const [i, lead] of made.entries())
    await db("leads")
      .where("id", lead.id)
      .update({ created_at: at(i - 10), sla_due_at: null });
  await db("leads")
    .where("id", made[1].id)
    .update({ sla_due_at: at(30) });
  await db("leads")
    .where("id", made[0].id)
    .update({ sla_due_at: at(5) });
  await db("leads").where("id", made[5].id).update({ status: "lost" });

  const { filter, sort } = MY_LEADS_DEFAULTS;
  const query = new URLSearchParams({
    filter: JSON.stringify({ ...filter, company }),
    sort: JSON.stringify([sort.field, sort.order]),
    range: "[0,24]",
  });
  const rows: { id: string }[] = await json(stack.api(`/leads?${query}`));
  expect(rows.map((r) => r.id)).toEqual([made[0], made[1], made[4], made[3], made[2]].map((l) => l.id));
});

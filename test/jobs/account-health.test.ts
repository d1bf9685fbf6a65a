import { afterAll, beforeAll, expect, it } from "vitest";
import { startStack, type Stack } from "../support/stack.ts";
import { json, tag, writes } from "../support/json-api.ts";
import { createJobContext } from "../../worker/job-context.ts";
import { scoreAccounts } from "../../jobs/crm/account-health.job.ts";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});
const { post, put } = writes(() => stack);

it("when the hourly job runs, then each account gets a health score with its reasons and a won deal makes it a customer", async () => {
  const account = await post("/accounts", { name: `Deccan ${tag()} Realty` });
  const stages = await json(stack.api("/pipeline_stages"));
  const won = stages.find((s: { is_won: boolean }) => s.is_won);
  const deal = await post("/opportunities", { name: "Tower B", value: 9_000_000, account_id: account.id });
  await post("/activities", { record_type: "account", record_id: account.id, type: "call", title: "Site visit planned" });
  // The open deal's required discovery call is overdue by the time the job runs.
  await stack.services
    .db("tasks")
    .where({ record_id: deal.id })
    .update({ due_at: new Date(Date.now() - 86_400_000) });

  await scoreAccounts(createJobContext(stack.services));
  const before = await json(stack.api(`/accounts/${account.id}`));
  expect(before).toMatchObject({ health_score: 70, lifecycle_stage: "opportunity", type: "prospect" });
  expect(before.health_reasons.map((r: { reason: string }) => r.reason)).toEqual(["active today", "1 open deal", "1 overdue task"]);

  await stack.services.db("tasks").where({ record_id: deal.id }).update({ done_at: new Date() });
  await put(`/opportunities/${deal.id}`, { stage_id: won.id });
  await scoreAccounts(createJobContext(stack.services));
  expect(await json(stack.api(`/accounts/${account.id}`))).toMatchObject({
    health_score: 85,
    lifecycle_stage: "customer",
    type: "customer",
  });
});

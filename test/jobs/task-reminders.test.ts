import { afterAll, beforeAll, expect, it } from "vitest";
import { startStack, type Stack } from "../support/stack.ts";
import { json, tag, writes } from "../support/json-api.ts";
import { createJobContext } from "../../worker/job-context.ts";
import { remindTasks } from "../../jobs/crm/task-reminders.job.ts";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});
const { post, put } = writes(() => stack);

it("when a task's reminder time comes, then its owner gets one notification naming the task and the lead, however often the sweep runs", async () => {
  const lead = await post("/leads", { first_name: "Rahul", last_name: "Patil", email: `rahul.${tag()}@aaravlogistics.in` });
  const past = new Date(Date.now() - 60_000).toISOString();
  const due = await post("/tasks", {
    title: `Call back ${tag()}`,
    record_type: "lead",
    record_id: lead.id,
    due_at: new Date(Date.now() + 3_600_000).toISOString(),
    remind_at: past,
  });
  expect(due.remind_at).toBe(past);
  const later = await post("/tasks", {
    title: `Send brochure ${tag()}`,
    record_type: "lead",
    record_id: lead.id,
    remind_at: new Date(Date.now() + 86_400_000).toISOString(),
  });
  const done = await post("/tasks", {
    title: `Done already ${tag()}`,
    record_type: "lead",
    record_id: lead.id,
    remind_at: past,
    done: true,
  });

  const ctx = createJobContext(stack.services);
  await remindTasks(ctx);
  await remindTasks(ctx);

  const told = await stack.services.db("notifications").where({ lead_id: lead.id, kind: "task_reminder" });
  expect(told).toHaveLength(1);
  expect(told[0]).toMatchObject({ user_id: due.owner_id, status: "pending", digest: false });
  expect(told[0].subject).toBe(`Reminder: ${due.title} (${lead.lead_number})`);
  expect((await json(stack.api(`/tasks/${due.id}`))).reminded_at).not.toBeNull();
  expect((await json(stack.api(`/tasks/${later.id}`))).reminded_at).toBeNull();
  expect((await json(stack.api(`/tasks/${done.id}`))).reminded_at).toBeNull();

  // Moving the reminder sets it to go again.
  await put(`/tasks/${due.id}`, { remind_at: new Date(Date.now() - 1_000).toISOString() });
  await remindTasks(ctx);
  expect(await stack.services.db("notifications").where({ lead_id: lead.id, kind: "task_reminder" })).toHaveLength(2);
});

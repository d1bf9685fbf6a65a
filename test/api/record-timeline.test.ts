import { afterAll, beforeAll, expect, it } from "vitest";
import { startStack, type Stack } from "../support/stack.ts";
import { json, tag, writes } from "../support/json-api.ts";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});
const { post, put } = writes(() => stack);

it("when a converted lead's deal moves on, then the account's timeline tells the whole story: conversion, tasks, stage moves, calls", async () => {
  const lead = await post("/leads", {
    first_name: "Story",
    email: `story.${tag()}@story-${tag()}.in`,
    company: `Story ${tag()} Ltd`,
    budget: 800000,
  });
  const ids = await post(`/leads/${lead.id}/convert`, {});
  const [task] = await json(stack.api(`/tasks?filter=${encodeURIComponent(JSON.stringify({ record_id: ids.opportunity_id }))}`));
  await put(`/tasks/${task.id}`, { done: true });
  const proposal = (await json(stack.api("/pipeline_stages"))).find((s: { name: string }) => s.name === "Proposal");
  await put(`/opportunities/${ids.opportunity_id}`, { stage_id: proposal.id });
  await post("/activities", { record_type: "contact", record_id: ids.contact_id, type: "call", title: "Called about the proposal" });

  const story = await json(stack.api(`/accounts/${ids.account_id}/timeline`));
  const titles = story.map((e: { title: string }) => e.title);
  for (const t of [
    "Called about the proposal",
    "Stage: Proposal",
    "Done: Discovery call",
    "Task: Discovery call",
    "Stage: Qualification",
    "Task: Send the proposal",
  ])
    expect(titles).toContain(t);
  expect(story.some((e: { action: string }) => e.action === "converted")).toBe(true);
  // Newest first.
  const times = story.map((e: { occurred_at: string }) => Date.parse(e.occurred_at));
  expect([...times].sort((a, b) => b - a)).toEqual(times);
  expect((await stack.api(`/opportunities/${lead.id}/timeline`)).status).toBe(404);
  expect((await json(stack.api(`/opportunities/${ids.opportunity_id}/timeline`))).map((e: { title: string }) => e.title)).toContain(
    "Stage: Proposal",
  );
});

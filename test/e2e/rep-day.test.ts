import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { consolePage, launchChromium, PAGE_TIMEOUT, ensureSignedIn, screenshots } from "../support/browser.ts";
import { expectEventually, startStack, type Stack } from "../support/stack.ts";

// A rep's day in the console: tasks on the lead page, the status from the header, My leads.
const TEST_TIMEOUT = 90_000;

let stack: Stack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  page = await consolePage(browser, pageErrors);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const shot = screenshots("rep-day", () => page);

async function newLead(fields: Record<string, unknown>) {
  const res = await stack.api("/leads", { method: "POST", json: fields });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; status: string; lead_number: string };
}

describe("a rep's day", () => {
  it(
    "when a rep adds a task with a due time and a reminder on the lead page, then it is listed there and ticks off done",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed-tasks"));
      await ensureSignedIn(page, stack);
      const tag = randomBytes(3).toString("hex");
      const lead = await newLead({ first_name: "Aarav", last_name: `Shah${tag}`, email: `aarav.${tag}@aaravlogistics.in` });
      await page.goto(`${stack.baseUrl}/leads/${lead.id}/show`);
      const card = page.locator("#record-tasks");
      await card.waitFor({ timeout: PAGE_TIMEOUT });
      const title = `Call about the Baner site visit ${tag}`;
      await card.locator("input[name=task_title]").fill(title);
      await card.locator("input[name=task_due]").fill("2030-01-15T10:30");
      await card.locator("#mui-component-select-task_reminder, [role=combobox]").first().click();
      await page.getByRole("option", { name: "1 hour before" }).click();
      await card.getByRole("button", { name: "Add task" }).click();
      const row = card.locator("tr", { hasText: title });
      await row.waitFor({ timeout: PAGE_TIMEOUT });
      expect(await row.locator(".task-reminder").count()).toBe(1);
      const [task] = await expectEventually(async () => {
        const rows = await (await stack.api(`/tasks?filter=${encodeURIComponent(JSON.stringify({ record_id: lead.id }))}`)).json();
        expect(rows).toHaveLength(1);
        return rows as { id: string; due_at: string; remind_at: string }[];
      });
      expect(new Date(task.due_at).getTime() - new Date(task.remind_at).getTime()).toBe(3_600_000);
      await shot("01-lead-tasks");

      await row.locator(".task-done input").click();
      await expectEventually(async () => expect((await (await stack.api(`/tasks/${task.id}`)).json()).done_at).not.toBeNull());
      expect(pageErrors).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    "when a rep opens Tasks, then My tasks lists their open tasks, the overdue one first",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed-my-tasks"));
      await ensureSignedIn(page, stack);
      const tag = randomBytes(3).toString("hex");
      const lead = await newLead({ first_name: "Kavya", last_name: `Iyer${tag}`, email: `kavya.${tag}@example.in` });
      const task = async (title: string, dueInHours: number) => {
        const due_at = new Date(Date.now() + dueInHours * 3_600_000).toISOString();
        const res = await stack.api("/tasks", { method: "POST", json: { title, record_type: "lead", record_id: lead.id, due_at } });
        expect(res.status).toBe(201);
      };
      await task(`Send price sheet ${tag}`, 30);
      await task(`Overdue call ${tag}`, -26);
      await page.goto(`${stack.baseUrl}/tasks`);
      const rows = page.locator("tbody .RaDatagrid-row", { hasText: tag });
      await expectEventually(async () => expect(await rows.count()).toBe(2), PAGE_TIMEOUT, 100);
      expect(await rows.first().textContent()).toContain(`Overdue call ${tag}`);
      expect(await rows.first().textContent()).toContain("Overdue");
      expect(await page.locator("header").first().textContent()).toContain("My tasks");
      await shot("03-my-tasks");
    },
    TEST_TIMEOUT,
  );

  it(
    "when a rep opens the status in the lead's header, then they set it there, and Converted is not offered",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed-status"));
      await ensureSignedIn(page, stack);
      const tag = randomBytes(3).toString("hex");
      const lead = await newLead({ first_name: "Rahul", last_name: `Patil${tag}`, email: `rahul.patil.${tag}@example.in` });
      await page.goto(`${stack.baseUrl}/leads/${lead.id}/show`);
      await page.locator("[data-testid=lead-status-menu]").click();
      const menu = page.getByRole("menu");
      await menu.waitFor({ timeout: PAGE_TIMEOUT });
      expect(await menu.locator("[role=menuitem]").allTextContents()).toEqual([
        "New",
        "Contacted",
        "Qualified",
        "Nurturing",
        "Unqualified",
        "Lost",
      ]);
      await shot("02-status-menu");
      await menu.locator("[data-status=contacted]").click();
      await expectEventually(async () => expect((await (await stack.api(`/leads/${lead.id}`)).json()).status).toBe("contacted"));
      await expect
        .poll(() => page.locator("[data-testid=lead-status-menu]").textContent(), { timeout: PAGE_TIMEOUT })
        .toContain("Contacted");
      expect(pageErrors).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});

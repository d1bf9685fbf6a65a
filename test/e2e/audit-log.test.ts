import { afterAll, beforeAll, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { consolePage, ensureSignedIn, launchChromium, PAGE_TIMEOUT, screenshots } from "../support/browser.ts";
import { startStack, type Stack } from "../support/stack.ts";

// The audit log in the built console (admin/dist) in real Chromium: labels, readable changes, filters.
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

const shot = screenshots("audit-log", () => page);
const call = async (path: string, method: string, body: unknown) => {
  const res = await stack.api(path, { method, json: body });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return res.json();
};

it("when records are changed, then the audit log names each record and its changes, and a record search narrows it", async ({
  onTestFailed,
}) => {
  onTestFailed(() => shot("failed-audit-log"));
  const t = randomBytes(3).toString("hex");
  const rep = await call("/users", "POST", {
    email: `ravi.${t}@example.com`,
    name: `Ravi Rep ${t}`,
    password: "rep-password-1",
    role: "rep",
  });
  const lead = await call("/leads", "POST", {
    first_name: "Rahul",
    last_name: `Patil ${t}`,
    email: `rahul.${t}@example.com`,
    company: `Sahyadri ${t}`,
  });
  await call(`/leads/${lead.id}`, "PUT", { owner_id: rep.id, gdpr_consent: true });
  await call(`/leads/${lead.id}/convert`, "POST", {});

  await ensureSignedIn(page, stack);
  await page.goto(`${stack.baseUrl}/audit_log`);
  const label = `Lead ${lead.lead_number} Rahul Patil ${t}`;
  const updated = page.locator("[data-testid=audit-log] tbody tr", { hasText: `Owner: — → Ravi Rep ${t}` });
  await updated.waitFor({ timeout: PAGE_TIMEOUT });
  expect(await updated.textContent()).toContain(label);
  expect(await updated.textContent()).toContain("Marketing consent: no → yes");
  const converted = page.locator("[data-testid=audit-log] tbody tr", { hasText: "converted" }).first();
  expect(await converted.textContent()).toContain(`Account: — → Sahyadri ${t}`);
  await shot("01-audit-log");

  await page.getByPlaceholder("Record: number, name, file").fill(lead.lead_number);
  await page.locator("[data-testid=audit-log] tbody tr", { hasText: `Account: — → Sahyadri ${t}` }).waitFor({ timeout: PAGE_TIMEOUT });
  await expect.poll(() => page.locator("[data-testid=audit-log] tbody tr").count(), { timeout: PAGE_TIMEOUT }).toBe(3);
  await page.locator("[data-testid=audit-log] tbody tr a", { hasText: label }).first().click();
  await page.waitForURL(`**/leads/${lead.id}/show`, { timeout: PAGE_TIMEOUT });
  expect(pageErrors).toEqual([]);
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { consolePage, launchChromium, PAGE_TIMEOUT, ensureSignedIn, screenshots, signIn } from "../support/browser.ts";
import { expectEventually, startStack, type Stack } from "../support/stack.ts";

// Drives the built console (admin/dist, served by the API at /) in real Chromium against a real stack.
/** Above the suite's 30 s default: ingest + intake + sign-in + four pages, each allowed PAGE_TIMEOUT. */
const FLOW_TIMEOUT = 120_000;
const PAGE_TEST_TIMEOUT = 60_000;

let stack: Stack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack({ worker: true }), launchChromium()]);
  page = await consolePage(browser, pageErrors);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const shot = screenshots("console", () => page);

/** Polls the page's text for a number, so assertions wait for data rather than for time. */
async function numberIn(selector: string): Promise<number> {
  return expectEventually(
    async () => {
      const text = (await page.locator(selector).first().textContent()) ?? "";
      expect(text).toMatch(/^\d[\d,]*$/);
      return Number(text.replace(/,/g, ""));
    },
    PAGE_TIMEOUT,
    100,
  );
}

/** The login page is shot filled in, just before it is sent. */
const loginShot = { beforeSubmit: () => shot("01-login") };

describe("admin console", () => {
  it(
    "when a partner posts a lead, then a signed-in user finds it in the list and reads its details and timeline",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed-lead-flow"));
      const tag = randomBytes(3).toString("hex");
      const posted = {
        first_name: "Ishaan",
        last_name: `Kothari${tag}`,
        email: `ishaan.kothari.${tag}@example.in`,
        phone: "+91 98200 12345",
        company: "Kothari Infra Pvt Ltd",
        city: "Pune",
        source: "e2e-console",
        message: "Looking for a 3BHK near Baner",
      };
      const res = await stack.postLead(posted);
      expect(res.status).toBe(202);

      const lead = await expectEventually(
        async () => {
          const list = await stack.api(`/leads?filter=${encodeURIComponent(JSON.stringify({ q: posted.last_name }))}`);
          const rows = (await list.json()) as { id: string; first_name: string; last_name: string; email: string }[];
          expect(rows).toHaveLength(1);
          return rows[0];
        },
        30_000,
        100,
      );
      const fullName = `${lead.first_name} ${lead.last_name}`;

      await signIn(page, stack, loginShot);

      await page.goto(`${stack.baseUrl}/leads`);
      await page.locator("input[name=q]").fill(posted.last_name);
      // The search box is debounced into the URL; clicking a row before that lands would be undone by it.
      await page.waitForURL((url) => (url.searchParams.get("filter") ?? "").includes(posted.last_name));
      const row = page.locator("tbody .RaDatagrid-row", { hasText: lead.email });
      await row.waitFor();
      await expectEventually(async () => expect(await page.locator("tbody .RaDatagrid-row").count()).toBe(1), PAGE_TIMEOUT, 100);
      expect(await row.locator(".lead-name").textContent()).toBe(fullName);
      await shot("02-leads-search");

      await row.locator(".lead-name").click();
      await page.waitForURL(new RegExp(`/leads/${lead.id}/show$`));
      await expect.poll(() => page.locator(".lead-title").textContent(), { timeout: PAGE_TIMEOUT }).toBe(fullName);
      expect(await page.locator("[data-testid=lead-header] .lead-email").textContent()).toBe(lead.email);
      // The intake job writes "lead created" and the submission onto the timeline.
      await page.locator(".timeline-entry").first().waitFor();
      await shot("03-lead-show");

      // A note typed by the rep lands on the timeline, newest first.
      const note = `Called from e2e ${tag}: wants a site visit on Saturday`;
      await page.locator("[data-testid=add-note] textarea").first().fill(note);
      await page.locator("[data-testid=add-note] button[type=submit]").click();
      await page.locator(".timeline-entry", { hasText: note }).first().waitFor();
      await shot("04-lead-note");
    },
    FLOW_TIMEOUT,
  );

  it(
    "when a lead's name holds markup, then the console shows it as text and runs nothing",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed-markup"));
      await ensureSignedIn(page, stack, loginShot);
      const tag = randomBytes(3).toString("hex");
      const hostile = `<img src=x onerror="window.__xss=1">Xss${tag}`;
      const created = await stack.api("/leads", {
        method: "POST",
        json: { first_name: hostile, last_name: "<script>window.__xss=2</script>", email: `xss.${tag}@example.in` },
      });
      expect(created.status).toBeLessThan(300);
      const { id } = (await created.json()) as { id: string };

      await page.goto(`${stack.baseUrl}/leads/${id}/show`);
      await expect.poll(() => page.locator(".lead-title").textContent(), { timeout: PAGE_TIMEOUT }).toContain("<img");
      expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
      expect(await page.locator("[data-testid=lead-header] img").count()).toBe(0);
    },
    PAGE_TEST_TIMEOUT,
  );

  it(
    "when the dashboard and queues pages open, then they show numbers from the API",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed-dashboard-queues"));
      await ensureSignedIn(page, stack, loginShot);
      // The cards show what the API reports for this tenant (nothing else posts to it meanwhile).
      const report = (await (await stack.api("/reports/dashboard")).json()) as { total_leads: number };
      await page.goto(`${stack.baseUrl}/`);
      await expectEventually(
        async () => expect(await numberIn("[data-testid=kpi-total] .kpi-value")).toBe(report.total_leads),
        PAGE_TIMEOUT,
        100,
      );
      await page.locator("[data-testid=leads-per-day] svg").first().waitFor();
      await shot("05-dashboard");

      // Counts only grow between the API read and the page's own poll (every 2 s).
      const queues = (await (await stack.api("/queues")).json()) as { name: string; completed: number }[];
      expect(queues.length).toBeGreaterThan(0);
      await page.goto(`${stack.baseUrl}/queues`);
      await page.locator("[data-testid=queues-table] tbody tr").first().waitFor();
      expect(await page.locator("[data-testid=queues-table] tbody tr").count()).toBe(queues.length);
      expect(await numberIn(".queue-total")).toBeGreaterThanOrEqual(0);
      // Rows come in the API's order: the first row is the first queue, with at least its completed count.
      const firstRow = page.locator("[data-testid=queues-table] tbody tr").first();
      expect(await firstRow.locator("td").first().textContent()).toContain(queues[0].name);
      expect(await numberIn("[data-testid=queues-table] tbody tr:first-child td.queue-completed")).toBeGreaterThanOrEqual(
        queues[0].completed,
      );
      await shot("06-queues");

      expect(pageErrors).toEqual([]);
    },
    PAGE_TEST_TIMEOUT,
  );

  it(
    "when a rep types the last digits of a phone in the leads list, then the lead with that number is listed",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed-phone-search"));
      await ensureSignedIn(page, stack, loginShot);
      const digits = String(Math.floor(10_000 + Math.random() * 89_999));
      const email = `phone.search.${randomBytes(3).toString("hex")}@aaravlogistics.in`;
      const created = await stack.api("/leads", { method: "POST", json: { first_name: "Sneha", email, phone: `+91 98111 ${digits}` } });
      expect(created.status).toBe(201);
      await page.goto(`${stack.baseUrl}/leads`);
      await page.locator("input[name=q]").fill(digits);
      await page.waitForURL((url) => (url.searchParams.get("filter") ?? "").includes(digits));
      await page.locator("tbody .RaDatagrid-row", { hasText: email }).waitFor({ timeout: PAGE_TIMEOUT });
      await shot("08-leads-phone-search");
      expect(pageErrors).toEqual([]);
    },
    PAGE_TEST_TIMEOUT,
  );

  it(
    "when an admin renames an account, then the audit log shows who did it with the name before and after",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed-audit-log"));
      await ensureSignedIn(page, stack, loginShot);
      const name = `Audit ${randomBytes(3).toString("hex")}`;
      const account = (await (await stack.api("/accounts", { method: "POST", json: { name } })).json()) as Record<string, unknown>;
      expect((await stack.api(`/accounts/${account.id}`, { method: "PUT", json: { ...account, name: `${name} Ltd` } })).status).toBe(200);
      await page.goto(`${stack.baseUrl}/audit_log`);
      const row = page.locator("[data-testid=audit-log] tbody tr", { hasText: `${name} → ${name} Ltd` });
      await row.waitFor({ timeout: PAGE_TIMEOUT });
      expect(await row.textContent()).toMatch(/update/);
      await shot("07-audit-log");
      expect(pageErrors).toEqual([]);
    },
    PAGE_TEST_TIMEOUT,
  );
});

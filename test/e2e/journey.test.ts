import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { consolePage, launchChromium, PAGE_TIMEOUT, screenshots, signIn } from "../support/browser.ts";
import { startStack, type Stack } from "../support/stack.ts";

// The journey console in real Chromium against a real stack, everything seeded through the API:
// a milestone added on a lead's page lands on its timeline; inventory made and booked from the
// console, its units available dropping; the booked account's ledger statement with its running
// balance after a payment; the funnel report's chart; the dashboard's KPI tiles showing the API's
// numbers and leading to the records behind them.
const FLOW_TIMEOUT = 90_000;

let stack: Stack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const tag = randomBytes(3).toString("hex");

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  page = await consolePage(browser, pageErrors);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const shot = screenshots("journey", () => page);
const getJson = async <T>(path: string): Promise<T> => (await stack.api(path)).json() as Promise<T>;
const q = (filter: unknown) => `filter=${encodeURIComponent(JSON.stringify(filter))}`;

/** Signs in unless the page is already in the console. */
async function signInUnlessInConsole() {
  if (page.url().startsWith(stack.baseUrl) && !page.url().includes("/login")) return;
  await signIn(page, stack);
}

interface Unit {
  id: string;
  project: string;
  units_total: number;
  units_booked: number;
  units_available: number;
}

describe("journey console", () => {
  let accountId = "";

  it(
    "when a rep adds a site visit on a lead's page, then it shows on the lead's journey with its place, time and outcome",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed-milestone"));
      const created = await stack.api("/leads", {
        method: "POST",
        json: { first_name: "Ishaan", last_name: `Kulkarni${tag}`, email: `ishaan.${tag}@pune-${tag}.in` },
      });
      expect(created.status).toBe(201);
      const lead = (await created.json()) as { id: string };
      await signInUnlessInConsole();
      await page.goto(`${stack.baseUrl}/leads/${lead.id}/show`);
      const journey = page.locator("#lead-journey");
      // The lead's creation is the journey's first step before anything is added.
      await journey.locator(".journey-kind-lead_generated").waitFor();

      await journey.locator("[data-testid=add-milestone]").click();
      const dialog = page.locator("[data-testid=milestone-dialog]");
      await dialog.locator("select[name=kind]").selectOption("site_visit");
      await dialog.locator("input[name=location_name]").fill(`Skyline ${tag}, Baner`);
      await dialog.locator("input[name=duration_minutes]").fill("90");
      await dialog.locator("select[name=outcome]").selectOption("positive");
      await dialog.locator("textarea[name=notes]").first().fill("Liked the east-facing 2BHK");
      await dialog.locator("[data-testid=milestone-dialog-save]").click();
      await page.locator(".RaNotification-success", { hasText: "Milestone added" }).waitFor();

      const visit = journey.locator(".journey-kind-site_visit");
      await visit.locator(".journey-location", { hasText: `Skyline ${tag}, Baner` }).waitFor();
      expect(await visit.locator(".journey-duration").textContent()).toContain("1 h 30 min");
      expect(await visit.locator(".journey-outcome").textContent()).toBe("Positive");
      const saved = await getJson<{ kind: string; location_name: string; duration_minutes: number; outcome: string }[]>(
        `/milestones?${q({ record_type: "lead", record_id: lead.id, kind: "site_visit" })}`,
      );
      expect(saved).toEqual([
        expect.objectContaining({ kind: "site_visit", location_name: `Skyline ${tag}, Baner`, duration_minutes: 90, outcome: "positive" }),
      ]);

      // An engagement logged beside it, with its channel.
      await journey.locator("[data-testid=log-engagement]").click();
      const log = page.locator("[data-testid=engagement-dialog]");
      await log.locator("select[name=type]").selectOption("message_sent");
      await log.locator("input[name=subject]").fill(`Brochure ${tag}`);
      await log.locator("[data-testid=engagement-dialog-save]").click();
      await journey.locator(".journey-engagement", { hasText: `Brochure ${tag}` }).waitFor();
      expect(await journey.locator(".journey-engagement", { hasText: `Brochure ${tag}` }).textContent()).toContain("WhatsApp");
      // The milestone-timeline report's figures head the card.
      await journey.locator("[data-testid=journey-summary]", { hasText: "Not converted yet" }).waitFor();
      await journey.screenshot({ path: shot.path("01-lead-journey") });
      expect(pageErrors).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  it(
    "when inventory is made and an account books units of it, then units available drop in the list and the picker",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed-booking"));
      const account = await stack.api("/accounts", { method: "POST", json: { name: `Deshmukh Holdings ${tag}` } });
      expect(account.status).toBe(201);
      accountId = ((await account.json()) as { id: string }).id;
      await signInUnlessInConsole();

      // Inventory, made in the console.
      await page.locator("[data-testid=menu-inventory]").click();
      await page.locator('a[aria-label=Create][href$="/unit_inventory/create"]').click();
      await page.locator("input[name=project]").fill(`Skyline ${tag}`);
      await page.locator("input[name=unit_type]").fill("2BHK");
      await page.locator("input[name=units_total]").fill("10");
      await page.locator("input[name=unit_price]").fill("4500000");
      await page.getByRole("button", { name: "Save" }).click();
      const row = page.locator("[data-testid=inventory-list] tbody tr", { hasText: `Skyline ${tag}` });
      await row.locator(".units-available", { hasText: "10 / 10 free" }).waitFor();
      const [unit] = await getJson<Unit[]>(`/unit_inventory?${q({ project: `Skyline ${tag}` })}`);
      expect(unit).toMatchObject({ units_total: 10, units_available: 10 });

      // A booking of three units for the account, the amount left to the API (3 × the price).
      await page.locator("[data-testid=menu-bookings]").click();
      await page.locator('a[aria-label=Create][href$="/bookings/create"]').click();
      await page.getByLabel("or account").fill(`Deshmukh Holdings ${tag}`);
      await page.getByRole("option", { name: `Deshmukh Holdings ${tag}` }).click();
      await page.getByRole("combobox", { name: /Inventory \(units available\)/ }).click();
      await page.getByRole("option", { name: `Skyline ${tag} · 2BHK — 10 of 10 available` }).click();
      await page.locator("[data-testid=unit-preview]", { hasText: "₹45,00,000" }).waitFor();
      await page.locator("input[name=units]").fill("3");
      await page.locator("[data-testid=unit-preview]", { hasText: "₹1,35,00,000" }).waitFor();
      await page.getByRole("button", { name: "Save" }).click();
      await page.waitForURL(/\/bookings\/[0-9a-f-]+\/show$/);
      await page.locator(".money-amount", { hasText: "₹1,35,00,000" }).waitFor();
      await page.locator(".units-available", { hasText: "7 / 10 free" }).waitFor();
      await shot("02-booking");
      // The list's date column in the console's one format for an en-IN tenant ("6 Dec 2026"), not 6/12/2026.
      await page.locator("[data-testid=menu-bookings]").click();
      const today = new Intl.DateTimeFormat("en-IN", { day: "numeric", month: "short", year: "numeric" }).format(new Date());
      expect(today).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
      await page.locator("[data-testid=booking-list] td.column-booked_at", { hasText: today }).first().waitFor();

      expect(await getJson<Unit>(`/unit_inventory/${unit.id}`)).toMatchObject({ units_booked: 3, units_available: 7 });
      await page.locator("[data-testid=menu-inventory]").click();
      await row.locator(".units-available", { hasText: "7 / 10 free" }).waitFor();
      expect(await row.locator(".inventory-bar").getAttribute("data-booked")).toBe("3");
      await shot("03-inventory");
      expect(pageErrors).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  it(
    "when the account's ledger statement opens and a payment is recorded, then the running balance and outstanding follow",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed-ledger"));
      expect(accountId).not.toBe("");
      await signInUnlessInConsole();
      await page.goto(`${stack.baseUrl}/accounts/${accountId}/show`);
      await page.locator("[data-testid=account-ledger-link]").click();
      await page.waitForURL(/\/accounts\/[0-9a-f-]+\/ledger$/);
      const table = page.locator("[data-testid=ledger-table]");
      // The booking's invoice, posted by the API.
      await table.locator(".ledger-row .ledger-balance", { hasText: "₹1,35,00,000" }).waitFor();

      await page.locator("[data-testid=add-ledger-entry]").click();
      const dialog = page.locator("[data-testid=ledger-entry-dialog]");
      await dialog.locator("input[name=amount]").fill("3500000");
      await dialog.locator("input[name=document_ref]").fill(`UTR${tag}`);
      await dialog.locator("[data-testid=ledger-entry-save]").click();
      await page.locator(".RaNotification-success", { hasText: "Payment recorded" }).waitFor();

      await expect
        .poll(() => table.locator(".ledger-row .ledger-balance").allTextContents(), { timeout: PAGE_TIMEOUT })
        .toEqual(["₹1,35,00,000", "₹1,00,00,000"]);
      expect(await table.locator(".ledger-closing").textContent()).toBe("₹1,00,00,000");
      expect(await page.locator("[data-testid=ledger-outstanding] .kpi-value").textContent()).toBe("₹1 Cr");
      expect(await page.locator("[data-testid=ledger-collection] .kpi-value").textContent()).toBe("25.9%");
      const statement = await getJson<{ outstanding: number; entries: { balance_after: number }[] }>(`/reports/ledger/${accountId}`);
      expect(statement.outstanding).toBe(10000000);
      expect(statement.entries.map((e) => e.balance_after)).toEqual([13500000, 10000000]);
      await shot("04-ledger");
      // Printed, the statement stands alone: no app bar, menu or buttons.
      await page.emulateMedia({ media: "print" });
      expect(await page.locator("[data-testid=print-statement]").isVisible()).toBe(false);
      expect(await page.locator("header").first().isVisible()).toBe(false);
      expect(await table.isVisible()).toBe(true);
      await page.emulateMedia({ media: "screen" });
      expect(pageErrors).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  it(
    "when the funnel report opens from the Reports menu, then its chart draws the months and the stage conversion",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed-funnel"));
      await signInUnlessInConsole();
      await page.locator("[data-testid=menu-reports]").click();
      await page.locator("[data-testid=menu-report-funnel]").click();
      const report = page.locator("[data-testid=report-funnel]");
      const chart = report.locator("[data-testid=funnel-chart]");
      await chart.locator("svg.recharts-surface[role=application]").waitFor();
      await expect.poll(() => chart.locator(".recharts-bar").count(), { timeout: PAGE_TIMEOUT }).toBe(6);
      // This month's lead makes this month's bars.
      const funnel = await getJson<{ months: { month: string; new: number }[] }>(`/reports/funnel`);
      expect(funnel.months.length).toBeGreaterThan(0);
      await expect.poll(() => chart.locator(".recharts-bar-rectangle").count(), { timeout: PAGE_TIMEOUT }).toBeGreaterThan(0);
      await report.locator("[data-testid=funnel-conversion] .report-row").first().waitFor();
      // The legend reads in funnel order (recharts would sort it by name), and the range in the tenant's (en-IN) date format.
      expect(await chart.locator(".recharts-legend-item-text").allTextContents()).toEqual([
        "New",
        "Contacted",
        "Qualified",
        "Negotiation",
        "Converted",
        "Lost",
      ]);
      expect(await report.locator("[data-testid=report-range]").textContent()).toMatch(
        /^\d{1,2} [A-Z][a-z]{2} \d{4} – \d{1,2} [A-Z][a-z]{2} \d{4}$/,
      );
      expect(await report.locator("[data-testid=report-csv]").getAttribute("data-href")).toMatch(
        /^\/api\/reports\/funnel\?from=.*format=csv$/,
      );
      await shot("05-funnel");
      expect(pageErrors).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  it(
    "when the other reports open, then each draws its chart and table from the API, and the CSV downloads",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed-reports"));
      await signInUnlessInConsole();
      await page.goto(`${stack.baseUrl}/reports/funnel`);
      const [download] = await Promise.all([page.waitForEvent("download"), page.locator("[data-testid=report-csv]").click()]);
      expect(download.suggestedFilename()).toBe("funnel.csv");

      await page.locator("[data-testid=menu-report-bookings]").click();
      const bookings = page.locator("[data-testid=report-bookings]");
      await bookings.locator("[data-testid=bookings-chart] svg.recharts-surface[role=application]").waitFor();
      await bookings.locator("[data-testid=bookings-status-table] .report-row", { hasText: "₹1,35,00,000" }).waitFor();
      await bookings
        .locator("[data-testid=bookings-availability] .report-row", { hasText: `Skyline ${tag}` })
        .locator(".units-available", { hasText: "7 / 10 free" })
        .waitFor();
      await shot("06-bookings-report");

      await page.locator("[data-testid=menu-report-engagement-stats]").click();
      const engagement = page.locator("[data-testid=report-engagement]");
      await engagement.locator("[data-testid=engagement-table] .report-row", { hasText: "Whatsapp" }).waitFor();
      await engagement.locator("[data-testid=engagement-chart] svg.recharts-surface[role=application]").waitFor();

      await page.locator("[data-testid=menu-report-source-performance]").click();
      await page.locator("[data-testid=report-sources] [data-testid=sources-table] .report-row", { hasText: "manual" }).waitFor();
      await page.locator("[data-testid=menu-report-campaign-performance]").click();
      // This suite's leads carry no campaign: the report says how to get some rather than drawing empty axes.
      await page.locator("[data-testid=report-campaigns] [data-testid=report-empty]", { hasText: "No campaign leads" }).waitFor();
      await shot("06-campaigns-empty");

      // A range with nothing in it says what to do, and shows the range as an Indian tenant writes dates.
      await page.locator("[data-testid=menu-report-bookings]").click();
      await bookings.locator("[data-testid=bookings-chart]").waitFor();
      await bookings.locator("input[name=from]").fill("2001-01-01");
      await bookings.locator("input[name=to]").fill("2001-01-31");
      await bookings
        .locator("[data-testid=report-empty]", { hasText: "No bookings in this range — record one from a lead's page or widen the dates." })
        .waitFor();
      expect(await bookings.locator("[data-testid=report-range]").textContent()).toBe("1 Jan 2001 – 31 Jan 2001");
      await bookings.locator("[data-testid=bookings-availability] .report-row", { hasText: `Skyline ${tag}` }).waitFor();
      await shot("07-bookings-empty");
      await page.locator("[data-testid=menu-report-engagement-stats]").click();
      const engagementAgain = page.locator("[data-testid=report-engagement]");
      await engagementAgain.locator("input[name=from]").fill("2001-01-01");
      await engagementAgain.locator("input[name=to]").fill("2001-01-31");
      await engagementAgain.locator("[data-testid=report-empty]", { hasText: "log one from a lead's page" }).waitFor();
      expect(pageErrors).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  it(
    "when a lead source and a campaign of it are made in the console, then both are listed",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed-campaign"));
      await signInUnlessInConsole();
      await page.locator("[data-testid=menu-lead-sources]").click();
      await page.locator('a[aria-label=Create][href$="/lead_sources/create"]').click();
      await page.locator("input[name=name]").fill(`Housing ${tag}`);
      await page.locator("input[name=monthly_cost]").fill("25000");
      await page.getByRole("button", { name: "Save" }).click();
      await page
        .locator("[data-testid=lead-source-list] tbody tr", { hasText: `Housing ${tag}` })
        .locator(".money-monthly_cost", { hasText: "₹25,000" })
        .waitFor();

      await page.locator("[data-testid=menu-campaigns]").click();
      await page.locator('a[aria-label=Create][href$="/campaigns/create"]').click();
      await page.locator("input[name=name]").fill(`Diwali ${tag}`);
      await page.locator("input[name=code]").fill(`diwali-${tag}`);
      await page.getByRole("combobox", { name: "Lead source" }).click();
      await page.getByRole("option", { name: `Housing ${tag}` }).click();
      await page.locator("input[name=budget]").fill("300000");
      await page.getByRole("button", { name: "Save" }).click();
      await page
        .locator("[data-testid=campaign-list] tbody tr", { hasText: `Diwali ${tag}` })
        .locator(".money-budget", { hasText: "₹3,00,000" })
        .waitFor();
      const [campaign] = await getJson<{ code: string; budget: number; lead_source_id: string }[]>(
        `/campaigns?${q({ code: `diwali-${tag}` })}`,
      );
      expect(campaign).toMatchObject({ code: `diwali-${tag}`, budget: 300000 });
      expect(campaign.lead_source_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(pageErrors).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  it(
    "when the dashboard opens, then the KPI tiles show the API's numbers and lead to the records behind them",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed-dashboard"));
      await signInUnlessInConsole();
      const kpis = await getJson<Record<string, number>>("/reports/dashboard");
      await page.goto(`${stack.baseUrl}/`);
      const tile = (key: string) => page.locator(`[data-kpi=${key}] .kpi-value`);
      await expect.poll(() => tile("total_bookings").textContent(), { timeout: PAGE_TIMEOUT }).toBe(String(kpis.total_bookings));
      expect(kpis.total_bookings).toBe(1);
      expect(await tile("total_leads").textContent()).toBe(String(kpis.total_leads));
      expect(await tile("booked_amount").textContent()).toBe("₹1.35 Cr");
      expect(kpis.booked_amount).toBe(13500000);
      expect(await tile("outstanding_balance").textContent()).toBe("₹1 Cr");
      expect(await tile("engagement_this_month").textContent()).toBe(String(kpis.engagement_this_month));
      expect(await tile("pending_follow_ups").textContent()).toBe(String(kpis.pending_follow_ups));
      await shot("07-dashboard");

      await page.locator("[data-kpi=total_bookings]").click();
      await page.waitForURL(/\/bookings\?filter=/);
      await page.locator("[data-testid=booking-list] tbody tr", { hasText: `Deshmukh Holdings ${tag}` }).waitFor();
      expect(pageErrors).toEqual([]);
    },
    FLOW_TIMEOUT,
  );
});

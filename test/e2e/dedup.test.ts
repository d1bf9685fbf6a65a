import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { consolePage, launchChromium, PAGE_TIMEOUT, ensureSignedIn, screenshots } from "../support/browser.ts";
import { expectEventually, startStack, type Stack } from "../support/stack.ts";
import { handleIntake } from "../../jobs/intake/intake.job.ts";
import { createJobContext } from "../../worker/job-context.ts";

// The duplicate-review console in real Chromium against a real stack: the queue, the review screen,
// merge history with undo, "Not a duplicate", and the rules and scan page.
const FLOW_TIMEOUT = 120_000;

let stack: Stack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
let seq = 0;

beforeAll(async () => {
  // No worker: intake runs by hand below, so which lead is the older one is certain.
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  page = await consolePage(browser, pageErrors);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const shot = screenshots("dedup", () => page);

/** A mobile number no other test in the run uses. */
const mobile = () => `96${String(Date.now() % 1e6).padStart(6, "0")}${String(++seq % 100).padStart(2, "0")}`;

async function intake(lead: object): Promise<string> {
  const res = await stack.postLead(lead);
  expect(res.status).toBe(202);
  const { id } = (await res.json()) as { id: string };
  const result = await handleIntake(createJobContext(stack.services), { tenantId: stack.tenantId, eventId: id });
  return result.leadId!;
}

interface Review {
  id: string;
  lead_id: string;
  candidate_lead_id: string;
  status: string;
}

/**
 * Two brothers on one family phone: the second opens a review against the first (never an automatic
 * merge). Each test uses its own family, so no lead also resembles a namesake from another test.
 */
async function familyPair(
  [older, newer]: [string, string],
  family: string,
): Promise<{ existing: string; incoming: string; review: Review }> {
  const phone = mobile();
  const existing = await intake({ name: `${older} ${family}`, phone, city: "Nashik", job_title: "Owner" });
  const incoming = await intake({
    name: `${newer} ${family}`,
    phone,
    city: "Nashik",
    email: `${newer.toLowerCase()}.${randomBytes(3).toString("hex")}@gmail.com`,
    company: `${family} Traders`,
  });
  // The incoming lead may also resemble a namesake from an earlier test: this pair's review is the one wanted.
  const filter = encodeURIComponent(JSON.stringify({ lead_id: incoming, candidate_lead_id: existing }));
  const [review] = (await (await stack.api(`/duplicate_reviews?filter=${filter}`)).json()) as Review[];
  expect(review).toMatchObject({ status: "open" });
  return { existing, incoming, review };
}

const getJson = async <T>(path: string): Promise<T> => (await stack.api(path)).json() as Promise<T>;

describe("duplicate review console", () => {
  it(
    "when a reviewer merges a pair keeping the incoming first name, then one lead remains with it, and undo splits them again",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed-merge"));
      const { existing, incoming, review } = await familyPair(["Ramesh", "Rajesh"], "Kulkarni");
      await ensureSignedIn(page, stack);

      await page.goto(`${stack.baseUrl}/duplicate_reviews`);
      const row = page.locator("tbody .RaDatagrid-row", { hasText: "Rajesh Kulkarni" });
      await row.waitFor();
      await expect.poll(() => row.locator(".match-reason").allTextContents(), { timeout: PAGE_TIMEOUT }).toContain("same phone");
      await expect.poll(() => page.locator(".duplicates-badge").textContent(), { timeout: PAGE_TIMEOUT }).toMatch(/^[1-9]/);
      await shot("01-queue");

      await row.locator(".review-lead-name").first().click();
      await page.waitForURL(new RegExp(`/duplicate_reviews/${review.id}/show$`));
      const firstName = page.locator("[data-testid=compare-first_name]");
      await firstName.waitFor();
      expect(await firstName.getAttribute("class")).toContain("differs");
      expect(await page.locator("[data-testid=compare-last_name]").getAttribute("class")).not.toContain("differs");
      // By default the existing lead's value is kept.
      expect(await firstName.locator("input[value=candidate]").isChecked()).toBe(true);
      await firstName.locator("input[value=lead]").check();
      expect(await firstName.locator(".value-result").textContent()).toBe("Rajesh");
      await shot("02-review");

      await page.locator("[data-testid=review-merge]").click();
      await page.waitForURL(/\/duplicate_reviews$/);
      await page.locator(".link-notice", { hasText: "Merged into" }).waitFor();

      expect((await getJson<Review>(`/duplicate_reviews/${review.id}`)).status).toBe("merged");
      const survivor = await getJson<Record<string, unknown>>(`/leads/${existing}`);
      // Picked from the incoming lead; its email and company filled the gaps; the existing lead's own job title stays.
      expect(survivor).toMatchObject({
        first_name: "Rajesh",
        company: "Kulkarni Traders",
        job_title: "Owner",
        email: expect.stringMatching(/^rajesh\./),
      });
      expect((await stack.api(`/leads/${incoming}`)).status).toBe(404);

      await page.goto(`${stack.baseUrl}/leads/${existing}/show`);
      const entry = page.locator("[data-testid=merge-history] .merge-entry").first();
      await entry.waitFor();
      expect(await entry.textContent()).toContain("merged in");
      expect(await entry.locator(".merge-value-first_name").textContent()).toBe("Rajesh");
      await shot("03-merge-history");

      await page.locator("[data-testid=undo-merge]").click();
      await page.locator(".ra-confirm", { hasText: "Undo merge" }).click();
      await page.locator(".link-notice", { hasText: "Merge undone" }).waitFor();
      await page.locator("[data-testid=merge-history] .merge-entry.undone").waitFor();
      await shot("04-undone");

      expect(await getJson<Record<string, unknown>>(`/leads/${existing}`)).toMatchObject({ first_name: "Ramesh", company: null });
      expect(await getJson<Record<string, unknown>>(`/leads/${incoming}`)).toMatchObject({
        first_name: "Rajesh",
        company: "Kulkarni Traders",
      });
      const [last] = await getJson<{ undone_at: string | null; split_lead_id: string }[]>(`/leads/${existing}/merges`);
      expect(last).toMatchObject({ undone_at: expect.any(String), split_lead_id: incoming });
      expect(pageErrors).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  it(
    "when a reviewer opens the review from the flagged lead and says not a duplicate, then it closes and the flag clears",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed-dismiss"));
      const { incoming, review } = await familyPair(["Suresh", "Mahesh"], "Jadhav");
      await ensureSignedIn(page, stack);

      await page.goto(`${stack.baseUrl}/leads/${incoming}/show`);
      await page.locator(`[data-testid=duplicate-banner] .open-review[href$="/${review.id}/show"]`).click();
      await page.waitForURL(new RegExp(`/duplicate_reviews/${review.id}/show$`));
      await page.locator("[data-testid=review-dismiss]").click();
      await page.waitForURL(/\/duplicate_reviews$/);
      await page.locator(".RaNotification-success", { hasText: "not a duplicate" }).waitFor();

      expect((await getJson<Review>(`/duplicate_reviews/${review.id}`)).status).toBe("dismissed");
      expect(await getJson<Record<string, unknown>>(`/leads/${incoming}`)).toMatchObject({ is_duplicate: false });

      // A closed review reads as such, with nothing left to decide.
      await page.goto(`${stack.baseUrl}/duplicate_reviews/${review.id}/show`);
      await page.locator("[data-testid=review-closed]").waitFor();
      expect(await page.locator("[data-testid=review-merge]").count()).toBe(0);
      await shot("05-dismissed");
      expect(pageErrors).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  it(
    "when a lost lead writes in again, then its timeline marks the re-engagement as a milestone",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed-milestone"));
      const email = `madhuri.${randomBytes(3).toString("hex")}@outlook.com`;
      const id = await intake({ name: "Madhuri Deshpande", email });
      expect((await stack.api(`/leads/${id}`, { method: "PUT", json: { status: "lost" } })).status).toBe(200);
      expect(await intake({ name: "Madhuri Deshpande", email, source: "website" })).toBe(id);
      await ensureSignedIn(page, stack);

      await page.goto(`${stack.baseUrl}/leads/${id}/show`);
      const milestone = page.locator(".timeline-entry.timeline-milestone");
      await milestone.waitFor();
      expect(await milestone.textContent()).toContain("Re-engaged via website");
      // A repeat submission is merged, not a merge of two leads: it is listed in the history too.
      await page.locator("[data-testid=merge-history] .merge-entry", { hasText: "Submission via" }).waitFor();
      await page.locator("#lead-timeline").screenshot({ path: shot.path("07-milestone") });
      expect(pageErrors).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  it(
    "when an admin changes a matching rule and runs a scan, then the rule is stored and the scan's counts are shown",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed-settings"));
      await ensureSignedIn(page, stack);
      await page.goto(`${stack.baseUrl}/dedup/settings`);
      const city = page.locator("input[name='keys.city']");
      await city.waitFor();
      await city.uncheck();
      await page.locator("[data-testid=save-rules]").click();
      await page.locator(".RaNotification-success", { hasText: "Matching rules saved" }).waitFor();
      expect((await getJson<{ rules: { keys: Record<string, boolean> } }>("/dedup/rules")).rules.keys).toMatchObject({
        city: false,
        email: true,
      });

      await page.locator("[data-testid=reset-rules]").click();
      await page.locator("[data-testid=save-rules]").click();
      await expectEventually(
        async () => expect((await getJson<{ rules: { keys: Record<string, boolean> } }>("/dedup/rules")).rules.keys.city).toBe(true),
        PAGE_TIMEOUT,
        100,
      );

      await stack.startWorker();
      await page.locator("[data-testid=start-scan]").click();
      await page.locator("[data-testid=scan-status][data-status=done]").waitFor({ timeout: 30_000 });
      const [scan] = await getJson<{ status: string; merged: number; reviews: number }[]>(
        `/dedup_scans?sort=${encodeURIComponent('["created_at","DESC"]')}`,
      );
      expect(scan.status).toBe("done");
      expect(Number(await page.locator("[data-testid=scan-merged]").textContent())).toBe(scan.merged);
      expect(Number(await page.locator("[data-testid=scan-reviews]").textContent())).toBe(scan.reviews);
      await shot("06-settings-scan");
      expect(pageErrors).toEqual([]);
    },
    FLOW_TIMEOUT,
  );
});

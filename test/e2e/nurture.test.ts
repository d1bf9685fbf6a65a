import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { consolePage, launchChromium, PAGE_TIMEOUT, screenshots, signIn } from "../support/browser.ts";
import { startStack, type Stack } from "../support/stack.ts";

// Nurture in real Chromium against a real stack: a sequence built step by step (an email previewed
// with a real lead, then a three-day wait), saved, its stats page with the charts, the lead enrolled
// from it; then the lead's page with its Emails section, where a send the mail server left unknown
// is settled, and its enrolment stopped. No worker runs: the enrolment waits at step 1 throughout.
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

const shot = screenshots("nurture", () => page);
const getJson = async <T>(path: string): Promise<T> => (await stack.api(path)).json() as Promise<T>;

interface Sequence {
  id: string;
  name: string;
  version: number;
  steps: { type: string; subject: string | null; body_text: string | null; delay_minutes: number }[];
}
interface Enrollment {
  id: string;
  status: string;
  exit_reason: string | null;
}

describe("nurture console", () => {
  it(
    "when a marketer builds a sequence with an email and a wait, then it is saved, shows its stats, and the enrolled lead's page lists its emails",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed"));
      const lastName = `Deshpande${tag}`;
      const created = await stack.api("/leads", {
        method: "POST",
        json: { first_name: "Anaya", last_name: lastName, email: `anaya.${tag}@konkan-${tag}.in`, company: `Konkan ${tag} Foods` },
      });
      expect(created.status).toBe(201);
      const lead = (await created.json()) as { id: string };
      await signIn(page, stack);

      // Build: the new sequence starts with one email step; a wait is added after it.
      await page.locator("[data-testid=menu-sequences]").click();
      await page.locator('a[aria-label=Create][href$="/sequences/create"]').click();
      await page.locator("input[name=name]").fill(`Welcome ${tag}`);
      const email = page.locator("[data-testid=step-1]");
      await email.locator('input[name="steps.0.subject"]').fill('Hi {{ lead.first_name | default: "there" }}');
      await email.locator('textarea[name="steps.0.body_text"]').fill("Thanks for asking about {{ company.name }}.");

      // The preview renders the templates with the picked lead, through the API.
      await email.locator(".step-preview").click();
      const preview = page.locator("[data-testid=sequence-preview]");
      await preview.locator("input").fill(lastName);
      await page.locator(".lead-pick-option", { hasText: lastName }).click();
      await expect.poll(() => preview.locator(".preview-subject").textContent(), { timeout: PAGE_TIMEOUT }).toBe("Hi Anaya");
      expect(await preview.locator(".preview-text").textContent()).toContain("Thanks for asking about");
      await preview.locator("iframe.preview-html[sandbox='']").waitFor();

      await page.locator(".add-step-wait").click();
      const wait = page.locator("[data-testid=step-2][data-type=wait]");
      await wait.locator("input.delay-days").fill("3");
      await expect
        .poll(() => page.locator("[data-testid=sequence-flow] .step-delay").allTextContents())
        .toEqual(["at once", "wait 3 days", "then"]);
      await shot("01-builder");
      await page.getByRole("button", { name: "Save" }).click();

      // Saved: the show page, and the API holds both steps as built.
      await page.waitForURL(/\/sequences\/[0-9a-f-]+\/show$/);
      const sequenceId = /\/sequences\/([0-9a-f-]+)\/show$/.exec(page.url())![1];
      await page.locator("[data-testid=sequence-header] .sequence-name", { hasText: `Welcome ${tag}` }).waitFor();
      const saved = await getJson<Sequence>(`/sequences/${sequenceId}`);
      expect(saved.steps.map((s) => [s.type, s.delay_minutes])).toEqual([
        ["email", 0],
        ["wait", 4320],
      ]);
      expect(saved.steps[0]).toMatchObject({
        subject: 'Hi {{ lead.first_name | default: "there" }}',
        body_text: "Thanks for asking about {{ company.name }}.",
      });

      // Stats: the tiles and both charts render.
      await page.locator("[data-testid=kpi-enrolled] .kpi-value", { hasText: "0" }).waitFor();
      const daily = page.locator("[data-testid=sequence-daily-chart]");
      await daily.locator("svg.recharts-surface[role=application]").waitFor();
      await expect.poll(() => daily.locator(".recharts-line").count()).toBe(4);
      // The funnel has a bar group for the email step even before anything is sent.
      await page.locator("[data-testid=sequence-funnel-chart] .recharts-cartesian-axis-tick-value", { hasText: "Step 1" }).waitFor();

      // Enrol the lead from the sequence's page.
      await page.locator("[data-testid=enrol-leads]").click();
      const dialog = page.locator("[data-testid=enrol-dialog]");
      await dialog.locator("[data-testid=enrol-leads-picker] input").fill(lastName);
      await page.locator(".lead-pick-option", { hasText: lastName }).click();
      await dialog.locator("[data-testid=enrol-confirm]").click();
      await page.locator(".RaNotification-success", { hasText: "Enrolled 1 lead" }).waitFor();
      await page.locator("[data-testid=sequence-enrollment-list] .enrollment-lead", { hasText: lastName }).waitFor();
      await page.locator("[data-testid=kpi-enrolled] .kpi-value", { hasText: "1" }).waitFor();
      await shot("02-stats");
      const [enrollment] = await getJson<Enrollment[]>(`/enrollments?filter=${encodeURIComponent(JSON.stringify({ lead_id: lead.id }))}`);
      expect(enrollment).toMatchObject({ status: "active" });

      // A send whose outcome the mail server left unclear, as the runner records one.
      const [message] = await stack.services
        .db("email_messages")
        .insert({
          tenant_id: stack.tenantId,
          lead_id: lead.id,
          enrollment_id: enrollment.id,
          sequence_id: sequenceId,
          step: 1,
          message_id: `<e2e-${tag}@leadhub.test>`,
          to_address: `anaya.${tag}@konkan-${tag}.in`,
          subject: "Hi Anaya",
          status: "unknown",
        })
        .returning("id");

      // The lead's page: its Emails section settles the unknown send; its Sequences section stops the enrolment.
      await page.goto(`${stack.baseUrl}/leads/${lead.id}/show`);
      const emails = page.locator("#lead-emails");
      const row = emails.locator(".email-row", { hasText: "Hi Anaya" });
      await row.locator(".MuiChip-label", { hasText: "Unknown" }).waitFor();
      await row.locator(".reconcile-sent").click();
      await emails.locator(".email-row.email-sent .MuiChip-label", { hasText: "Sent" }).waitFor();
      expect(await getJson<{ status: string }>(`/email_messages/${message.id}`)).toMatchObject({ status: "sent" });

      const sequences = page.locator("#lead-enrollments");
      await sequences.locator(".enrollment-sequence", { hasText: `Welcome ${tag}` }).waitFor();
      await page.locator("#lead-emails").screenshot({ path: shot.path("03-lead-emails") });
      await sequences.locator(".stop-enrollment").click();
      await page.locator(".ra-confirm").click();
      await sequences.locator(".MuiChip-label", { hasText: "Exited" }).waitFor();
      expect(await getJson<Enrollment>(`/enrollments/${enrollment.id}`)).toMatchObject({ status: "exited", exit_reason: "manual" });
      await shot("04-lead");
      expect(pageErrors).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  it(
    "when an admin sets the sender on the Nurture settings page and suppresses an address, then both are saved",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed-settings"));
      if (!page.url().startsWith(stack.baseUrl)) await signIn(page, stack);
      await page.locator("[data-testid=menu-nurture-settings]").click();
      const settings = page.locator("[data-testid=nurture-settings]");
      await settings.locator("input[name=from_email]").fill(`hello@konkan-${tag}.in`);
      await settings.locator("input[name=from_name]").fill("Konkan Foods");
      await settings.locator("[data-testid=save-nurture-settings]").click();
      await page.locator(".RaNotification-success", { hasText: "Nurture settings saved" }).waitFor();
      expect(await getJson("/nurture/settings")).toMatchObject({
        from_email: `hello@konkan-${tag}.in`,
        from_name: "Konkan Foods",
        track_opens: true,
      });
      await shot("05-settings");

      await settings.getByRole("link", { name: "Suppressions" }).click();
      await page.locator('a[aria-label=Create][href$="/suppressions/create"]').click();
      await page.locator("input[name=email]").fill(`Bounced.${tag}@Example.in`);
      await page.getByRole("button", { name: "Save" }).click();
      await page.locator("[data-testid=suppression-list] td", { hasText: `bounced.${tag}@example.in` }).waitFor();
      const list = await getJson<{ email: string; reason: string }[]>(
        `/suppressions?filter=${encodeURIComponent(JSON.stringify({ q: `bounced.${tag}` }))}`,
      );
      expect(list).toEqual([expect.objectContaining({ email: `bounced.${tag}@example.in`, reason: "manual" })]);
      await shot("06-suppressions");
      expect(pageErrors).toEqual([]);
    },
    FLOW_TIMEOUT,
  );
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { consolePage, launchChromium, screenshots, signIn } from "../support/browser.ts";
import { startStack, type Stack } from "../support/stack.ts";
import { createMailer } from "../../core/mailer.ts";
import { startMailCatcher } from "../../core/mail-catcher.ts";

// Outbound mail not set up (no SMTP_URL) in real Chromium: the sequences list, the enrolments list
// and the nurture settings say so with the count of emails waiting; each waiting enrolment says why;
// the step editor lists the variables a template may name.
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

const shot = screenshots("nurture-mail", () => page);
const post = async (path: string, json: unknown) => (await stack.api(path, { method: "POST", json })).json() as Promise<{ id: string }>;

describe("outbound mail not set up", () => {
  it("when two drip emails wait for mail, then the banner says so with the count and each enrolment says why", async ({ onTestFailed }) => {
    onTestFailed(() => shot("failed"));
    const seq = await post("/sequences", {
      name: `Welcome ${tag}`,
      status: "active",
      steps: [{ type: "email", subject: "Hi {{ lead.first_name }}", body_text: "Thanks for asking." }],
    });
    for (const who of ["Anaya", "Kabir"]) {
      const lead = await post("/leads", { first_name: who, last_name: `Joshi ${tag}`, email: `${who.toLowerCase()}.${tag}@example.in` });
      await post("/enrollments", { lead_id: lead.id, sequence_id: seq.id, source: "manual" });
    }
    await signIn(page, stack);

    await page.locator("[data-testid=menu-sequences]").click();
    const banner = page.locator("[data-testid=mail-banner]");
    await expect.poll(() => banner.textContent()).toContain("Outbound mail is not set up: 2 emails waiting");
    await shot("01-sequences-banner");

    await page.locator("[data-testid=menu-enrollments]").click();
    await expect.poll(() => banner.textContent()).toContain("2 emails waiting");
    const waiting = page.locator(".enrollment-waiting");
    await expect.poll(() => waiting.count()).toBe(2);
    expect(await waiting.first().textContent()).toContain("Outbound mail is not set up (no SMTP_URL)");
    await shot("02-enrolments-waiting");

    await page.locator("[data-testid=menu-nurture-settings]").click();
    await expect
      .poll(() => page.locator("[data-testid=nurture-settings] [data-testid=mail-banner]").textContent())
      .toContain("2 emails waiting");

    // The step editor lists the variables; a click puts one into the field last typed in.
    await page.locator("[data-testid=menu-sequences]").click();
    await page.locator('a[aria-label=Create][href$="/sequences/create"]').click();
    const step = page.locator("[data-testid=step-1]");
    await step.locator("[data-testid=template-variables]").waitFor();
    await step.locator('input[name="steps.0.subject"]').fill("Hi ");
    await step.locator(".template-variable", { hasText: /^lead\.first_name$/ }).click();
    expect(await step.locator('input[name="steps.0.subject"]').inputValue()).toBe("Hi {{ lead.first_name }}");
    await step.locator("[data-testid=template-variables]").scrollIntoViewIfNeeded();
    await shot("03-step-variables");
    expect(pageErrors).toEqual([]);
  });

  it("when the local mail catcher runs, then an admin finds Mail catcher in the menu, the banner is gone and the caught mail has a preview", async ({
    onTestFailed,
  }) => {
    onTestFailed(() => shot("failed-catcher"));
    const catcher = await startMailCatcher();
    try {
      const mailer = createMailer(catcher.url, "Konkan Homes <hello@konkan.example>")!;
      await mailer.send({
        to: `anaya.${tag}@example.in`,
        subject: "Welcome, Anaya",
        text: "Hi Anaya, thanks for asking about Konkan Homes.",
        html: "<h2>Hi Anaya</h2><p>Thanks for asking about <b>Konkan Homes</b>.</p>",
      });
      mailer.close?.();
      await page.reload();
      await page.locator("[data-testid=menu-mail-catcher]").click();
      const list = page.locator("[data-testid=caught-list] .caught-mail");
      await expect.poll(() => list.count()).toBe(1);
      expect(await list.first().textContent()).toContain("Welcome, Anaya");
      const frame = page.frameLocator("[data-testid=caught-preview] iframe");
      await expect.poll(() => frame.locator("h2").textContent()).toBe("Hi Anaya");
      expect(await page.locator("[data-testid=mail-banner]").count()).toBe(0);
      await shot("04-mail-catcher");
    } finally {
      await catcher.close();
    }
    expect(pageErrors).toEqual([]);
  });
});

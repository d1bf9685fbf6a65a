import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { consolePage, launchChromium, PAGE_TIMEOUT, ensureSignedIn, screenshots } from "../support/browser.ts";
import { expectEventually, startStack, type Stack } from "../support/stack.ts";

// Capture channels in the built console (admin/dist): the form builder and its hosted page, a partner's
// webhooks with "send test payload", failed inbound events, and source alerts. Same harness and
// launch flags as console.test.ts; timeouts are generous for two shared cores.
/** Intake runs in the in-process worker: a test payload or a submission settles within seconds, slower under load. */
const INTAKE_TIMEOUT = 45_000;
const FLOW_TIMEOUT = 150_000;

let stack: Stack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
/** The console's own complaints (React warnings, failed requests): the form editor and its preview should make none. */
const consoleErrors: string[] = [];

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack({ worker: true }), launchChromium()]);
  page = await consolePage(browser, pageErrors);
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(`${message.text()} @ ${message.location().url}`);
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/**
 * Full-page shots start from the top (the app bar hides on scroll and sticky parts would land mid-page);
 * dialogs are shot as the viewport shows them, since their backdrop covers only the viewport.
 */
const shot = screenshots("capture", () => page, { scrollToTop: true, animations: "disabled" });

describe("capture channels in the console", () => {
  it(
    "when a form is built and saved, then its embed code and preview show, and a visitor's submission becomes a lead",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed-form-builder"));
      await ensureSignedIn(page, stack);
      const tag = randomBytes(3).toString("hex");
      const formName = `Site visit ${tag}`;

      await page.goto(`${stack.baseUrl}/web_forms/create`);
      await page.locator("[data-testid=form-fields]").waitFor();
      await page.locator("input[name=name]").fill(formName);
      const rows = page.locator("[data-testid=form-field-row]");
      expect(await rows.count()).toBe(5);
      await page.locator("[data-testid=add-form-field]").click();
      await expectEventually(async () => expect(await rows.count()).toBe(6), PAGE_TIMEOUT, 100);
      // Labelling the new field names it and guesses its lead field.
      await rows.nth(5).locator('input[aria-label="Field label"]').fill("City");
      await expect.poll(() => rows.nth(5).locator('input[aria-label="Field name"]').inputValue()).toBe("city");
      await expect.poll(() => rows.nth(5).locator('input[aria-label="Maps to lead field"]').inputValue()).toBe("city");
      await page.locator("input[name=campaign]").fill(`e2e-${tag}`);
      await shot("01-form-builder");

      await page.getByRole("button", { name: "Save form" }).click();
      await page.waitForURL(/\/web_forms\/[0-9a-f-]{36}$/, { timeout: PAGE_TIMEOUT });
      const formId = new URL(page.url()).pathname.split("/")[2];
      const form = (await (await stack.api(`/forms/${formId}`)).json()) as { key: string; fields: { name: string; maps_to?: string }[] };
      expect(form.fields.find((f) => f.name === "city")?.maps_to).toBe("city");

      await expect
        .poll(() => page.locator("[data-testid=embed-snippet]").textContent(), { timeout: PAGE_TIMEOUT })
        .toContain(`/ingest/forms/${form.key}`);
      const preview = page.frameLocator("iframe[data-testid=form-preview]");
      await preview.locator("input[name=city]").waitFor();
      // Long text is a textarea in the preview and in the embed code a site owner copies.
      await preview.locator("textarea[name=message]").waitFor();
      expect(await page.locator("[data-testid=embed-snippet]").textContent()).toContain('<textarea name="message"');
      await shot("02-form-saved");
      expect(consoleErrors).toEqual([]);
      expect(pageErrors).toEqual([]);

      // A visitor fills the hosted page in a tab of their own.
      const visitor = await browser.newPage({ viewport: { width: 420, height: 900 } });
      try {
        await visitor.goto(`${stack.baseUrl}/forms/${form.key}`);
        const email = `meera.${tag}@example.in`;
        await visitor.locator("input[name=name]").fill(`Meera Iyer${tag}`);
        await visitor.locator("input[name=email]").fill(email);
        await visitor.locator("input[name=phone]").fill("+91 98450 12345");
        await visitor.locator("input[name=city]").fill("Bengaluru");
        await shot("03-hosted-form", { target: visitor });
        await visitor.locator("button[type=submit]").click();
        await visitor.waitForURL(new RegExp(`/forms/${form.key}/thanks$`));
        await visitor.getByRole("status").waitFor();
        await shot("04-hosted-thanks", { target: visitor });

        const lead = await expectEventually(
          async () => {
            const res = await stack.api(`/leads?filter=${encodeURIComponent(JSON.stringify({ q: email }))}`);
            const list = (await res.json()) as { id: string; email: string; city: string; campaign: string }[];
            expect(list).toHaveLength(1);
            return list[0];
          },
          INTAKE_TIMEOUT,
          250,
        );
        expect(lead).toMatchObject({ city: "Bengaluru", campaign: `e2e-${tag}` });

        await page.goto(`${stack.baseUrl}/leads/${lead.id}/show`);
        await expect.poll(() => page.locator("[data-testid=lead-header] .lead-email").textContent(), { timeout: PAGE_TIMEOUT }).toBe(email);
      } finally {
        await visitor.close();
      }

      // The form's page counts the submission in its health panel.
      await page.goto(`${stack.baseUrl}/web_forms/${formId}/show`);
      await expect.poll(() => page.locator("[data-testid=health-received]").textContent(), { timeout: PAGE_TIMEOUT }).toBe("1");
      await page.locator("[data-testid=health-per-hour] svg").first().waitFor();
      await shot("05-form-show");

      await page.goto(`${stack.baseUrl}/web_forms`);
      await page.locator("tbody .RaDatagrid-row", { hasText: formName }).waitFor();
      await shot("05b-forms-list");
    },
    FLOW_TIMEOUT,
  );

  it(
    "when the partner's generic test payload is sent, then its outcome shows as created",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed-partner-test"));
      await ensureSignedIn(page, stack);
      await page.goto(`${stack.baseUrl}/partners/${stack.partnerId}/show`);
      await page.locator("[data-testid=partner-webhooks]").waitFor();
      const urls = await page.locator("[data-testid=partner-webhooks] .webhook-url").allTextContents();
      expect(urls).toContain(`${stack.baseUrl}/ingest/webhooks/${stack.partnerId}/generic`);
      expect(urls).toHaveLength(6);

      const generic = page.locator("[data-testid=test-payload-generic]");
      await generic.getByRole("button", { name: "Send test payload" }).click();
      await generic.locator(".test-outcome[data-outcome=created]").waitFor({ timeout: INTAKE_TIMEOUT });
      // The new delivery lands in the partner's list of last deliveries and in its health.
      await page.locator("[data-testid=partner-deliveries] tbody tr").first().waitFor();
      await expect.poll(() => page.locator("[data-testid=health-received]").textContent(), { timeout: PAGE_TIMEOUT }).not.toBe("0");
      await shot("06-partner-test-payload");
    },
    FLOW_TIMEOUT,
  );

  it(
    "when a field mapping and a vendor secret are saved, then the mapping shows and the secret works but is never answered",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed-partner-edit"));
      await ensureSignedIn(page, stack);
      const googleKey = `g-${randomBytes(6).toString("hex")}`;
      await page.goto(`${stack.baseUrl}/partners/${stack.partnerId}/edit`);
      await page.locator("[data-testid=field-mapping]").waitFor();
      await page.getByRole("button", { name: "Add mapping" }).click();
      await page.locator('input[aria-label="Sender\'s key"]').last().fill("Plot Size");
      await page.locator('input[aria-label="Lead field"]').last().fill("custom_fields.plot_size");
      await page.locator('input[data-secret="google_key"]').fill(googleKey);
      await shot("07-partner-edit");
      await page.getByRole("button", { name: "Save" }).click();
      await page.waitForURL(new RegExp(`/partners/${stack.partnerId}/show$`));
      await page.locator("[data-testid=partner-mapping]", { hasText: "Plot Size" }).waitFor();

      const partner = (await (await stack.api(`/partners/${stack.partnerId}`)).json()) as { settings: Record<string, unknown> };
      expect(partner.settings.field_mapping).toEqual({ "Plot Size": "custom_fields.plot_size" });
      expect(JSON.stringify(partner)).not.toContain(googleKey);
      const google = await fetch(`${stack.baseUrl}/ingest/webhooks/${stack.partnerId}/google-ads`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          lead_id: `e2e-${googleKey}`,
          google_key: googleKey,
          user_column_data: [
            { column_id: "FULL_NAME", string_value: "Kavya Rao" },
            { column_id: "EMAIL", string_value: `kavya.${googleKey}@example.in` },
          ],
        }),
      });
      expect(google.status).toBe(202);
    },
    FLOW_TIMEOUT,
  );

  it(
    "when a lead without contact details was rejected, then its event offers Replay and the raw download",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed-replay"));
      await ensureSignedIn(page, stack);
      const res = await stack.postLead({ name: "x" });
      expect(res.status).toBe(422);
      const body = (await res.json()) as { error: { details: { event_id: string } } };
      const eventId = body.error.details.event_id;
      expect(eventId).toBeTruthy();

      await page.goto(
        `${stack.baseUrl}/inbound_events?filter=${encodeURIComponent(JSON.stringify({ status: ["failed"], channel: ["api"] }))}`,
      );
      await page.locator("tbody .RaDatagrid-row").first().waitFor();
      await shot("08-events-failed");

      await page.goto(`${stack.baseUrl}/inbound_events/${eventId}/show`);
      await page.locator("[data-testid=event-error]").waitFor();
      await page.locator("[data-testid=replay-event]").waitFor();
      const download = page.waitForEvent("download");
      await page.locator("[data-testid=download-raw]").click();
      expect((await download).suggestedFilename()).toBe(`${eventId}.json`);
      await page.locator("[data-testid=replay-event]").click();
      await page.getByRole("dialog").getByText("Replay this event?").waitFor();
      await shot("09-event-replay-confirm", { fullPage: false });
      await page.getByRole("dialog").getByRole("button", { name: "Replay" }).click();
      await page.getByText("Replaying: the event is back in the intake queue").waitFor();
      // The event goes back to intake and settles again; the page follows it.
      await expectEventually(
        async () => {
          const ev = (await (await stack.api(`/inbound_events/${eventId}`)).json()) as { status: string; processed_at: string | null };
          expect(["done", "failed"]).toContain(ev.status);
          expect(ev.processed_at).toBeTruthy();
        },
        INTAKE_TIMEOUT,
        250,
      );
      await page.reload();
      await page.locator("[data-testid=download-raw]").waitFor();
      await shot("09b-event-replayed");
    },
    FLOW_TIMEOUT,
  );

  it(
    "when a source raises an alert, then the menu counts it and resolving it from the list clears it",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed-alerts"));
      await ensureSignedIn(page, stack);
      await stack.services.db("alerts").insert({
        tenant_id: stack.tenantId,
        source_type: "partner",
        source_id: stack.partnerId,
        kind: "silent",
        message: "No deliveries for 6 hours <b>not bold</b>",
      });
      await page.goto(`${stack.baseUrl}/alerts`);
      const row = page.locator("tbody .RaDatagrid-row", { hasText: "No deliveries for 6 hours" });
      await row.waitFor();
      expect(await row.textContent()).toContain("<b>not bold</b>");
      await expect.poll(() => page.locator(".alerts-badge").first().textContent(), { timeout: PAGE_TIMEOUT }).toBe("1");
      await shot("10-alerts");
      await row.getByRole("button", { name: "Resolve" }).click();
      await row.waitFor({ state: "detached" });
      const open = await (await stack.api(`/alerts?filter=${encodeURIComponent(JSON.stringify({ resolved_at: null }))}`)).json();
      expect(open).toEqual([]);
      expect(pageErrors).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  it(
    "when a partner's credentials are rotated, then the new key is shown once and works",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed-rotate"));
      await ensureSignedIn(page, stack);
      const created = (await (
        await stack.api("/partners", { method: "POST", json: { name: `Rotating ${randomBytes(2).toString("hex")}` } })
      ).json()) as {
        id: string;
        apiKey: string;
      };
      await page.goto(`${stack.baseUrl}/partners/${created.id}/show`);
      await page.locator("[data-testid=rotate-partner]").click();
      await page.getByRole("dialog").getByRole("button", { name: "Rotate" }).click();
      const key = await page.locator("[data-testid=partner-api-key]").textContent();
      expect(key).toBeTruthy();
      expect(key).not.toBe(created.apiKey);
      await shot("11-rotated", { fullPage: false });
      await page.getByRole("button", { name: "I have stored them" }).click();

      const post = (apiKey: string) =>
        fetch(`${stack.baseUrl}/ingest/leads`, {
          method: "POST",
          headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
          body: JSON.stringify({ name: "Rotated Key", email: `rotated.${randomBytes(3).toString("hex")}@example.in` }),
        });
      expect((await post(key!)).status).toBe(202);
      expect((await post(created.apiKey)).status).toBe(401);
    },
    FLOW_TIMEOUT,
  );
});

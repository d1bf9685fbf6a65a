import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import type { Browser, Locator, Page } from "playwright-core";
import { consolePage, launchChromium, PAGE_TIMEOUT, screenshots, signIn } from "../support/browser.ts";
import { startStack, type Stack } from "../support/stack.ts";

// The CRM in real Chromium against a real stack: a lead converted through the preview dialog into
// account + contact + deal, then the deal dragged on the pipeline board, refused while its required
// "Discovery call" is open, and moved once that task is ticked done.
const FLOW_TIMEOUT = 60_000;

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

const shot = screenshots("crm", () => page);
const getJson = async <T>(path: string): Promise<T> => (await stack.api(path)).json() as Promise<T>;

const column = (name: string) => page.locator(`[data-testid=pipeline-board] .board-column[data-column="${name}"]`);
const headline = (name: string) => column(name).locator(".board-column-summary").textContent();

/** The board's keyboard drag (@hello-pangea/dnd): focus the card, space to lift, arrows to move, space to drop. */
async function moveByKeyboard(card: Locator, arrow: "ArrowLeft" | "ArrowRight") {
  await card.focus();
  await page.keyboard.press("Space");
  const announced = () => page.locator("[id^=rfd-announcement]").textContent();
  await expect.poll(announced, { timeout: PAGE_TIMEOUT }).toContain("lifted");
  await page.keyboard.press(arrow);
  // The library moves the lifted card over animation frames and says so in its live region; drop after that.
  await expect.poll(announced, { timeout: PAGE_TIMEOUT }).toContain("moved");
  await page.keyboard.press("Space");
}

/** A mouse drag in small steps, as a hand makes it: the library starts a drag only past a few pixels. */
async function dragByMouse(card: Locator, target: Locator) {
  const from = (await card.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + 80, { steps: 20 });
  await expect.poll(() => page.locator("[id^=rfd-announcement]").textContent(), { timeout: PAGE_TIMEOUT }).toContain("moved");
  await page.mouse.up();
}

describe("CRM console", () => {
  it(
    "when a rep converts a lead and drags its deal on, then the board refuses while the required task is open and moves it once done",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed"));
      const company = `Sahyadri ${tag} Infra Pvt Ltd`;
      const created = await stack.api("/leads", {
        method: "POST",
        json: {
          first_name: "Rohan",
          last_name: `Kulkarni${tag}`,
          email: `rohan.${tag}@sahyadri-${tag}.in`,
          company,
          budget: 4500000,
          product_interest: "Warehouse lease",
        },
      });
      expect(created.status).toBe(201);
      const lead = (await created.json()) as { id: string };
      await signIn(page, stack);

      // Convert through the preview: everything is new; the deal's value is changed before converting.
      await page.goto(`${stack.baseUrl}/leads/${lead.id}/show`);
      await page.locator("[data-testid=convert-lead]").click();
      const dialog = page.locator("[data-testid=convert-dialog]");
      await expect
        .poll(() => dialog.locator(".convert-account .convert-text").textContent(), { timeout: PAGE_TIMEOUT })
        .toBe(`Create the account “${company}”`);
      expect(await dialog.locator(".convert-contact .convert-text").textContent()).toContain(`Create the contact “Rohan Kulkarni${tag}”`);
      await dialog.locator("input[name=value]").fill("50,00,000");
      await expect
        .poll(() => dialog.locator(".convert-opportunity .convert-text").textContent(), { timeout: PAGE_TIMEOUT })
        .toBe(`Open the deal “${company} – Warehouse lease” in Qualification, worth ₹50,00,000`);
      await shot("01-preview");
      await dialog.locator("[data-testid=convert-confirm]").click();

      await page.waitForURL(/\/opportunities\/[0-9a-f-]+\/show$/);
      const dealId = /\/opportunities\/([0-9a-f-]+)\/show$/.exec(page.url())![1];
      await page.locator("[data-testid=deal-header] .deal-title", { hasText: `${company} – Warehouse lease` }).waitFor();
      expect(await getJson(`/opportunities/${dealId}`)).toMatchObject({ value: 5000000, status: "open" });
      await page.locator("#record-tasks .task-title", { hasText: "Discovery call" }).waitFor();
      await shot("02-deal");

      // The lead now links to what it became, and offers no second conversion.
      await page.goto(`${stack.baseUrl}/leads/${lead.id}/show`);
      await page.locator("[data-testid=converted-deal] a", { hasText: "Warehouse lease" }).waitFor();
      await page.locator("[data-testid=converted-account] a", { hasText: company }).waitFor();
      expect(await page.locator("[data-testid=convert-lead]").count()).toBe(0);

      // More deals in Negotiation than one page of cards: its header is still the exact count and sum.
      const negotiation = (await getJson<{ id: string; name: string }[]>("/pipeline_stages")).find((s) => s.name === "Negotiation")!;
      const many = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          stack.api("/opportunities", { method: "POST", json: { name: `Bulk ${i} ${tag}`, value: 100000, stage_id: negotiation.id } }),
        ),
      );
      expect(many.map((r) => r.status)).toEqual(Array(60).fill(201));

      // On the board: Qualification → Proposal is refused, naming the open task, and the card goes back.
      await page.locator("[data-testid=menu-pipeline]").click();
      const card = page.locator(`.board-card[data-id="${dealId}"]`);
      await column("Qualification").locator(`.board-card[data-id="${dealId}"]`).waitFor();
      await expect.poll(() => headline("Negotiation"), { timeout: PAGE_TIMEOUT }).toBe("60 · ₹60L");
      expect(await column("Negotiation").locator(".board-card").count()).toBeLessThan(60);
      // At 1440 px every column is reachable: the board scrolls sideways (headless Chromium hides scrollbars, so only the scroll is checked).
      await page.setViewportSize({ width: 1440, height: 900 });
      const board = page.locator("[data-testid=pipeline-board]");
      expect(await board.evaluate((el) => getComputedStyle(el).overflowX)).toBe("scroll");
      await board.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
      await expect
        .poll(async () => {
          const last = await board.locator(".board-column").last().boundingBox();
          return last !== null && last.x >= 0 && last.x + last.width <= 1440;
        })
        .toBe(true);
      await shot("03-board-1440-scrolled", { fullPage: false });
      await board.evaluate((el) => el.scrollTo({ left: 0 }));
      await expect.poll(() => headline("Qualification"), { timeout: PAGE_TIMEOUT }).toBe("1 · ₹50L");
      // The card names what is in the way before anyone tries; then the move by keyboard: space lifts, an arrow moves, space drops.
      await card.locator(".deal-blockers", { hasText: "Discovery call" }).waitFor();
      await shot("03-blocked-card", { fullPage: false });
      await moveByKeyboard(card, "ArrowRight");
      await page.locator(".RaNotification-error", { hasText: "Discovery call" }).waitFor();
      await column("Qualification").locator(`.board-card[data-id="${dealId}"]`).waitFor();
      expect(await column("Proposal").locator(`.board-card[data-id="${dealId}"]`).count()).toBe(0);
      expect([await headline("Qualification"), await headline("Proposal")]).toEqual(["1 · ₹50L", "0 · ₹0"]);
      await shot("03-refused");

      // Tick the task done on the deal's page, then the same drag moves it.
      await card.locator(".deal-name a").click();
      // The deal's timeline (GET /opportunities/:id/timeline) has the task its stage gave it.
      await page.locator("#record-timeline .record-timeline-entry", { hasText: "Task: Discovery call" }).first().waitFor();
      await page.locator("#record-tasks tr", { hasText: "Discovery call" }).locator(".task-done input").click();
      await page.locator(".RaNotification-success", { hasText: "Done: Discovery call" }).waitFor();
      await page.locator("#record-timeline .record-timeline-entry", { hasText: "Done: Discovery call" }).waitFor();
      await page.locator("[data-testid=menu-pipeline]").click();
      await column("Qualification").locator(`.board-card[data-id="${dealId}"]`).waitFor();
      expect(await card.locator(".deal-blockers").count()).toBe(0);
      await dragByMouse(card, column("Proposal"));
      await column("Proposal").locator(`.board-card[data-id="${dealId}"]`).waitFor();
      await expect
        .poll(async () => (await getJson<{ probability: number }>(`/opportunities/${dealId}`)).probability, { timeout: PAGE_TIMEOUT })
        .toBe(50);
      expect([await headline("Qualification"), await headline("Proposal")]).toEqual(["0 · ₹0", "1 · ₹50L"]);
      await shot("04-moved");

      // The lead board is the same board: the converted lead's card sits under Converted and lifts by keyboard too.
      await page.goto(`${stack.baseUrl}/lead-board`);
      const leadCard = page.locator(`[data-testid=lead-board] .board-card[data-id="${lead.id}"]`);
      await page.locator(`[data-testid=lead-board] .board-column[data-column="Converted"] .board-card[data-id="${lead.id}"]`).waitFor();
      await shot("05-lead-board", { fullPage: false });
      await leadCard.focus();
      await page.keyboard.press("Space");
      await expect.poll(() => page.locator("[id^=rfd-announcement]").textContent(), { timeout: PAGE_TIMEOUT }).toContain("lifted");
      await page.keyboard.press("Escape");
      expect(pageErrors).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  it(
    "when an admin defines a required account field, then the account form shows it and refuses a save without it in the API's words",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("custom-fields-failed"));
      const account = (await (await stack.api("/accounts", { method: "POST", json: { name: `Konkan ${tag} Traders` } })).json()) as {
        id: string;
      };
      const name = `po_ref_${tag}`;
      const created = await stack.api("/custom_field_definitions", {
        method: "POST",
        json: {
          record_type: "account",
          name,
          label: "PO reference",
          type: "text",
          required: true,
          help: "From the customer's purchase order",
        },
      });
      expect(created.status).toBe(201);
      const definition = (await created.json()) as { id: string };
      try {
        // What the API itself answers for the same save: the form's own required check (which fires first) must read the same.
        const refused = await stack.api(`/accounts/${account.id}`, {
          method: "PUT",
          json: { name: `Konkan ${tag} Traders`, custom_fields: {} },
        });
        expect(refused.status).toBe(422);
        const body = (await refused.json()) as { error: { code: string; details: { path: string; message: string }[] } };
        expect(body.error.code).toBe("invalid_custom_fields");
        const message = body.error.details.find((d) => d.path === `custom_fields.${name}`)?.message;
        expect(message).toBe("PO reference is required");

        await page.evaluate(() => localStorage.clear());
        await signIn(page, stack);
        await page.goto(`${stack.baseUrl}/accounts/${account.id}`);
        const input = page.locator(`input[name="custom_fields.${name}"]`);
        await input.waitFor();
        await page.locator("[data-testid=custom-field-inputs]", { hasText: "From the customer's purchase order" }).waitFor();
        await page.locator("input[name=industry]").fill("Logistics");
        await page.getByRole("button", { name: "Save" }).click();
        await page.locator(".MuiFormHelperText-root.Mui-error", { hasText: message! }).waitFor();
        await shot("05-custom-field-required");

        await input.fill("PO-7781");
        await page.getByRole("button", { name: "Save" }).click();
        await page.locator("#custom-fields", { hasText: "PO-7781" }).waitFor();
        expect((await getJson<{ custom_fields: Record<string, unknown> }>(`/accounts/${account.id}`)).custom_fields[name]).toBe("PO-7781");
        expect(pageErrors).toEqual([]);
      } finally {
        await stack.api(`/custom_field_definitions/${definition.id}`, { method: "DELETE" });
      }
    },
    FLOW_TIMEOUT,
  );

  it(
    "when the lead form has a form-level check, then a missing required custom field comes back from the API under its input",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("lead-custom-fields-failed"));
      const lead = (await (
        await stack.api("/leads", {
          method: "POST",
          json: { first_name: "Meera", last_name: `Iyer${tag}`, email: `meera.${tag}@example.in` },
        })
      ).json()) as { id: string };
      const defs = await Promise.all([
        stack.api("/custom_field_definitions", {
          method: "POST",
          json: { record_type: "lead", name: `site_visit_${tag}`, label: "Site visit", type: "text", required: true },
        }),
        stack.api("/custom_field_definitions", {
          method: "POST",
          json: { record_type: "lead", name: `plot_${tag}`, label: "Plot", type: "text" },
        }),
      ]);
      expect(defs.map((r) => r.status)).toEqual([201, 201]);
      const ids = (await Promise.all(defs.map((r) => r.json()))) as { id: string }[];
      try {
        await page.goto(`${stack.baseUrl}/leads/${lead.id}`);
        await page.getByRole("tab", { name: "Custom fields" }).click();
        await page.locator(`input[name="custom_fields.plot_${tag}"]`).fill("Plot 14, Hinjewadi");
        await page.getByRole("button", { name: "Save" }).click();
        await page.locator(".MuiFormHelperText-root.Mui-error", { hasText: "Site visit is required" }).waitFor();
        await shot("06-lead-custom-field-422");
        expect(pageErrors).toEqual([]);
      } finally {
        await Promise.all(ids.map((d) => stack.api(`/custom_field_definitions/${d.id}`, { method: "DELETE" })));
      }
    },
    FLOW_TIMEOUT,
  );

  it(
    "when an admin adds a choice field on the Custom fields page, then it is listed with its options and the contact form offers them",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("custom-field-settings-failed"));
      await page.locator("[data-testid=menu-custom-fields]").click();
      await page.getByRole("link", { name: "Create" }).click();
      await page.getByRole("combobox", { name: "Record" }).click();
      await page.getByRole("option", { name: "Contact" }).click();
      await page.getByRole("combobox", { name: "Type" }).click();
      await page.getByRole("option", { name: "Choice" }).click();
      await page.locator("input[name=label]").fill("Tier");
      await page.locator("input[name=name]").fill(`tier_${tag}`);
      await page.locator("textarea[name=options]").fill("Gold\n Silver \n\nGold");
      await page.getByRole("button", { name: "Save" }).click();
      await page
        .locator("tr", { hasText: `tier_${tag}` })
        .filter({ hasText: "Gold, Silver" })
        .waitFor();
      await shot("07-custom-fields-list");

      await page.goto(`${stack.baseUrl}/contacts/create`);
      await page.getByRole("combobox", { name: "Tier" }).click();
      await page.getByRole("option", { name: "Silver" }).waitFor();
      expect(await page.getByRole("option").allTextContents()).toEqual(["—", "Gold", "Silver"]);
      await page.keyboard.press("Escape");
      expect(pageErrors).toEqual([]);
    },
    FLOW_TIMEOUT,
  );
});

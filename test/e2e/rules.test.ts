import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import type { Browser, Locator, Page } from "playwright-core";
import { consolePage, launchChromium, PAGE_TIMEOUT, ensureSignedIn, screenshots } from "../support/browser.ts";
import { expectEventually, startStack, type Stack } from "../support/stack.ts";

// The scoring and assignment pages in real Chromium against a real stack and worker: a rule built
// with the condition builder, tested on a lead, dry-run, published and re-scored; a routing rule to
// a team that gives the next lead an owner; a rep's routing settings.
const FLOW_TIMEOUT = 90_000;

let stack: Stack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const tag = randomBytes(3).toString("hex");

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack({ worker: true }), launchChromium()]);
  page = await consolePage(browser, pageErrors);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const shot = screenshots("rules", () => page);

const getJson = async <T>(path: string): Promise<T> => (await stack.api(path)).json() as Promise<T>;

interface Lead {
  id: string;
  lead_score: number;
  grade: string | null;
  owner_id: string | null;
}

/** Posts a lead and waits until intake (scoring and assignment included) is done with it. */
async function arrive(lead: object): Promise<Lead> {
  const res = await stack.postLead(lead);
  expect(res.status).toBe(202);
  const { id } = (await res.json()) as { id: string };
  const event = await expectEventually(
    async () => {
      const e = await getJson<{ status: string; lead_id: string }>(`/inbound_events/${id}`);
      expect(e.status).toBe("done");
      return e;
    },
    20_000,
    100,
  );
  return getJson<Lead>(`/leads/${event.lead_id}`);
}

/** Picks a field in a check row's field picker by its label. */
async function pickField(row: Locator, label: string) {
  await row.locator(".cond-field input").fill(label);
  await page.getByRole("option", { name: label, exact: true }).click();
}

async function publish(title: string) {
  await page.locator("[data-testid=publish-rules]").click();
  await page.locator(".ra-confirm").click();
  await page.locator(".RaNotification-success", { hasText: `${title} v` }).waitFor();
}

describe("rules console", () => {
  it(
    "when a manager builds a scoring rule, tests it, dry-runs and publishes it, then the lead is re-scored and says why",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed-scoring"));
      const source = `e2e-${tag}`;
      const lastName = `Iyer${tag}`;
      const lead = await arrive({
        first_name: "Meera",
        last_name: lastName,
        email: `meera.${tag}@iyer-infra.in`,
        source,
        budget: "750000",
        city: "Pune",
      });
      expect(lead.lead_score).toBe(0);
      await ensureSignedIn(page, stack);

      await page.locator("[data-testid=menu-scoring]").click();
      await page.locator("[data-testid=no-rules]").waitFor();
      await page.locator("[data-testid=add-rule]").click();
      const dialog = page.locator("[data-testid=rule-dialog]");
      await dialog.locator("input[name=name]").fill("High budget from the e2e source");
      await dialog.locator("input[name=points]").fill("30");

      // Source is any of [the e2e source, referral] and Budget is at least 500000.
      await dialog.locator(".cond-add-check").first().click();
      const sourceCheck = dialog.locator("[data-testid=cond-check-0]");
      await sourceCheck.locator(".cond-op select").selectOption("in");
      await sourceCheck.locator(".cond-value input").fill(source);
      await sourceCheck.locator(".cond-value input").press("Enter");
      await sourceCheck.locator(".cond-value input").fill("referral");
      await sourceCheck.locator(".cond-value input").press("Enter");
      await expect
        .poll(() => sourceCheck.locator(".MuiChip-label").allTextContents(), { timeout: PAGE_TIMEOUT })
        .toEqual([source, "referral"]);
      await dialog.locator(".cond-add-check").first().click();
      const budgetCheck = dialog.locator("[data-testid=cond-check-1]");
      await pickField(budgetCheck, "Budget");
      await budgetCheck.locator(".cond-op select").selectOption("gte");
      await budgetCheck.locator(".cond-value input").fill("500000");

      // The preview on the posted lead: it matches, and shows what the lead has for each check.
      await dialog.locator("[data-testid=rule-test] input").fill(lastName);
      await page.locator(".rule-test-option", { hasText: lastName }).click();
      await dialog.locator("[data-testid=rule-test-result][data-matched=true]").waitFor();
      expect(await dialog.locator(".explain-row.matched .explain-actual").allTextContents()).toEqual([
        `lead has: ${source}`,
        "lead has: 750000",
      ]);
      await shot("01-rule-dialog");
      await dialog.locator("[data-testid=rule-dialog-save]").click();
      await dialog.waitFor({ state: "detached" });
      expect(await page.locator(".rule-row .rule-condition").textContent()).toBe(
        `Source is any of ${source}, referral and Budget is at least 500000`,
      );

      await page.locator("[data-testid=run-dry-run]").click();
      const change = page.locator(`.dry-run-change[data-lead="${lead.id}"]`);
      await change.waitFor();
      expect(await change.locator(".dry-run-score").textContent()).toBe("0 → 30 (+30)");
      await shot("02-dry-run");
      // The dry run wrote nothing.
      expect((await getJson<Lead>(`/leads/${lead.id}`)).lead_score).toBe(0);

      await publish("Scoring rules");
      await page.locator("[data-testid=rescore-status][data-status=done]").waitFor({ timeout: 30_000 });
      expect(await page.locator(".rescore-summary").textContent()).toMatch(/^Re-scored \d+ leads? with rules v1: [1-9]\d* changed$/);
      await page.locator("[data-testid=scoring-versions] .version-row", { hasText: "Published 1 rule" }).waitFor();
      await shot("03-published");
      expect(await getJson<Lead>(`/leads/${lead.id}`)).toMatchObject({ lead_score: 30, grade: "C" });

      await page.goto(`${stack.baseUrl}/leads/${lead.id}/show`);
      const why = page.locator("[data-testid=score-why]");
      await why.waitFor();
      expect(await why.locator(".score-rule-name").allTextContents()).toEqual(["High budget from the e2e source"]);
      expect(await why.locator(".score-total").textContent()).toBe("30");
      expect(await why.locator(".score-entry").first().textContent()).toContain("0 → 30");
      await page.locator("#lead-score").screenshot({ path: shot.path("04-why") });
      expect(pageErrors).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  it(
    "when a manager routes a state to a team by round robin and publishes, then new leads from there get its members in turn",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed-assignment"));
      const team = (await (await stack.api("/teams", { method: "POST", json: { name: `South ${tag}` } })).json()) as {
        id: string;
        name: string;
      };
      const reps: { id: string; name: string }[] = [];
      for (const name of ["Asha Rao", "Bilal Khan"]) {
        const res = await stack.api("/users", {
          method: "POST",
          json: {
            name,
            email: `${name.split(" ")[0].toLowerCase()}.${tag}@acme.test`,
            password: "rep-password-1",
            role: "rep",
            team_id: team.id,
          },
        });
        expect(res.status).toBe(201);
        reps.push((await res.json()) as { id: string; name: string });
      }
      await ensureSignedIn(page, stack);

      await page.locator("[data-testid=menu-assignment]").click();
      await page.locator("[data-testid=no-rules]").waitFor();
      await page.locator("[data-testid=add-rule]").click();
      const dialog = page.locator("[data-testid=rule-dialog]");
      await dialog.locator("input[name=name]").fill("Karnataka to the South team");
      await dialog.locator("input[name=target_team]").fill(team.name);
      await page.getByRole("option", { name: team.name }).click();
      await dialog.locator("select[name=strategy]").selectOption("round_robin");
      await dialog.locator(".cond-add-check").first().click();
      const check = dialog.locator("[data-testid=cond-check-0]");
      await pickField(check, "State");
      await check.locator(".cond-value input").fill("Karnataka");
      await dialog.locator("[data-testid=rule-dialog-save]").click();
      await dialog.waitFor({ state: "detached" });
      expect(await page.locator(".rule-row").textContent()).toContain(`Team ${team.name} · round robin`);
      await publish("Assignment rules");
      await page.locator("[data-testid=assignment-versions] .version-row", { hasText: "Published 1 rule" }).waitFor();
      await shot("05-assignment");

      const first = await arrive({
        first_name: "Kiran",
        last_name: `Gowda${tag}`,
        email: `kiran.${tag}@gowda.in`,
        state: "Karnataka",
        city: "Hubli",
      });
      const second = await arrive({
        first_name: "Latha",
        last_name: `Shetty${tag}`,
        email: `latha.${tag}@shetty.in`,
        state: "Karnataka",
        city: "Mangaluru",
      });
      expect([first.owner_id, second.owner_id]).toEqual(reps.map((r) => r.id));

      await page.goto(`${stack.baseUrl}/leads/${first.id}/show`);
      await expect
        .poll(() => page.locator("[data-testid=lead-header] .lead-owner").textContent(), { timeout: PAGE_TIMEOUT })
        .toBe(reps[0].name);
      await page.locator("[data-testid=lead-header]").screenshot({ path: shot.path("06-owner") });
      expect(pageErrors).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  it(
    "when an admin sets a rep's working hours, new-lead emails and out of office, then the API holds them and the team shows the rep away",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed-rep-settings"));
      const team = (await (await stack.api("/teams", { method: "POST", json: { name: `North ${tag}` } })).json()) as { id: string };
      const created = await stack.api("/users", {
        method: "POST",
        json: { name: "Chitra Sen", email: `chitra.${tag}@acme.test`, password: "rep-password-1", role: "rep", team_id: team.id },
      });
      const rep = (await created.json()) as { id: string };
      await ensureSignedIn(page, stack);

      await page.goto(`${stack.baseUrl}/users/${rep.id}`);
      const hours = page.locator("[data-testid=working-hours]");
      await hours.locator("input[name=always_available]").uncheck();
      // Office hours to start from: Monday to Friday; Saturday mornings added by hand.
      await hours.locator("input[name='day.sat']").check();
      await hours.locator(".hours-sat input[aria-label=To]").fill("13:00");
      await expect
        .poll(() => hours.locator(".MuiFormHelperText-root").last().textContent(), { timeout: PAGE_TIMEOUT })
        .toBe("Mon–Fri 09:00–18:00; Sat 09:00–13:00");
      await page.getByRole("combobox", { name: "New lead emails" }).click();
      await page.getByRole("option", { name: "Hourly digest" }).click();
      await page.locator("input[name=out_of_office]").check();
      await page.getByRole("button", { name: "Save" }).click();
      await page.waitForURL(new RegExp(`/users/${rep.id}/show$`));
      await page.getByText("Mon–Fri 09:00–18:00; Sat 09:00–13:00").waitFor();

      expect(await getJson<Record<string, unknown>>(`/users/${rep.id}`)).toMatchObject({
        out_of_office: true,
        notify_new_leads: "digest",
        working_hours: { mon: ["09:00", "18:00"], fri: ["09:00", "18:00"], sat: ["09:00", "13:00"] },
      });
      await page.goto(`${stack.baseUrl}/teams/${team.id}/show`);
      await page.locator("tbody tr", { hasText: "Chitra Sen" }).getByText("Out of office").waitFor();
      expect(pageErrors).toEqual([]);
    },
    FLOW_TIMEOUT,
  );
});

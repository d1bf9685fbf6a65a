import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { consolePage, FIRST_LOAD_TIMEOUT, launchChromium, screenshots } from "../support/browser.ts";
import { startStack, type Stack } from "../support/stack.ts";
import { tag } from "../support/json-api.ts";
import type { Role } from "../../core/vocabulary.ts";

/**
 * The menu and buttons match what a role may do (core/permissions.ts): signed in as each role, every
 * menu item is clicked; no /api call answers 403 and no error notification or "access denied" page shows.
 * Screenshots: test-results/roles-menu/<role>.png.
 */
const ROLE_TIMEOUT = 240_000;
const ROLES: Role[] = ["admin", "manager", "marketer", "rep"];

let stack: Stack;
let browser: Browser;
const users = {} as Record<Role, { email: string; password: string }>;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  users.admin = { email: stack.adminEmail, password: stack.adminPassword };
  for (const role of ROLES.filter((r) => r !== "admin")) {
    const u = { email: `${role}.${tag()}@roles-menu.test`, password: `${role}-password-1` };
    const res = await stack.api("/users", { method: "POST", json: { ...u, name: `Asha ${role}`, role } });
    expect(res.status).toBe(201);
    users[role] = u;
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

interface Walk {
  page: Page;
  refused: string[];
  errors: string[];
  pageErrors: string[];
  inFlight: () => number;
}

async function signInAs(role: Role): Promise<Walk> {
  const pageErrors: string[] = [];
  const page = await consolePage(browser, pageErrors);
  const refused: string[] = [];
  let pending = 0;
  page.on("request", (r) => void (r.url().includes("/api/") && pending++));
  page.on("requestfinished", (r) => void (r.url().includes("/api/") && pending--));
  page.on("requestfailed", (r) => void (r.url().includes("/api/") && pending--));
  page.on("response", (r) => {
    if (r.url().includes("/api/") && r.status() === 403)
      refused.push(`${r.request().method()} ${new URL(r.url()).pathname} (on ${page.url()})`);
  });
  await page.goto(`${stack.baseUrl}/login`);
  await page.locator("input[name=username]").waitFor({ timeout: FIRST_LOAD_TIMEOUT });
  await page.locator("input[name=username]").fill(users[role].email);
  await page.locator("input[name=password]").fill(users[role].password);
  await page.locator("button[type=submit]").click();
  await page.locator("[data-testid=dashboard]").waitFor();
  return { page, refused, errors: [], pageErrors, inFlight: () => pending };
}

/** Waits until no /api request has been in flight for a moment (polls keep going, so not "network idle"). */
async function settle(w: Walk) {
  let quiet = 0;
  for (let i = 0; i < 100 && quiet < 4; i++) {
    await w.page.waitForTimeout(100);
    quiet = w.inFlight() <= 0 ? quiet + 1 : 0;
  }
}

/** Every link of the sidebar menu, the Reports group opened first. */
async function menuLinks(page: Page): Promise<string[]> {
  const reports = page.locator("[data-testid=menu-reports]");
  if (await reports.isVisible()) await reports.click();
  await page.locator("[data-testid=menu-report-funnel]").waitFor();
  return page.locator(".RaMenu-open a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
}

async function walkMenu(w: Walk): Promise<string[]> {
  const hrefs = await menuLinks(w.page);
  for (const href of hrefs) {
    await w.page.locator(`.RaMenu-open a[href="${href}"]`).first().click();
    await settle(w);
    const problems = await w.page.locator(".RaNotification-error, :text('Access denied'), :text('may not open this page')").allInnerTexts();
    for (const p of problems) w.errors.push(`${href}: ${p}`);
  }
  return hrefs;
}

const menuText = (page: Page) => page.locator(".RaMenu-open").innerText();

describe("the menu as each role sees it", () => {
  for (const role of ROLES) {
    it(
      `when a ${role} clicks every menu item, then no page is refused and no error shows`,
      async () => {
        const w = await signInAs(role);
        const shot = screenshots("roles-menu", () => w.page);
        try {
          const hrefs = await walkMenu(w);
          expect(hrefs.length).toBeGreaterThan(5);
          await w.page.goto(`${stack.baseUrl}/#/`);
          await w.page.locator(".RaMenu-open a[href='/']").first().click();
          await w.page.locator("[data-testid=dashboard]").waitFor();
          await settle(w);
          // Tall enough for the whole menu (the sidebar scrolls on its own, so a full-page shot would cut it).
          await w.page.setViewportSize({ width: 1366, height: 1700 });
          await shot(role, { fullPage: false });
          expect(w.refused, "403 answers from /api").toEqual([]);
          expect(w.errors, "error notifications or access-denied pages").toEqual([]);
          expect(w.pageErrors).toEqual([]);
        } catch (e) {
          await shot(`failed-${role}`);
          throw e;
        } finally {
          await w.page.close();
        }
      },
      ROLE_TIMEOUT,
    );
  }

  it(
    "when a rep opens another rep's lead by its address, then the page says it is not found or not theirs, and nothing more",
    async () => {
      const [lead] = await stack.services
        .db("leads")
        .insert({ tenant_id: stack.tenantId, lead_number: `RM-${tag()}`, first_name: "Priya", last_name: "Shah" })
        .returning("id");
      const w = await signInAs("rep");
      await w.page.goto(`${stack.baseUrl}/leads/${lead.id}/show`);
      const note = w.page.locator(".RaNotification-error, [role=alert]").filter({ hasText: "not yours" });
      await note.first().waitFor();
      expect(await note.first().innerText()).toMatch(/Not found, or not yours: reps see their own leads/);
      expect(await w.page.locator("body").innerText()).not.toContain("Priya");
      await screenshots("roles-menu", () => w.page)("rep-not-yours", { fullPage: false });
      await w.page.close();
    },
    ROLE_TIMEOUT,
  );

  it(
    "when each role opens the lists it may read, then it is shown the buttons it may use and no others",
    async () => {
      const expectations: { role: Role; path: string; create: boolean }[] = [
        { role: "marketer", path: "/partners", create: true },
        { role: "manager", path: "/partners", create: true },
        { role: "manager", path: "/users", create: false },
        { role: "marketer", path: "/opportunities", create: false },
        { role: "rep", path: "/opportunities", create: true },
      ];
      const wrong: string[] = [];
      for (const role of ["manager", "marketer", "rep"] as Role[]) {
        const w = await signInAs(role);
        const menu = await menuText(w.page);
        if (role === "rep" && /Inbound events|Partners|Users|Audit log/.test(menu))
          wrong.push(`rep's menu: ${menu.replace(/\n+/g, " | ")}`);
        if (role === "marketer" && !/Partners/.test(menu)) wrong.push("marketer's menu has no Partners");
        if (role === "manager" && !/Users[\s\S]*Teams[\s\S]*Audit log/.test(menu))
          wrong.push("manager's menu lacks Users, Teams, Audit log");
        for (const e of expectations.filter((x) => x.role === role)) {
          await w.page.goto(`${stack.baseUrl}${e.path}`);
          await w.page.locator(".RaList-main, .RaList-content, [class*=RaList]").first().waitFor();
          await settle(w);
          const create = await w.page.locator("a[aria-label=Create], a:has-text('Create')").count();
          if (create > 0 !== e.create) wrong.push(`${role} ${e.path}: Create button ${create > 0 ? "shown" : "hidden"}`);
        }
        await w.page.close();
      }
      expect(wrong).toEqual([]);
    },
    ROLE_TIMEOUT,
  );
});

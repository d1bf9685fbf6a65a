import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import type { Stack } from "./stack.ts";

// Debian's Chromium, headless as root, with the background services that would call out to the
// network switched off (this machine has none).
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Timeouts are generous: CI has two cores shared by PostgreSQL, Redis, the worker and the browser. */
export const PAGE_TIMEOUT = 15_000;
/** The first load parses ~1.2 MB of JavaScript in a cold browser while the stack is busy. */
export const FIRST_LOAD_TIMEOUT = 30_000;

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });

/** A laptop-sized page whose uncaught errors are collected, for the test to assert there were none. */
export async function consolePage(browser: Browser, pageErrors: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  page.setDefaultTimeout(PAGE_TIMEOUT);
  page.setDefaultNavigationTimeout(FIRST_LOAD_TIMEOUT);
  page.on("pageerror", (error) => pageErrors.push(error.message));
  return page;
}

export interface ShotOptions {
  /** The page to shoot; the suite's page unless given (e.g. a visitor's page). */
  target?: Page;
  fullPage?: boolean;
}

export interface Shot {
  (name: string, options?: ShotOptions): Promise<void>;
  /** Where a shot named `name` is written, for element screenshots (`locator.screenshot({ path })`). */
  path(name: string): string;
}

/**
 * Screenshots into test-results/<area>/ (created now). `page` is read at each shot, so it may be
 * assigned later in beforeAll. With `scrollToTop`, full-page shots start from the top (the app bar
 * hides on scroll and sticky parts would land mid-page); `animations` is passed to Playwright as is.
 */
export function screenshots(
  area: string,
  page: () => Page,
  { scrollToTop = false, animations }: { scrollToTop?: boolean; animations?: "disabled" | "allow" } = {},
): Shot {
  const dir = fileURLToPath(new URL(`../../test-results/${area}/`, import.meta.url));
  mkdirSync(dir, { recursive: true });
  const path = (name: string) => `${dir}${name}.png`;
  const shot = async (name: string, { target = page(), fullPage = true }: ShotOptions = {}): Promise<void> => {
    if (fullPage && scrollToTop) await target.evaluate(() => window.scrollTo(0, 0));
    await target.screenshot({ path: path(name), fullPage, ...(animations ? { animations } : {}) });
  };
  return Object.assign(shot, { path });
}

type Login = Pick<Stack, "baseUrl" | "adminEmail" | "adminPassword">;

/**
 * Signs in as the stack's admin through /login and waits for the dashboard. `beforeSubmit` runs with
 * the form filled in, just before it is sent (e.g. to screenshot the login page).
 */
export async function signIn(page: Page, stack: Login, { beforeSubmit }: { beforeSubmit?: () => Promise<void> } = {}): Promise<void> {
  await page.goto(`${stack.baseUrl}/login`);
  await page.locator("input[name=username]").waitFor({ timeout: FIRST_LOAD_TIMEOUT });
  await page.locator("input[name=username]").fill(stack.adminEmail);
  await page.locator("input[name=password]").fill(stack.adminPassword);
  await beforeSubmit?.();
  await page.locator("button[type=submit]").click();
  await page.locator("[data-testid=dashboard]").waitFor();
}

/** Each test can run alone (`-t`): signs in unless the page is on the stack and holds a token already. */
export async function ensureSignedIn(page: Page, stack: Login, options: { beforeSubmit?: () => Promise<void> } = {}): Promise<void> {
  const signedIn = page.url().startsWith(stack.baseUrl) && (await page.evaluate(() => localStorage.getItem("leadhub.token")));
  if (!signedIn) await signIn(page, stack, options);
}

import { chromium, type Browser, type Page } from "playwright-core";

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

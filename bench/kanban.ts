/**
 * The pipeline board's first paint in Chromium with 10,000 open deals, beside the plain deal list
 * page over the same records: from navigation to the first cards (or rows) on screen, median of a
 * few loads in one signed-in browser, with the API requests and bytes each page needed.
 */
import { execFileSync } from "node:child_process";
import { chromium, type Page } from "playwright-core";
import { CHROMIUM_ARGS } from "../test/support/browser.ts";
import { pipelineStages } from "../core/crm/stages.ts";
import {
  createTenantAdmin,
  fmt,
  killTree,
  leadhubEnv,
  median,
  ratio,
  ROOT,
  startServer,
  table,
  type BenchEnv,
  type BenchReport,
} from "./lib.ts";

const DEALS = 10_000;
const ACCOUNTS = 500;
const LOADS = 5;

interface PageLoad {
  ms: number;
  requests: number;
  kb: number;
}

/** 10,000 open deals over the four open stages, each with an account and the admin as owner. */
async function seed(env: BenchEnv, tenantId: string) {
  const stages = (await pipelineStages(env.db, tenantId)).filter((s) => !s.is_won && !s.is_lost);
  const owner = await env.db("users").where("tenant_id", tenantId).first("id");
  await env.db.raw(
    `INSERT INTO accounts (tenant_id, name, name_key, type) SELECT ?, 'Account ' || g, 'account ' || g, 'prospect' FROM generate_series(1, ?) g`,
    [tenantId, ACCOUNTS],
  );
  const accounts = await env.db("accounts").where("tenant_id", tenantId).pluck("id");
  await env.db.raw(
    `INSERT INTO opportunities (tenant_id, name, value, stage_id, probability, account_id, owner_id, expected_close, stage_changed_at)
     SELECT ?, 'Deal ' || g, (g % 500 + 1) * 10000, (?::uuid[])[g % ? + 1], 25, (?::uuid[])[g % ? + 1], ?, current_date + (g % 90), now()
     FROM generate_series(1, ?) g`,
    [tenantId, stages.map((s) => s.id), stages.length, accounts, accounts.length, owner.id, DEALS],
  );
  await env.db.raw("ANALYZE opportunities");
}

/** One full load of a console page until `ready` shows, counting the /api requests it made. */
async function timeLoad(page: Page, url: string, ready: string): Promise<PageLoad> {
  let requests = 0;
  let bytes = 0;
  const onResponse = async (res: import("playwright-core").Response) => {
    if (!res.url().includes("/api/")) return;
    requests++;
    // Bytes over the wire (a 304 revalidation counts as its headers' worth of nothing).
    bytes += (
      await res
        .request()
        .sizes()
        .catch(() => ({ responseBodySize: 0 }))
    ).responseBodySize;
  };
  page.on("response", onResponse);
  await page.goto("about:blank");
  const started = Date.now();
  await page.goto(url);
  await page.locator(ready).first().waitFor({ timeout: 60_000 });
  const ms = Date.now() - started;
  // Let the requests of this load finish before counting them (reference fields load after the first paint).
  await page.waitForLoadState("networkidle");
  page.off("response", onResponse);
  return { ms, requests, kb: bytes / 1024 };
}

export async function benchKanban(env: BenchEnv): Promise<BenchReport> {
  // The board measured is the code as it stands: build the console first.
  execFileSync("npx", ["vite", "build", "--config", "admin/vite.config.ts", "--logLevel", "warn"], { cwd: ROOT, stdio: "inherit" });
  const admin = await createTenantAdmin(env, "kanban");
  await seed(env, admin.tenantId);
  const api = await startServer("api", "api/server.ts", leadhubEnv(env));
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${api.url}/login`);
    await page.locator("input[name=username]").fill(admin.email);
    await page.locator("input[name=password]").fill(admin.password);
    await page.locator("button[type=submit]").click();
    await page.locator("[data-testid=dashboard]").waitFor({ timeout: 60_000 });

    const pages = {
      "pipeline board": { url: `${api.url}/pipeline`, ready: "[data-testid=pipeline-board] .board-card" },
      "deal list (25 rows)": { url: `${api.url}/opportunities`, ready: ".RaDatagrid-tbody tr" },
    };
    const results: Record<string, PageLoad[]> = {};
    // Interleaved, so a warming cache or a busy neighbour treats both pages alike.
    for (let i = 0; i < LOADS + 1; i++) {
      for (const [name, p] of Object.entries(pages)) {
        const load = await timeLoad(page, p.url, p.ready);
        if (i > 0) (results[name] ??= []).push(load); // the first round warms the browser's cache
      }
    }
    await page.goto(`${api.url}/pipeline`);
    // Every column answered (its header shows figures, not "…"), then count what the board holds.
    await page.waitForFunction(() => {
      const heads = [...document.querySelectorAll(".board-column-summary")];
      return heads.length > 0 && heads.every((h) => h.textContent !== "…");
    });
    const cards = await page.locator(".board-card").count();
    const row = (name: string) => {
      const r = results[name];
      return [
        name,
        fmt(median(r.map((x) => x.ms))),
        fmt(Math.max(...r.map((x) => x.ms))),
        fmt(median(r.map((x) => x.requests))),
        fmt(median(r.map((x) => x.kb)), 1),
      ];
    };
    const board = median(results["pipeline board"].map((x) => x.ms));
    const list = median(results["deal list (25 rows)"].map((x) => x.ms));
    const t = table(["page", "first paint ms (median)", "max ms", "/api requests", "/api KB transferred"], Object.keys(pages).map(row));
    const note = `${fmt(DEALS)} open deals in 4 stages, ${fmt(ACCOUNTS)} accounts; board shows ${cards} cards (50 per column); board/list ${ratio(board, list)}; ${LOADS} loads each after one warm-up.`;
    return { name: "kanban", text: `${t.text}\n${note}`, markdown: `${t.markdown}\n\n${note}` };
  } finally {
    await browser.close();
    await killTree(api.p);
  }
}

import { afterAll, beforeAll, expect, it } from "vitest";
import { inject } from "vitest";
import { startStack, type Stack } from "../support/stack.ts";

let stack: Stack;
const url = new URL(inject("databaseUrl"));
url.searchParams.set("application_name", "leadhub-reports-replica");

beforeAll(async () => {
  stack = await startStack({ env: { REPORTS_DATABASE_URL: url.href } });
});
afterAll(async () => {
  await stack?.stop();
});

it("with REPORTS_DATABASE_URL set, the reports and the dashboard's figures are read there, and the rest of the api is not", async () => {
  const seen = async () =>
    (await stack.services.db.raw("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'leadhub-reports-replica'"))
      .rows[0].n as number;
  await stack.api("/leads");
  expect(await seen()).toBe(0);
  for (const path of ["/reports/funnel", "/reports/dashboard"]) expect((await stack.api(path)).status).toBe(200);
  expect(await seen()).toBeGreaterThan(0);
  expect(stack.services.reportsDb).not.toBe(stack.services.db);
});

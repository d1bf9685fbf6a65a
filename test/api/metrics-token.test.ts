import { afterAll, beforeAll, expect, it } from "vitest";
import { startStack, type Stack } from "../support/stack.ts";

const TOKEN = "metrics-token-0123456789";
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ env: { METRICS_TOKEN: TOKEN } });
});
afterAll(async () => {
  await stack?.stop();
});

it("with METRICS_TOKEN set, /metrics answers only the scraper that names it", async () => {
  const get = (authorization?: string) => fetch(`${stack.baseUrl}/metrics`, { headers: authorization ? { authorization } : {} });
  const none = await get();
  expect(none.status).toBe(401);
  expect((await none.json()).error.code).toBe("metrics_token_required");
  expect((await get("Bearer wrong-token-0123456789")).status).toBe(401);
  const ok = await get(`Bearer ${TOKEN}`);
  expect(ok.status).toBe(200);
  expect(await ok.text()).toContain("leadhub_http_request_duration_seconds");
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createServices, type Services } from "../../core/services.ts";
import { createApp } from "../../api/app.ts";
import { newPrefix, testConfig } from "../support/stack.ts";

let services: Services;
let server: Server;
let base: string;
beforeAll(async () => {
  // Nothing listens on port 1: every query fails like a stopped PostgreSQL.
  services = await createServices({ ...testConfig(newPrefix()), databaseUrl: "postgres://postgres@127.0.0.1:1/leadhub" });
  server = await new Promise((r) => {
    const s = createApp(services).listen(0, "127.0.0.1", () => r(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await services.close();
});

describe("PostgreSQL unavailable", () => {
  it("when a lead is posted, then 503 with Retry-After comes fast, never a 500 or a hang", async () => {
    const t0 = Date.now();
    const res = await fetch(`${base}/ingest/leads`, {
      method: "POST",
      headers: { authorization: "Bearer lh_somekey", "content-type": "application/json" },
      body: JSON.stringify({ email: "a@example.com" }),
    });
    expect(Date.now() - t0).toBeLessThan(4000);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect((await res.json()).error.code).toBe("service_unavailable");
  });

  it("when health is asked, then 503 names the database", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ postgres: false, redis: true });
  });

  it("when someone logs in, then 503, not 500", async () => {
    const res = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "a@example.com", password: "whatever" }),
    });
    expect(res.status).toBe(503);
  });
});

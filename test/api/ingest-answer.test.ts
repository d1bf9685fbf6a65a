import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../support/stack.ts";

// What the hot path's shortcuts must not change: the answer's shape, the ids, and the row behind each 202.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("POST /ingest/leads answers", () => {
  it("when 40 leads arrive at once (one group commit), then each is answered 202 JSON with its own UUIDv7 id, and each row is there already", async () => {
    const tag = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => stack.postLead({ name: `Batch Lead ${i}`, email: `batch-${tag}-${i}@example.com` })),
    );
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 202));
    for (const r of answers) expect(r.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const ids = await Promise.all(answers.map(async (r) => ((await r.json()) as { id: string }).id));
    for (const id of ids) expect(id).toMatch(UUID_V7);
    expect(new Set(ids).size).toBe(40);

    // Committed before the 202: read at once, no polling.
    const rows = await stack.services.db("inbound_events").whereIn("id", ids).select("id", "status", "payload");
    expect(rows).toHaveLength(40);
    const byId = new Map(rows.map((r: { id: string; status: string; payload: { email: string } }) => [r.id, r]));
    ids.forEach((id, i) => expect(byId.get(id)).toMatchObject({ status: "received", payload: { email: `batch-${tag}-${i}@example.com` } }));
  });

  it("when the route is called with another method or a bad key, then the answer is still a JSON error", async () => {
    const get = await fetch(`${stack.baseUrl}/ingest/leads`);
    expect(get.status).toBe(404);
    expect((await get.json()).error.code).toBe("route_not_found");

    const bad = await fetch(`${stack.baseUrl}/ingest/leads`, {
      method: "POST",
      headers: { authorization: "Bearer lh_not-a-key", "content-type": "application/json" },
      body: JSON.stringify({ email: "x@example.com" }),
    });
    expect(bad.status).toBe(401);
    expect((await bad.json()).error.code).toBe("invalid_api_key");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, expectEventually, type Stack } from "../support/stack.ts";

/** A small seeded PRNG (mulberry32): the same hostile bodies every run, so a failure reproduces. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE = [
  "'; DROP TABLE leads; --", "<script>alert(1)</script>", "{{7*7}}", "${process.exit()}", "../../etc/passwd",
  "\u0000\u0001\u0002", "\uD800", "%00%0d%0a", "A".repeat(70_000), "राहुल पाटील", "🙂".repeat(500), "=cmd|' /C calc'!A0",
  "__proto__", "constructor", "\r\nX-Injected: 1", "null", "true", "-1e309", "NaN",
];

function garbage(r: () => number, depth = 0): unknown {
  const pick = Math.floor(r() * 10);
  if (depth > 3 || pick < 3) return HOSTILE[Math.floor(r() * HOSTILE.length)];
  if (pick < 4) return r() * 1e20 - 1e10;
  if (pick < 5) return r() < 0.5;
  if (pick < 6) return null;
  if (pick < 8) return Array.from({ length: Math.floor(r() * 5) }, () => garbage(r, depth + 1));
  const keys = ["email", "phone", "name", "__proto__", "constructor", "tenant_id", "lead_score", "user_column_data", "form_response", "fields", "entry", "RESPONSE", HOSTILE[Math.floor(r() * HOSTILE.length)].slice(0, 50)];
  return Object.fromEntries(Array.from({ length: 1 + Math.floor(r() * 6) }, () => [keys[Math.floor(r() * keys.length)], garbage(r, depth + 1)]));
}

function body(r: () => number): { text: string; type: string } {
  const kind = Math.floor(r() * 8);
  const types = ["application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "text/plain", "message/rfc822", "application/json; charset=utf-16", ""];
  const type = types[Math.floor(r() * types.length)];
  if (kind === 0) return { text: Array.from({ length: Math.floor(r() * 400) }, () => String.fromCharCode(Math.floor(r() * 256))).join(""), type };
  if (kind === 1) return { text: "[".repeat(5000) + "]".repeat(5000), type: "application/json" };
  if (kind === 2) return { text: `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "${"A".repeat(100)}"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><lead><name>&b;</name></lead>`, type: "application/xml" };
  if (kind === 3) return { text: `--x\r\nContent-Disposition: form-data; name="email"\r\n\r\n${HOSTILE[Math.floor(r() * HOSTILE.length)]}\r\n--x`, type: "multipart/form-data; boundary=x" };
  if (kind === 4) return { text: `From: <>\r\nSubject: ${HOSTILE[Math.floor(r() * HOSTILE.length)].slice(0, 100)}\r\n\r\n${JSON.stringify(garbage(r))}`, type: "message/rfc822" };
  return { text: JSON.stringify(garbage(r)), type };
}

let stack: Stack;
let formKey: string;
beforeAll(async () => {
  stack = await startStack({ worker: true });
  formKey = (await (await stack.api("/forms", { method: "POST", json: { name: "Fuzz form" } })).json()).key;
  await stack.api(`/partners/${stack.partnerId}`, { method: "PUT", json: { settings: { google_key: "g", typeform_secret: "t", facebook_app_secret: "f" } } });
});
afterAll(() => stack?.stop());

describe("hostile input on every public endpoint", () => {
  it("when 3,000 random and hostile bodies arrive, then every answer is a JSON 4xx or an accepted 2xx, never a 5xx, and no garbage becomes a lead", async () => {
    const leadsBefore = await stack.services.db("leads").where("tenant_id", stack.tenantId).count<{ n: number }[]>({ n: "*" });
    const key = `Bearer ${stack.partnerKey}`;
    const endpoints = [
      "/ingest/leads",
      ...["generic", "google-ads", "typeform", "hubspot", "facebook", "indiamart"].map((f) => `/ingest/webhooks/${stack.partnerId}/${f}`),
      `/ingest/forms/${formKey}`,
      "/ingest/email",
      "/api/auth/login",
    ];
    const r = rng(20261122);
    const statuses = new Map<number, number>();
    const fivexx: string[] = [];
    const jobs = Array.from({ length: 3000 }, (_, i) => ({ path: endpoints[i % endpoints.length], ...body(r), auth: r() < 0.8 }));
    for (let i = 0; i < jobs.length; i += 25) {
      await Promise.all(
        jobs.slice(i, i + 25).map(async (j) => {
          const headers: Record<string, string> = { "x-forwarded-for": `198.51.100.${i % 250}` };
          if (j.type) headers["content-type"] = j.type;
          if (j.auth) headers.authorization = key;
          const res = await fetch(`${stack.baseUrl}${j.path}`, { method: "POST", headers, body: j.text });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          const text = await res.text();
          if (res.status >= 500) fivexx.push(`${j.path} ${res.status} ${text.slice(0, 200)}`);
          // A browser's own form post is answered with a page; everything else with a JSON error.
          const html = /html/.test(res.headers.get("content-type") ?? "");
          if (res.status >= 400 && !(html && j.path.startsWith("/ingest/forms/"))) expect(JSON.parse(text).error.code).toMatch(/^[a-z_.]+$/);
        }),
      );
    }
    expect(fivexx).toEqual([]);
    expect((await fetch(`${stack.baseUrl}/healthz`)).status).toBe(200);
    // Whatever was accepted is processed; none of it may turn into a lead.
    await expectEventually(async () => {
      const waiting = await stack.services.db("inbound_events").where({ tenant_id: stack.tenantId, status: "received" }).count<{ n: number }[]>({ n: "*" });
      expect(waiting[0].n).toBe(0);
    }, 60_000, 250);
    const leadsAfter = await stack.services.db("leads").where("tenant_id", stack.tenantId).count<{ n: number }[]>({ n: "*" });
    expect(leadsAfter[0].n).toBe(leadsBefore[0].n);
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
  }, 180_000);

  it("when hostile strings sit inside valid fields, then they are stored byte for byte", async () => {
    const name = "Robert'); DROP TABLE leads;-- <img src=x onerror=alert(1)> {{7*7}}";
    const res = await stack.postLead({ first_name: name, email: `bobby-${Date.now()}@example.com`, message: "=HYPERLINK(\"http://x\")" });
    expect(res.status).toBe(202);
    const { id } = await res.json();
    const ev = await expectEventually(async () => {
      const e = await (await stack.api(`/inbound_events/${id}`)).json();
      expect(e.lead_id).toBeTruthy();
      return e;
    });
    const lead = await (await stack.api(`/leads/${ev.lead_id}`)).json();
    expect(lead.first_name).toBe(name);
    expect(lead.message).toBe("=HYPERLINK(\"http://x\")");
  });
});

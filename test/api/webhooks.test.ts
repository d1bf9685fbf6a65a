import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { createHmac } from "node:crypto";
import { startStack, expectEventually, type Stack } from "../support/stack.ts";
import { fakeVendor, type FakeVendor } from "../support/fake-vendor.ts";
import { signLeadhub } from "../../core/crypto.ts";
import { pollIndiamart } from "../../jobs/intake/indiamart-poll.job.ts";
import { createJobContext } from "../../worker/job-context.ts";
import express from "express";
import type { AddressInfo } from "node:net";
import { captureVendors, WEBHOOK_FORMATS } from "../../core/capture/index.ts";
import { captureVendor } from "../../core/capture/types.ts";
import { requirePartnerKey } from "../../core/capture/signatures.ts";
import { webhookRoutes } from "../../api/ingest/webhooks.routes.ts";
import { EventWriter } from "../../api/ingest/event-writer.ts";
import { sourceLookup } from "../../api/ingest/source-lookup.ts";
import { errorHandler } from "../../api/errors.ts";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/vendors/${name}`, import.meta.url), "utf8");

let stack: Stack;
let graph: FakeVendor;
let indiamart: FakeVendor;
beforeAll(async () => {
  graph = await fakeVendor((req) => {
    const id = req.url!.split("?")[0].split("/").pop();
    return /^\d+$/.test(id ?? "")
      ? { status: 200, body: { ...JSON.parse(fixture("facebook-lead.json")).graph, id } }
      : { status: 404, body: { error: { message: "not found" } } };
  });
  indiamart = await fakeVendor(() => ({ status: 200, body: JSON.parse(fixture("indiamart-pull.json")) }));
  stack = await startStack({ worker: true, env: { GRAPH_BASE_URL: graph.url, OUTBOUND_ALLOW_PRIVATE: "1" } });
  const res = await stack.api(`/partners/${stack.partnerId}`, {
    method: "PUT",
    json: {
      settings: {
        google_key: "g-secret-key",
        typeform_secret: "tf-secret",
        facebook_app_secret: "fb-app-secret",
        facebook_verify_token: "fb-verify",
        facebook_page_token: "fb-page-token",
        indiamart_crm_key: "im-key",
        indiamart_base_url: indiamart.url,
        field_mapping: { project_code: "product_interest" },
      },
    },
  });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await stack?.stop();
  await graph?.close();
  await indiamart?.close();
});

const hook = (format: string, body: string, headers: Record<string, string> = {}, query = "") =>
  fetch(`${stack.baseUrl}/ingest/webhooks/${stack.partnerId}/${format}${query}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
const auth = () => ({ authorization: `Bearer ${stack.partnerKey}` });
const settled = (id: string) =>
  expectEventually(async () => {
    const ev = await (await stack.api(`/inbound_events/${id}`)).json();
    expect(["done", "failed"]).toContain(ev.status);
    return ev;
  }, 15_000);
const leadOf = async (id: string) => (await stack.api(`/leads/${(await settled(id)).lead_id}`)).json();

describe("partner settings", () => {
  it("when secrets are saved, then they are never answered back", async () => {
    const p = await (await stack.api(`/partners/${stack.partnerId}`)).json();
    expect(p.settings.indiamart_base_url).toBe(indiamart.url);
    expect(JSON.stringify(p)).not.toMatch(/g-secret-key|tf-secret|fb-app-secret|fb-page-token|im-key/);
  });
});

describe("generic webhooks", () => {
  it("when Zapier posts flat JSON with the partner key, then the mapped lead is created", async () => {
    const res = await hook("generic", fixture("generic-zapier-flat.json"), auth());
    expect(res.status).toBe(202);
    const lead = await leadOf((await res.json()).id);
    expect(lead.email).toEqual(expect.stringContaining("@"));
    expect(lead.partner_id).toBe(stack.partnerId);
  });

  it("when a form-encoded post carries the key in the URL, then the partner's field mapping applies", async () => {
    const flat = JSON.parse(fixture("generic-form-encoded.json")) as Record<string, string>;
    const res = await fetch(`${stack.baseUrl}/ingest/webhooks/${stack.partnerId}/generic?key=${stack.partnerKey}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(flat).toString(),
    });
    expect(res.status).toBe(202);
    const lead = await leadOf((await res.json()).id);
    expect(lead).toMatchObject({ first_name: "Deepak", last_name: "Rao", product_interest: "BLR-WEST-2", phone_e164: "+919845012345" });
  });

  it("when a bad email comes beside a phone, then the lead is kept without it; with no phone it is still 422", async () => {
    const res = await hook("generic", JSON.stringify({ name: "Kiran Bedi", email: "kiran at example", phone: "+91 98450 77123" }), auth());
    expect(res.status).toBe(202);
    const { id } = await res.json();
    const ev = await settled(id);
    expect(ev).toMatchObject({ outcome: "created", error: { code: "email_dropped" } });
    expect(await leadOf(id)).toMatchObject({ email: null, phone_e164: "+919845077123", validation_status: "partial" });
    const alone = await hook("generic", JSON.stringify({ name: "Kiran Bedi", email: "kiran at example" }), auth());
    expect(alone.status).toBe(422);
    expect((await alone.json()).error.code).toBe("invalid_email");
  });

  it("when XML arrives, then phones keep their digits", async () => {
    const xml = `<?xml version="1.0"?><lead><name>Fatima Shaikh</name><email>fatima@example.com</email><phone>09820012345</phone><city>Thane</city></lead>`;
    const res = await hook("generic", xml, { ...auth(), "content-type": "application/xml" });
    expect(res.status).toBe(202);
    const lead = await leadOf((await res.json()).id);
    expect(lead).toMatchObject({ phone_e164: "+919820012345", city: "Thane" });
  });

  it("when a delivery is signed, then it is verified, a stale or wrong one is 401 and a replay is stored once", async () => {
    const body = JSON.stringify({ name: "Signed Singh", email: `signed-${Date.now()}@example.com` });
    const now = Math.floor(Date.now() / 1000);
    const sig = signLeadhub(body, stack.signingSecret, now);
    const first = await hook("generic", body, { "x-leadhub-signature": sig });
    expect(first.status).toBe(202);
    const replay = await hook("generic", body, { "x-leadhub-signature": sig });
    expect(replay.status).toBe(200);
    expect((await replay.json()).id).toBe((await first.json()).id);
    const stale = await hook("generic", body, { "x-leadhub-signature": signLeadhub(body, stack.signingSecret, now - 600) });
    expect(stale.status).toBe(401);
    expect((await stale.json()).error.code).toBe("signature_stale");
    const wrong = await hook("generic", body, { "x-leadhub-signature": signLeadhub(body, "whsec_wrong", now) });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.code).toBe("signature_invalid");
  });

  it("when the key is missing, the partner unknown or the format unknown, then 401 or 404", async () => {
    expect((await hook("generic", "{}")).status).toBe(401);
    const unknown = await fetch(`${stack.baseUrl}/ingest/webhooks/00000000-0000-4000-8000-000000000000/generic`, {
      method: "POST",
      body: "{}",
    });
    expect(unknown.status).toBe(404);
    const format = await hook("salesforce", "{}", auth());
    expect(format.status).toBe(404);
    expect((await format.json()).error.code).toBe("unknown_format");
    const broken = await hook("generic", "{oops", auth());
    expect(broken.status).toBe(400);
  });
});

describe("vendor formats", () => {
  it("when Google Ads posts a lead, then google_key is checked, 64-bit ids stay exact and a retry is a 200 no-op", async () => {
    const body = fixture("google-ads-lead.json")
      .replace('"google_key": "', '"google_key": "')
      .replace(/"google_key":\s*"[^"]*"/, '"google_key": "g-secret-key"');
    const withBigId = body.replace(/"campaign_id":\s*"?\d+"?/, '"campaign_id": 12345678901234567890');
    const res = await hook("google-ads", withBigId);
    expect(res.status).toBe(202);
    const { id } = await res.json();
    const lead = await leadOf(id);
    expect(lead.source).toBe("google-ads");
    expect(lead.custom_fields.google_campaign_id).toBe("12345678901234567890");
    const retry = await hook("google-ads", withBigId);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ id, duplicate: true });
    const wrongKey = await hook("google-ads", withBigId.replace("g-secret-key", "nope"));
    expect(wrongKey.status).toBe(401);
  });

  it("when Google sends a test lead, then it is kept apart: outcome ignored, no lead", async () => {
    const body = fixture("google-ads-test-lead.json").replace(/"google_key":\s*"[^"]*"/, '"google_key": "g-secret-key"');
    const res = await hook("google-ads", body);
    expect(res.status).toBe(202);
    const ev = await settled((await res.json()).id);
    expect(ev).toMatchObject({ status: "done", outcome: "ignored", lead_id: null });
  });

  it("when Typeform posts with a valid signature, then the answers map; a bad signature is 401", async () => {
    const body = fixture("typeform-form-response.json");
    const sig = `sha256=${createHmac("sha256", "tf-secret").update(body).digest("base64")}`;
    const res = await hook("typeform", body, { "typeform-signature": sig });
    expect(res.status).toBe(202);
    expect((await leadOf((await res.json()).id)).source).toBe("typeform");
    expect((await hook("typeform", body, { "typeform-signature": "sha256=bad" })).status).toBe(401);
  });

  it("when HubSpot posts a form submission, then the consent record is kept", async () => {
    const res = await hook("hubspot", fixture("hubspot-form-submission.json"), auth());
    expect(res.status).toBe(202);
    const lead = await leadOf((await res.json()).id);
    expect(lead.consent).toBeTruthy();
  });

  it("when Meta verifies the subscription and then delivers a lead, then it is fetched from the Graph API and created", async () => {
    const ok = await fetch(
      `${stack.baseUrl}/ingest/webhooks/${stack.partnerId}/facebook?hub.mode=subscribe&hub.verify_token=fb-verify&hub.challenge=1158201444`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("1158201444");
    const bad = await fetch(
      `${stack.baseUrl}/ingest/webhooks/${stack.partnerId}/facebook?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`,
    );
    expect(bad.status).toBe(403);

    const body = fixture("facebook-webhook.json");
    const sig = `sha256=${createHmac("sha256", "fb-app-secret").update(body).digest("hex")}`;
    const res = await hook("facebook", body, { "x-hub-signature-256": sig });
    expect(res.status).toBe(200);
    const { ids } = await res.json();
    // The delivery holds a real lead and one from Meta's testing tool (leadgen 444…): the latter is kept apart.
    expect(ids).toHaveLength(2);
    const ev = await settled(ids[0]);
    expect(ev).toMatchObject({ outcome: "created", error: null });
    const lead = await leadOf(ids[0]);
    expect(lead.source).toBe("facebook");
    expect(await settled(ids[1])).toMatchObject({ outcome: "ignored", lead_id: null });
    expect(graph.requests.some((r) => r.url.includes("130528934038370") && r.url.includes("access_token=fb-page-token"))).toBe(true);
    expect((await hook("facebook", body, { "x-hub-signature-256": "sha256=00" })).status).toBe(401);
    // Signed but not a Meta webhook: kept as a rejected event and answered 422, never a 500.
    const odd = JSON.stringify({ object: "page" });
    const rejected = await hook("facebook", odd, {
      "x-hub-signature-256": `sha256=${createHmac("sha256", "fb-app-secret").update(odd).digest("hex")}`,
    });
    expect(rejected.status).toBe(422);
    expect((await rejected.json()).error).toMatchObject({ code: "facebook_shape", details: { event_id: expect.any(String) } });
  });

  it("when IndiaMART pushes a lead and the poller later pulls the same one, then it is stored once", async () => {
    const push = await hook("indiamart", fixture("indiamart-push.json"), auth());
    expect(push.status).toBe(202);
    await settled((await push.json()).id);
    const ctx = createJobContext(stack.services);
    const first = await pollIndiamart(ctx);
    const second = await pollIndiamart(ctx);
    expect(indiamart.requests).toHaveLength(2);
    expect(indiamart.requests[0].url).toContain("glusr_crm_key=im-key");
    const pulled = Number(/(\d+) new/.exec(first.detail!)![1]);
    expect(second.detail).toBe("0 new leads");
    const events = await stack.services
      .db("inbound_events")
      .where({ partner_id: stack.partnerId, format: "indiamart" })
      .count<{ n: number }[]>({ n: "*" });
    const distinct = await stack.services
      .db("inbound_events")
      .where({ partner_id: stack.partnerId, format: "indiamart" })
      .countDistinct<{ n: number }[]>({ n: "vendor_id" });
    expect(events[0].n).toBe(distinct[0].n);
    expect(pulled).toBeGreaterThanOrEqual(1);
  });
});

describe("the route is the capture registry", () => {
  const events = async (partnerId: string) =>
    Number((await stack.services.db("inbound_events").where({ partner_id: partnerId }).count<{ n: string }[]>({ n: "*" }))[0].n);

  it("when a delivery carries no proof, then every registered format answers 401 and stores nothing; any other format is 404 naming the registry's", async () => {
    const before = await events(stack.partnerId);
    for (const { format } of captureVendors) {
      const res = await hook(format, "{}");
      expect(res.status, format).toBe(401);
    }
    expect(await events(stack.partnerId)).toBe(before);
    for (const other of ["canonical", "email", "constructor"]) {
      const res = await hook(other, "{}", auth());
      expect(res.status, other).toBe(404);
      const { error } = await res.json();
      expect(error.code).toBe("unknown_format");
      expect(error.message).toContain(`one of ${WEBHOOK_FORMATS.join(", ")}`);
    }
  });

  it("when a format is fetched with GET, then a vendor with a subscription handshake checks its token and the others say POST", async () => {
    for (const vendor of captureVendors) {
      const res = await fetch(
        `${stack.baseUrl}/ingest/webhooks/${stack.partnerId}/${vendor.format}?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`,
      );
      expect(res.status, vendor.format).toBe(vendor.challenge ? 403 : 405);
    }
  });

  it("when a new vendor module is handed to the route, then it is served (body kinds, authentication, vendor id, stored raw) with nothing else to change", async () => {
    const acme = captureVendor({
      format: "acme",
      title: "Acme CRM",
      authHelp: ["Partner key"],
      bodyKinds: ["json"],
      secrets: [],
      authenticate: requirePartnerKey,
      sample: (stamp) => ({ ref: `acme-${stamp}`, person: { name: "Acme Lead", email: `acme+${stamp}@example.com` } }),
      vendorId: (payload) => ((payload as { ref?: unknown })?.ref as string) ?? null,
      adapt: ({ payload }) => {
        const p = payload as { ref: string; person: { name: string; email: string } };
        return { lead: { name: p.person.name, email: p.person.email, source: "acme" }, vendorId: p.ref, isTest: false, unmapped: [] };
      },
    });
    const created = await (await stack.api("/partners", { method: "POST", json: { name: `Acme ${Date.now()}` } })).json();
    const { services } = stack;
    const app = express()
      .use(
        "/ingest/webhooks",
        webhookRoutes(services, new EventWriter(services.pg, services.queues, services.log), sourceLookup(services), [
          ...captureVendors,
          acme,
        ]),
      )
      .use(errorHandler(services.log));
    const server = await new Promise<import("node:http").Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ingest/webhooks/${created.id}/acme`;
      const sample = acme.sample(Date.now()) as { ref: string };
      const post = (body: string, headers: Record<string, string>) => fetch(url, { method: "POST", headers, body });
      const key = { authorization: `Bearer ${created.apiKey}` };

      expect((await post(JSON.stringify(sample), { "content-type": "application/json" })).status).toBe(401);
      expect((await post("ref=x", { ...key, "content-type": "application/x-www-form-urlencoded" })).status).toBe(415);
      const first = await post(JSON.stringify(sample), { ...key, "content-type": "application/json" });
      expect(first.status).toBe(202);
      const { id } = await first.json();
      const retry = await post(JSON.stringify(sample), { ...key, "content-type": "application/json" });
      expect(retry.status).toBe(200);
      expect(await retry.json()).toEqual({ id, duplicate: true });
      const row = await services.db("inbound_events").where({ id }).first("format", "channel", "partner_id", "vendor_id", "payload");
      expect(row).toEqual({ format: "acme", channel: "webhook", partner_id: created.id, vendor_id: sample.ref, payload: sample });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("source health", () => {
  it("when a partner has deliveries, then its health shows volume, outcomes and drift", async () => {
    const h = await (await stack.api(`/partners/${stack.partnerId}/health`)).json();
    expect(h.last_delivery_at).toBeTruthy();
    expect(h.per_hour).toHaveLength(24);
    expect(h.per_hour.reduce((n: number, x: { count: number }) => n + x.count, 0)).toBe(h.totals.received);
    expect(h.totals.accepted).toBeGreaterThan(0);
    expect(Array.isArray(h.drift)).toBe(true);
  });
});

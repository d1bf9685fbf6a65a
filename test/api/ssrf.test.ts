import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { v7 as uuidv7 } from "uuid";
import { startStack, type Stack } from "../support/stack.ts";
import { fakeVendor, type FakeVendor } from "../support/fake-vendor.ts";
import { createJobContext } from "../../worker/job-context.ts";
import { fetchFacebookLead } from "../../jobs/intake/fetch-facebook.job.ts";
import { pollPartner } from "../../core/intake/indiamart-poll.ts";
import type { JobContext } from "../../core/context.ts";

/**
 * Server-side requests to private addresses (SSRF): a tenant admin must not be able to aim the
 * worker at leadhub's own network. The fakes below listen on 127.0.0.1: refused unless private
 * addresses are allowed, which the stack here does not (OUTBOUND_ALLOW_PRIVATE unset).
 */

let stack: Stack;
let graph: FakeVendor;
let indiamart: FakeVendor;
let ctx: JobContext;
let lenient: JobContext;

beforeAll(async () => {
  graph = await fakeVendor((req) => {
    const id = req.url!.split("?")[0].split("/").pop();
    if (id === "400") return { status: 400, body: { error: { message: "echo: " + req.url } } };
    return {
      status: 200,
      body: { id, field_data: [{ name: "email", values: ["ssrf@example.com"] }], internal_secret: "from the inside", nested: { a: 1 } },
    };
  });
  indiamart = await fakeVendor(() => ({
    status: 200,
    body: {
      CODE: 200,
      STATUS: "SUCCESS",
      RESPONSE: [
        {
          UNIQUE_QUERY_ID: `${Date.now()}`,
          SENDER_NAME: "Ravi",
          SENDER_MOBILE: "+91-9988776655",
          QUERY_MESSAGE: "hi",
          internal_secret: "from the inside",
          NESTED: { a: 1 },
        },
      ],
    },
  }));
  stack = await startStack();
  ctx = createJobContext(stack.services);
  lenient = { ...ctx, settings: { ...ctx.settings, outboundAllowPrivate: true } };
});
afterAll(async () => {
  await stack?.stop();
  await graph?.close();
  await indiamart?.close();
});

const putSettings = (settings: Record<string, unknown>) => stack.api(`/partners/${stack.partnerId}`, { method: "PUT", json: { settings } });
/** A partner row saved before base URLs were checked: written straight to the table. */
const legacySettings = (settings: Record<string, unknown>) =>
  stack.services
    .db("partners")
    .where("id", stack.partnerId)
    .update({ settings: stack.services.db.raw("settings || ?::jsonb", [JSON.stringify(settings)]) });

async function facebookEvent(leadgenId: string): Promise<string> {
  const id = uuidv7();
  await stack.services.db("inbound_events").insert({
    id,
    tenant_id: stack.tenantId,
    channel: "webhook",
    format: "facebook",
    partner_id: stack.partnerId,
    vendor_id: `${leadgenId}-${id}`,
    payload: JSON.stringify({ leadgen_id: leadgenId }),
    content_type: "application/json",
  });
  return id;
}
const eventPayload = async (id: string) => (await stack.services.db("inbound_events").where("id", id).first("payload")).payload;
const failure = async (p: Promise<unknown>): Promise<Error> => {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a failure");
};

describe("partner base URLs, at save", () => {
  it.each([
    ["graph_base_url", "http://127.0.0.1:1/"],
    ["graph_base_url", "https://127.0.0.1/"],
    ["graph_base_url", "https://graph.facebook.com/v21.0?"],
    ["graph_base_url", "https://graph.facebook.com/v21.0#"],
    ["graph_base_url", "https://graph.facebook.com/v21.0?x=/../../admin"],
    ["graph_base_url", "https://user:pw@graph.facebook.com/v21.0"],
    ["graph_base_url", "http://graph.facebook.com/v21.0"],
    ["indiamart_base_url", "http://169.254.169.254/"],
    ["indiamart_base_url", "https://[::ffff:7f00:1]/"],
    ["indiamart_base_url", "https://mapi.indiamart.com/#"],
  ])("when %s is %s, then saving answers 422 invalid_url naming the field", async (field, url) => {
    const res = await putSettings({ [field]: url });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(422);
    expect(body.error).toMatchObject({ code: "invalid_url", details: { field: `settings.${field}` } });
  });

  it("when base URLs are public https with no query, then they are saved", async () => {
    const res = await putSettings({ graph_base_url: "https://graph.facebook.com/v21.0", indiamart_base_url: "https://mapi.indiamart.com" });
    expect(res.status).toBe(200);
    expect((await res.json()).settings).toMatchObject({ graph_base_url: "https://graph.facebook.com/v21.0" });
  });
});

describe("webhook subscription URLs, at save", () => {
  it("when a subscription URL is a private literal or carries a user, then 422 invalid_url; a public one with a query is kept", async () => {
    for (const url of [
      "http://127.0.0.1:9/hook",
      "https://[::1]/hook",
      "http://2130706433/",
      "https://10.0.0.8/in",
      "https://user:pw@hooks.example.com/in",
    ]) {
      const res = await stack.api("/webhook_subscriptions", { method: "POST", json: { url, events: ["*"] } });
      expect(res.status, url).toBe(422);
      expect((await res.json()).error).toMatchObject({ code: "invalid_url", details: { field: "url" } });
    }
    const ok = await stack.api("/webhook_subscriptions", {
      method: "POST",
      json: { url: "https://hooks.example.com/in?token=abc", events: ["*"] },
    });
    expect(ok.status).toBe(201);
    const { id } = await ok.json();
    const put = await stack.api(`/webhook_subscriptions/${id}`, { method: "PUT", json: { url: "http://192.168.1.1/in" } });
    expect(put.status).toBe(422);
    expect((await put.json()).error.code).toBe("invalid_url");
  });
});

describe("vendor fetches", () => {
  beforeAll(async () => {
    expect((await putSettings({ facebook_page_token: "page-token-sekrit" })).status).toBe(200);
  });

  it("when a partner's graph_base_url points at a loopback fake, then the fetch is refused, nothing is requested and nothing is stored", async () => {
    await legacySettings({ graph_base_url: graph.url });
    const id = await facebookEvent("130528934038370");
    const err = await failure(fetchFacebookLead(ctx, { tenantId: stack.tenantId, eventId: id }));
    expect(err.message).toMatch(/refused/);
    expect(err.message).not.toContain("page-token-sekrit");
    expect(graph.requests).toHaveLength(0);
    expect(await eventPayload(id)).toEqual({ leadgen_id: "130528934038370" });
  });

  it("when a stored base URL ends in ? or #, then the job refuses it rather than let it reach another path", async () => {
    for (const base of [`${graph.url}/v21.0?`, `${graph.url}/v21.0#`]) {
      await legacySettings({ graph_base_url: base });
      const id = await facebookEvent("130528934038371");
      const err = await failure(fetchFacebookLead(lenient, { tenantId: stack.tenantId, eventId: id }));
      expect(err.message).toMatch(/graph_base_url|base URL/);
    }
    expect(graph.requests).toHaveLength(0);
  });

  it("when private addresses are allowed (a local fake), then only the Graph lead fields are stored and a refusal's error holds neither the body nor the token", async () => {
    await legacySettings({ graph_base_url: `${graph.url}/v21.0` });
    const id = await facebookEvent("130528934038372");
    await fetchFacebookLead(lenient, { tenantId: stack.tenantId, eventId: id });
    const stored = await eventPayload(id);
    expect(stored.graph).toEqual({ id: "130528934038372", field_data: [{ name: "email", values: ["ssrf@example.com"] }] });
    expect(graph.requests.at(-1)!.url).toMatch(/^\/v21\.0\/130528934038372\?fields=/);

    const refused = await facebookEvent("400");
    const err = await failure(fetchFacebookLead(lenient, { tenantId: stack.tenantId, eventId: refused }));
    expect(err.message).toContain("400");
    expect(err.message).not.toMatch(/echo|page-token-sekrit|access_token/);
  });

  it("when IndiaMART's base URL is a loopback fake, then the pull is refused; allowed, only IndiaMART's own flat fields are stored", async () => {
    const partner = await stack.services.db("partners").where("id", stack.partnerId).first("id", "tenant_id", "settings", "poll_state");
    partner.settings = { ...partner.settings, indiamart_base_url: indiamart.url };
    const err = await failure(pollPartner(ctx, partner, "crm-key-sekrit"));
    expect(err.message).toMatch(/refused/);
    expect(err.message).not.toContain("crm-key-sekrit");
    expect(indiamart.requests).toHaveLength(0);

    expect(await pollPartner(lenient, partner, "crm-key-sekrit")).toBe(1);
    const [ev] = await stack.services.db("inbound_events").where({ partner_id: stack.partnerId, format: "indiamart" }).select("payload");
    expect(Object.keys(ev.payload).sort()).toEqual(["QUERY_MESSAGE", "SENDER_MOBILE", "SENDER_NAME", "UNIQUE_QUERY_ID"]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, expectEventually, type Stack } from "../support/stack.ts";

let stack: Stack;
let form: { id: string; key: string };
beforeAll(async () => {
  stack = await startStack({ worker: true });
  const res = await stack.api("/forms", {
    method: "POST",
    json: {
      name: "Site visit request",
      redirect_url: "https://www.example-realty.in/thank-you",
      honeypot_field: "website_url",
      allowed_origins: ["https://www.example-realty.in"],
      source: "website",
      campaign: "monsoon-offer",
      fields: [
        { name: "full_name", label: "Your name", type: "text", required: true, maps_to: "name" },
        { name: "mobile", label: "Mobile", type: "tel", required: true, maps_to: "phone" },
        { name: "email", label: "Email", type: "email" },
        { name: "project", label: "Project", type: "select", options: ["Skyline Towers", "Green Acres"] },
      ],
    },
  });
  expect(res.status).toBe(201);
  form = await res.json();
});
afterAll(() => stack?.stop());

const post = (body: string | object, headers: Record<string, string> = {}) =>
  fetch(`${stack.baseUrl}/ingest/forms/${form.key}`, {
    method: "POST",
    redirect: "manual",
    headers:
      typeof body === "string"
        ? { "content-type": "application/x-www-form-urlencoded", ...headers }
        : { "content-type": "application/json", accept: "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

const eventDone = (id: string) =>
  expectEventually(async () => {
    const ev = await (await stack.api(`/inbound_events/${id}`)).json();
    expect(ev.status).not.toBe("received");
    return ev;
  });

describe("web forms", () => {
  it("when a browser posts the form, then 303 to the redirect URL and a lead with UTM from the page URL", async () => {
    const body = new URLSearchParams({
      full_name: "Sunita Deshmukh",
      mobile: "98220 12345",
      email: "sunita.d@example.com",
      project: "Skyline Towers",
      page_url: "https://www.example-realty.in/skyline?utm_source=google&utm_medium=cpc&utm_campaign=skyline-launch",
    }).toString();
    const res = await post(body, { origin: "https://www.example-realty.in", referer: "https://www.example-realty.in/skyline" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("https://www.example-realty.in/thank-you");
    expect(res.headers.get("access-control-allow-origin")).toBe("https://www.example-realty.in");
    const events = await (await stack.api(`/inbound_events?filter=${encodeURIComponent(JSON.stringify({ channel: "form" }))}`)).json();
    const ev = await eventDone(events[0].id);
    expect(ev.outcome).toBe("created");
    const lead = await (await stack.api(`/leads/${ev.lead_id}`)).json();
    expect(lead).toMatchObject({
      first_name: "Sunita",
      last_name: "Deshmukh",
      phone_e164: "+919822012345",
      source: "website",
      subsource: "Site visit request",
      campaign: "monsoon-offer",
      utm_source: "google",
      utm_medium: "cpc",
      utm_campaign: "skyline-launch",
      form_id: form.id,
    });
  });

  it("when fetch posts JSON, then 202 with the id and the thank-you message", async () => {
    const res = await post({ full_name: "Arjun Mehta", mobile: "+91 90000 11111" });
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body.id).toEqual(expect.any(String));
    expect(body.message).toEqual(expect.any(String));
    expect((await eventDone(body.id)).outcome).toBe("created");
  });

  it("when the honeypot is filled, then the answer is the same and the lead is marked spam", async () => {
    const res = await post({ full_name: "Cheap Pills", mobile: "+91 90000 22222", website_url: "http://spam.example" });
    expect(res.status).toBe(202);
    const ev = await eventDone((await res.json()).id);
    expect(ev.outcome).toBe("spam");
    const lead = await (await stack.api(`/leads/${ev.lead_id}`)).json();
    expect(Number(lead.spam_score)).toBe(100);
    expect(lead.tags).toContain("spam");
  });

  it("when a required field is missing, then 422 names it and the submission is kept as rejected", async () => {
    const res = await post({ full_name: "No Phone" });
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.code).toBe("missing_field");
    expect(error.details.fields).toEqual(["mobile"]);
    expect((await (await stack.api(`/inbound_events/${error.details.event_id}`)).json()).outcome).toBe("rejected");
  });

  it("when the email is not an address, then 422 invalid_email even beside a phone: the person is there to correct it", async () => {
    const res = await post({ full_name: "Typo Email", mobile: "+91 90000 33333", email: "typo@gmail" });
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.code).toBe("invalid_email");
    expect((await (await stack.api(`/inbound_events/${error.details.event_id}`)).json()).outcome).toBe("rejected");
  });

  it("when another origin posts, then 403; preflight from the allowed origin gets CORS headers", async () => {
    const bad = await post({ full_name: "X", mobile: "+919000033333" }, { origin: "https://evil.example" });
    expect(bad.status).toBe(403);
    expect((await bad.json()).error.code).toBe("origin_not_allowed");
    const pre = await fetch(`${stack.baseUrl}/ingest/forms/${form.key}`, {
      method: "OPTIONS",
      headers: { origin: "https://www.example-realty.in", "access-control-request-method": "POST" },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("https://www.example-realty.in");
  });

  it("when the form key is unknown, then 404", async () => {
    const res = await fetch(`${stack.baseUrl}/ingest/forms/f_doesnotexist`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe("not_found");
  });

  it("when the hosted form is opened, then an accessible HTML form with labels, honeypot and consent answers", async () => {
    const res = await fetch(`${stack.baseUrl}/forms/${form.key}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<label for="f-full_name">Your name');
    expect(html).toContain('name="website_url" tabindex="-1"');
    expect(html).toContain('name="viewport"');
    expect(html).toContain(`action="/ingest/forms/${form.key}"`);
    const embed = await (await stack.api(`/forms/${form.id}/embed`)).json();
    expect(embed.snippet).toContain(`/ingest/forms/${form.key}`);
    expect(embed.snippet).toContain("fetch(");
  });

  it("when one visitor posts too often, then 429 with Retry-After", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const last = await post({ full_name: `Burst ${i}`, mobile: `+9190000${String(40000 + i)}` }, { "x-forwarded-for": "203.0.113.9" });
      statuses.push(last.status);
    }
    expect(statuses).toContain(429);
    const limited = await post({ full_name: "Again", mobile: "+919000099999" }, { "x-forwarded-for": "203.0.113.9" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).error.code).toBe("rate_limited");
  });

  it("when a name holds script, then it is stored byte for byte as text", async () => {
    const res = await post(
      { full_name: "<script>alert(1)</script> Rao", mobile: "+91 90000 55555" },
      { "x-forwarded-for": "203.0.113.10" },
    );
    expect(res.status).toBe(202);
    const ev = await eventDone((await res.json()).id);
    const lead = await (await stack.api(`/leads/${ev.lead_id}`)).json();
    expect(`${lead.first_name} ${lead.last_name}`).toBe("<script>alert(1)</script> Rao");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, expectEventually, type Stack } from "../support/stack.ts";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ worker: true });
});
afterAll(() => stack?.stop());

const event = async (id: string) => (await stack.api(`/inbound_events/${id}`)).json();

describe("POST /ingest/leads", () => {
  it("when a partner posts a valid lead, then it is stored raw, answered 202 and becomes a normalised lead", async () => {
    const res = await stack.postLead({
      name: "  RAHUL PATIL ",
      email: "Rahul.Patil+ads@Gmail.com",
      phone: "098765 43210",
      company: "Patil Constructions Pvt Ltd",
      source: "google-ads",
      utm_campaign: "diwali-2026",
    });
    expect(res.status).toBe(202);
    const { id } = await res.json();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const ev = await expectEventually(async () => {
      const e = await event(id);
      expect(e.status).toBe("done");
      return e;
    });
    expect(ev.outcome).toBe("created");
    expect(ev.payload.email).toBe("Rahul.Patil+ads@Gmail.com");

    const lead = await (await stack.api(`/leads/${ev.lead_id}`)).json();
    expect(lead).toMatchObject({
      first_name: "Rahul",
      last_name: "Patil",
      email: "rahul.patil+ads@gmail.com",
      phone_e164: "+919876543210",
      company: "Patil Constructions Pvt Ltd",
      status: "new",
      validation_status: "valid",
      inbound_event_id: id,
    });
    expect(lead.lead_number).toMatch(/^LEAD-\d{6}-\d{5}$/);

    const timeline = await (await stack.api(`/leads/${lead.id}/timeline`)).json();
    expect(timeline.map((t: { action: string }) => t.action)).toEqual(expect.arrayContaining(["lead.created", "lead.submitted"]));
    const trace = await expectEventually(async () => {
      const t = await (await stack.api(`/leads/${lead.id}/trace`)).json();
      expect(t.length).toBeGreaterThan(0);
      return t;
    });
    expect(trace[0]).toMatchObject({ queue: "lead.intake", outcome: "created", attempt: 1 });
  });

  it("when the same Idempotency-Key and body come twice, then the same id is answered and one lead exists", async () => {
    const lead = { email: `idem-${Date.now()}@example.com`, name: "Asha Rao" };
    const headers = { "Idempotency-Key": `order-${Date.now()}` };
    const a = await stack.postLead(lead, headers);
    const b = await stack.postLead(lead, headers);
    expect([a.status, b.status]).toEqual([202, 202]);
    const [ida, idb] = [(await a.json()).id, (await b.json()).id];
    expect(idb).toBe(ida);
    expect(b.headers.get("idempotent-replayed")).toBe("true");
    const c = await stack.postLead({ ...lead, name: "Someone Else" }, headers);
    expect(c.status).toBe(422);
    expect((await c.json()).error.code).toBe("idempotency_key_reused");
    await expectEventually(async () => expect((await event(ida)).status).toBe("done"));
    const list = await stack.api(`/leads?filter=${encodeURIComponent(JSON.stringify({ email: lead.email }))}`);
    expect(await list.json()).toHaveLength(1);
  });

  it("when two requests with one Idempotency-Key arrive together, then one is accepted and the other is 409 or the same answer", async () => {
    const lead = { email: `race-${Date.now()}@example.com` };
    const headers = { "Idempotency-Key": `race-${Date.now()}` };
    const [a, b] = await Promise.all([stack.postLead(lead, headers), stack.postLead(lead, headers)]);
    const statuses = [a.status, b.status].sort();
    expect(statuses[0]).toBe(202);
    expect([202, 409]).toContain(statuses[1]);
    if (statuses[1] === 409) {
      const conflict = a.status === 409 ? a : b;
      expect((await conflict.json()).error.code).toBe("idempotency_in_flight");
    }
  });

  it.each([
    ["malformed JSON", "{not json", "application/json", 400, "invalid_json"],
    ["wrong content type", "email=a@b.co", "application/x-www-form-urlencoded", 415, "unsupported_media_type"],
    ["no contact", JSON.stringify({ name: "Nobody" }), "application/json", 422, "no_contact"],
    ["invalid email", JSON.stringify({ email: "not-an-email" }), "application/json", 422, "invalid_email"],
    ["an array", JSON.stringify([{ email: "a@b.co" }]), "application/json", 422, "invalid_lead"],
    [
      "a machine-owned field",
      JSON.stringify({ email: "a@example.com", lead_score: 99, tenant_id: "x" }),
      "application/json",
      422,
      "unknown_field",
    ],
    [
      "a field too long",
      JSON.stringify({ email: "a@example.com", first_name: "x".repeat(201) }),
      "application/json",
      422,
      "field_too_long",
    ],
  ])("when the body is %s, then it is a JSON %i error and no lead", async (_what, body, type, status, code) => {
    const res = await fetch(`${stack.baseUrl}/ingest/leads`, {
      method: "POST",
      headers: { authorization: `Bearer ${stack.partnerKey}`, "content-type": type },
      body,
    });
    expect(res.status).toBe(status);
    const json = await res.json();
    expect(json.error.code).toBe(code);
    expect(json.error.message).toEqual(expect.any(String));
    if (status !== 415) {
      const ev = await event(json.error.details.event_id);
      expect(ev).toMatchObject({ status: "failed", outcome: "rejected", lead_id: null });
    }
  });

  it("when a bad email comes beside a reachable phone, then the lead is kept without it and the event and timeline say so", async () => {
    const res = await stack.postLead({ name: "Sunil Gawde", email: "sunil@gawde", phone: `98220 ${String(Date.now()).slice(-5)}` });
    expect(res.status).toBe(202);
    const { id } = await res.json();
    const ev = await expectEventually(async () => {
      const e = await event(id);
      expect(e.status).toBe("done");
      return e;
    });
    expect(ev).toMatchObject({ outcome: "created", error: { code: "email_dropped" } });
    expect(ev.error.message).toContain("sunil@gawde");
    const lead = await (await stack.api(`/leads/${ev.lead_id}`)).json();
    expect(lead).toMatchObject({ email: null, validation_status: "partial" });
    expect(lead.phone_e164).toMatch(/^\+9198220/);
    const timeline = await (await stack.api(`/leads/${lead.id}/timeline`)).json();
    const created = timeline.find((t: { action: string }) => t.action === "lead.created");
    expect(created.body).toContain('email "sunil@gawde" is not a valid address and was dropped');
  });

  it("when a phone is a possible number the tables do not list, then it is kept in E.164 and flagged unverified", async () => {
    const res = await stack.postLead({ name: "New Series", phone: "+91 55555 12345" });
    expect(res.status).toBe(202);
    const { id } = await res.json();
    const ev = await expectEventually(async () => {
      const e = await event(id);
      expect(e.status).toBe("done");
      return e;
    });
    const lead = await (await stack.api(`/leads/${ev.lead_id}`)).json();
    expect(lead).toMatchObject({ phone_e164: "+915555512345", validation_status: "partial" });
    expect(JSON.stringify(lead.validation_notes)).toContain("unverified number");
  });

  it("when the body is larger than the limit, then 413", async () => {
    const res = await stack.postLead({ email: "big@example.com", message: "x".repeat(300_000) });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe("payload_too_large");
  });

  it("when the API key is missing or unknown, then 401 and nothing is stored", async () => {
    const none = await fetch(`${stack.baseUrl}/ingest/leads`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(none.status).toBe(401);
    expect((await none.json()).error.code).toBe("missing_api_key");
    const bad = await fetch(`${stack.baseUrl}/ingest/leads`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer lh_nope" },
      body: JSON.stringify({ email: "a@example.com" }),
    });
    expect(bad.status).toBe(401);
    expect((await bad.json()).error.code).toBe("invalid_api_key");
  });

  it("when a phone is invalid beside a valid email, then the lead is kept with a note", async () => {
    const res = await stack.postLead({ email: `note-${Date.now()}@example.com`, phone: "12345" });
    const { id } = await res.json();
    const ev = await expectEventually(async () => {
      const e = await event(id);
      expect(e.status).toBe("done");
      return e;
    });
    const lead = await (await stack.api(`/leads/${ev.lead_id}`)).json();
    expect(lead.validation_status).toBe("partial");
    expect(lead.validation_notes[0]).toContain("12345");
    expect(lead.phone_e164).toBeNull();
  });
});

describe("replay", () => {
  it("when a rejected event is replayed, then intake checks it again and it stays rejected with no lead", async () => {
    const res = await stack.postLead({ name: "No Contact" });
    const { error } = await res.json();
    const replay = await stack.api(`/inbound_events/${error.details.event_id}/replay`, { method: "POST" });
    expect(replay.status).toBe(202);
    const ev = await expectEventually(async () => {
      const e = await event(error.details.event_id);
      expect(e.status).toBe("failed");
      expect(e.processed_at).not.toBeNull();
      return e;
    });
    expect(ev).toMatchObject({ outcome: "rejected", lead_id: null });
    expect(ev.error.code).toBe("no_contact");
  });
});

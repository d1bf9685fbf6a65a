import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, tag, writes } from "../support/json-api.ts";
import { startStack, type Stack } from "../support/stack.ts";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const { post, put } = writes(() => stack);
const list = (path: string, filter: object, token?: string) =>
  stack.api(`${path}?filter=${encodeURIComponent(JSON.stringify(filter))}&range=${encodeURIComponent("[0,999]")}`, { token });
const del = (path: string, status = 200) => json(stack.api(path, { method: "DELETE" }), status);
const error = async (res: Promise<Response>, status: number) => (await json(res, status)).error as { code: string; message: string };
const lead = (extra: object = {}) => post("/leads", { first_name: "Journey", email: `j.${tag()}@example.com`, ...extra });
async function loginAs(role: string) {
  const email = `${role}.${tag()}@example.com`;
  const u = await post("/users", { email, name: `A ${role}`, password: `${role}-password-1`, role });
  const res = await fetch(`${stack.baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: `${role}-password-1` }),
  });
  return { id: u.id as string, token: (await json(res)).token as string };
}
const unit = (units_total: number, unit_price: number | null = 4_500_000) =>
  post("/unit_inventory", { project: `Tower ${tag()}`, unit_type: "2BHK", units_total, unit_price });

describe("milestones", () => {
  it("when a site visit is logged with a follow-up and a status, then the owner gets a task, the lead moves and its timeline shows both", async () => {
    const rep = await loginAs("rep");
    const l = await lead({ owner_id: rep.id });
    const followUp = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const m = await post("/milestones", {
      lead_id: l.id,
      kind: "site_visit",
      occurred_at: new Date().toISOString(),
      location_name: "Baner sample flat",
      latitude: 18.559,
      longitude: 73.7868,
      outcome: "positive",
      duration_minutes: 45,
      notes: "Liked the east-facing units",
      follow_up_at: followUp,
      status_after: "qualified",
      metadata: { visitors: 3 },
    });
    expect(m).toMatchObject({
      record_type: "lead",
      record_id: l.id,
      kind: "site_visit",
      title: "Site visit",
      status_before: "new",
      status_after: "qualified",
      latitude: 18.559,
      metadata: { visitors: 3 },
    });
    expect(m.follow_up_task_id).toEqual(expect.any(String));
    expect(await json(stack.api(`/tasks/${m.follow_up_task_id}`))).toMatchObject({
      owner_id: rep.id,
      record_type: "lead",
      record_id: l.id,
      due_at: followUp,
    });
    expect(await json(stack.api(`/leads/${l.id}`))).toMatchObject({ status: "qualified" });
    const timeline = await json(stack.api(`/leads/${l.id}/timeline`));
    expect(timeline.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(["milestone.site_visit", "lead.status_changed"]),
    );

    // Listed by lead_id (the console's reference) as by record_id, and by kind and time.
    const byLead = await json(
      list("/milestones", { lead_id: l.id, kind: "site_visit", occurred_at_gte: new Date(Date.now() - 3_600_000).toISOString() }),
    );
    expect(byLead.map((x: { id: string }) => x.id)).toEqual([m.id]);
    expect(await json(list("/milestones", { record_id: l.id, outcome: "negative" }))).toEqual([]);

    // The rep logs on their own lead, not on another's.
    const other = await lead();
    const asRep = (body: object) => stack.api("/milestones", { method: "POST", json: body, token: rep.token });
    expect((await json(asRep({ lead_id: l.id, kind: "demo" }), 201)).created_by).toBe(rep.id);
    expect((await error(asRep({ lead_id: other.id, kind: "demo" }), 422)).code).toBe("milestone_unknown_lead");
  });

  it("when a milestone is not valid, then it answers a JSON 422", async () => {
    const l = await lead();
    expect((await error(stack.api("/milestones", { method: "POST", json: { lead_id: l.id, kind: "lead_generated" } }), 422)).code).toBe(
      "validation_failed",
    );
    expect(
      (await error(stack.api("/milestones", { method: "POST", json: { lead_id: l.id, kind: "demo", status_after: "converted" } }), 422))
        .code,
    ).toBe("validation_failed");
    expect((await error(stack.api("/milestones", { method: "POST", json: { kind: "demo" } }), 422)).code).toBe("validation_failed");
    expect(
      (await error(stack.api("/milestones", { method: "POST", json: { lead_id: l.id, kind: "demo", latitude: 123 } }), 422)).code,
    ).toBe("validation_failed");
    expect((await error(list("/milestones", { owner: "x" }), 400)).code).toBe("invalid_filter");
  });
});

describe("engagements", () => {
  it("when a call is logged, then it is listed, on the lead's timeline, and a rep sees only their own leads' engagements", async () => {
    const rep = await loginAs("rep");
    const mine = await lead({ owner_id: rep.id });
    const theirs = await lead();
    const e = await post("/engagements", {
      lead_id: mine.id,
      type: "call_made",
      channel: "phone",
      subject: "Budget check",
      duration_minutes: 12,
      response_at: new Date().toISOString(),
      outcome: "neutral",
    });
    expect(e).toMatchObject({
      lead_id: mine.id,
      type: "call_made",
      channel: "phone",
      direction: "out",
      response_received: true,
      outcome: "neutral",
    });
    await post("/engagements", { lead_id: theirs.id, type: "email_sent", channel: "email", subject: "Brochure" });
    const timeline = await json(stack.api(`/leads/${mine.id}/timeline`));
    expect(timeline.find((x: { action: string }) => x.action === "engagement.logged")).toMatchObject({
      type: "call",
      title: "Call made (phone): Budget check",
    });

    const seen = await json(list("/engagements", { lead_id: [mine.id, theirs.id] }, rep.token));
    expect(seen.map((x: { id: string }) => x.id)).toEqual([e.id]);
    const asRep = (body: object) => stack.api("/engagements", { method: "POST", json: body, token: rep.token });
    await json(asRep({ lead_id: mine.id, type: "message_sent", channel: "whatsapp" }), 201);
    expect((await error(asRep({ lead_id: theirs.id, type: "message_sent", channel: "whatsapp" }), 422)).code).toBe(
      "engagement_unknown_lead",
    );
    expect(
      (
        await error(
          stack.api(`/engagements/${(await json(list("/engagements", { lead_id: theirs.id })))[0].id}`, { token: rep.token }),
          404,
        )
      ).code,
    ).toBe("not_found");

    // Bad type or channel: a JSON 422.
    expect((await error(stack.api("/engagements", { method: "POST", json: { lead_id: mine.id, type: "email_opened" } }), 422)).code).toBe(
      "validation_failed",
    );
    expect(
      (await error(stack.api("/engagements", { method: "POST", json: { lead_id: mine.id, type: "call_made", channel: "pigeon" } }), 422))
        .code,
    ).toBe("validation_failed");

    // Behaviour engagements from outside still come in by their own route.
    const opened = await post(`/leads/${mine.id}/engagements`, { type: "email_opened", channel: "email" });
    expect(opened).toMatchObject({ lead_id: mine.id, type: "email_opened" });
    expect((await error(stack.api(`/engagements/${opened.id}`, { method: "PUT", json: { notes: "edited" } }), 409)).code).toBe(
      "engagement_recorded",
    );
  });
});

describe("lead sources and campaigns", () => {
  it("when a marketer adds a source and a campaign, then a second of the same name or code answers 409, and a deleted one frees its code", async () => {
    const marketer = await loginAs("marketer");
    const as = (path: string, body: object, method = "POST") => stack.api(path, { method, json: body, token: marketer.token });
    const name = `Expo ${tag()}`;
    const source = await json(as("/lead_sources", { name, subsource: "Pune 2026", channel: "offline", monthly_cost: 250000 }), 201);
    expect(source).toMatchObject({
      name,
      subsource: "Pune 2026",
      channel: "offline",
      monthly_cost: 250000,
      currency: "INR",
      is_active: true,
    });
    expect((await error(as("/lead_sources", { name: name.toUpperCase(), subsource: "pune 2026" }), 409)).code).toBe(
      "lead_source_duplicate",
    );
    await json(as("/lead_sources", { name, subsource: "Mumbai 2026" }), 201);
    expect((await error(as("/lead_sources", { name, channel: "carrier-pigeon" }), 422)).code).toBe("validation_failed");

    const code = `spring-${tag()}`;
    const c = await json(
      as("/campaigns", {
        name: "Spring launch",
        code,
        type: "event",
        status: "active",
        lead_source_id: source.id,
        budget: 1000000,
        start_date: "2026-03-01",
        end_date: "2026-04-30",
      }),
      201,
    );
    expect(c).toMatchObject({ code, type: "event", status: "active", lead_source_id: source.id, budget: 1000000, created_by: marketer.id });
    expect((await error(as("/campaigns", { name: "Copy", code: code.toUpperCase() }), 409)).code).toBe("campaign_code_taken");
    expect(
      (await error(as("/campaigns", { name: "Backwards", code: `b-${tag()}`, start_date: "2026-05-01", end_date: "2026-04-01" }), 422))
        .code,
    ).toBe("validation_failed");
    expect((await error(as(`/campaigns/${c.id}`, { end_date: "2026-02-01" }, "PUT"), 422)).code).toBe("campaign_dates");
    expect(
      (await error(as("/campaigns", { name: "Nowhere", code: `n-${tag()}`, lead_source_id: "00000000-0000-4000-8000-000000000000" }), 422))
        .code,
    ).toBe("campaign_unknown_lead_source");
    await json(stack.api(`/campaigns/${c.id}`, { method: "DELETE", token: marketer.token }));
    await json(as("/campaigns", { name: "Spring again", code }), 201);

    // A rep reads campaigns but does not write them.
    const rep = await loginAs("rep");
    await json(stack.api(`/campaigns?filter=${encodeURIComponent(JSON.stringify({ code }))}`, { token: rep.token }));
    expect(
      (await error(stack.api("/campaigns", { method: "POST", json: { name: "x", code: `x-${tag()}` }, token: rep.token }), 403)).code,
    ).toBe("forbidden");
  });
});

describe("unit inventory and bookings", () => {
  it("when 20 bookings of one unit race for 10 units, then exactly 10 are made and 10 answer insufficient_units", async () => {
    const inv = await unit(10);
    expect(inv).toMatchObject({ units_total: 10, units_booked: 0, units_available: 10 });
    const leads = await Promise.all(Array.from({ length: 20 }, () => lead()));
    const results = await Promise.all(
      leads.map((l) => stack.api("/bookings", { method: "POST", json: { lead_id: l.id, unit_inventory_id: inv.id, units: 1 } })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(10).fill(201), ...Array(10).fill(409)]);
    const refused = await Promise.all(results.filter((r) => r.status === 409).map((r) => r.json()));
    expect(new Set(refused.map((b) => b.error.code))).toEqual(new Set(["insufficient_units"]));
    expect(await json(stack.api(`/unit_inventory/${inv.id}`))).toMatchObject({ units_booked: 10, units_available: 0 });
    expect(await json(list("/bookings", { unit_inventory_id: inv.id }))).toHaveLength(10);

    // Below what is booked: refused; at it: fine.
    expect((await error(stack.api(`/unit_inventory/${inv.id}`, { method: "PUT", json: { units_total: 9 } }), 409)).code).toBe(
      "unit_inventory_below_booked",
    );
    expect((await error(stack.api(`/unit_inventory/${inv.id}`, { method: "DELETE" }), 409)).code).toBe("unit_inventory_has_bookings");
    await put(`/unit_inventory/${inv.id}`, { units_total: 10 });
  });

  it("when a booking is cancelled (twice at once), then its units come back once, and a cancelled booking stays cancelled", async () => {
    const inv = await unit(5);
    const l = await lead();
    const b = await post("/bookings", { lead_id: l.id, unit_inventory_id: inv.id, units: 3 });
    expect(b).toMatchObject({
      units: 3,
      amount: 13_500_000,
      status: "confirmed",
      account_id: null,
      ledger_entry_id: null,
      units_available: 2,
    });
    expect(
      (await error(stack.api("/bookings", { method: "POST", json: { lead_id: l.id, unit_inventory_id: inv.id, units: 3 } }), 409)).code,
    ).toBe("insufficient_units");

    const cancel = () =>
      stack.api(`/bookings/${b.id}`, { method: "PUT", json: { ...b, status: "cancelled", cancellation_reason: "Loan not sanctioned" } });
    const [x, y] = await Promise.all([cancel(), cancel()]);
    expect([x.status, y.status]).toEqual([200, 200]);
    expect(await json(stack.api(`/unit_inventory/${inv.id}`))).toMatchObject({ units_booked: 0, units_available: 5 });
    const after = await json(stack.api(`/bookings/${b.id}`));
    expect(after).toMatchObject({ status: "cancelled", cancellation_reason: "Loan not sanctioned" });
    expect(after.cancelled_at).toEqual(expect.any(String));
    expect((await error(stack.api(`/bookings/${b.id}`, { method: "PUT", json: { status: "confirmed" } }), 409)).code).toBe(
      "booking_cancelled",
    );

    const kinds = (await json(list("/milestones", { lead_id: l.id }))).map((m: { kind: string }) => m.kind).sort();
    expect(kinds).toEqual(["booking", "cancellation"]);
    await del(`/bookings/${b.id}`);
  });

  it("when a booking is not valid, then it answers a JSON 4xx", async () => {
    const inv = await unit(2, null);
    const l = await lead();
    expect((await error(stack.api("/bookings", { method: "POST", json: { unit_inventory_id: inv.id, units: 1 } }), 422)).code).toBe(
      "validation_failed",
    );
    expect(
      (await error(stack.api("/bookings", { method: "POST", json: { lead_id: l.id, unit_inventory_id: inv.id, units: 0 } }), 422)).code,
    ).toBe("validation_failed");
    expect(
      (await error(stack.api("/bookings", { method: "POST", json: { lead_id: l.id, unit_inventory_id: inv.id, units: 1 } }), 422)).code,
    ).toBe("booking_amount_needed");
    expect(
      (
        await error(
          stack.api("/bookings", {
            method: "POST",
            json: { lead_id: l.id, unit_inventory_id: "00000000-0000-4000-8000-000000000000", units: 1 },
          }),
          422,
        )
      ).code,
    ).toBe("booking_unknown_unit");
    expect(
      (await error(stack.api("/unit_inventory", { method: "POST", json: { project: "P", unit_type: "1BHK", units_total: -1 } }), 422)).code,
    ).toBe("validation_failed");
    expect(
      (
        await error(
          stack.api("/unit_inventory", { method: "POST", json: { project: inv.project, unit_type: "2bhk", units_total: 1 } }),
          409,
        )
      ).code,
    ).toBe("unit_inventory_duplicate");
    const b = await post("/bookings", { lead_id: l.id, unit_inventory_id: inv.id, units: 1, amount: 3_000_000 });
    expect((await error(stack.api(`/bookings/${b.id}`, { method: "PUT", json: { units: 2 } }), 422)).code).toBe("booking_fixed");
    expect((await error(stack.api(`/bookings/${b.id}`, { method: "DELETE" }), 409)).code).toBe("booking_not_cancelled");
    expect((await json(stack.api(`/unit_inventory/${inv.id}`))).units_available).toBe(1);
  });

  it("when a converted lead books, then the invoice is on its account's ledger, and a refund on cancelling is a credit note", async () => {
    const t = tag();
    const l = await lead({ company: `Deccan ${t} Realty Pvt Ltd` });
    const { account_id } = await post(`/leads/${l.id}/convert`, {});
    const inv = await unit(4, 5_000_000);
    const b = await post("/bookings", { lead_id: l.id, unit_inventory_id: inv.id, units: 2, document_ref: `INV-${t}` });
    expect(b).toMatchObject({ account_id, amount: 10_000_000, ledger_entry_id: expect.any(String) });
    expect(await json(stack.api(`/ledger_entries/${b.ledger_entry_id}`))).toMatchObject({
      account_id,
      type: "invoice",
      amount: 10_000_000,
      effect: 10_000_000,
      balance_after: 10_000_000,
      seq: 1,
      booking_id: b.id,
      document_ref: `INV-${t}`,
    });

    await post("/ledger_entries", { account_id, type: "payment", amount: 2_000_000, date: "2026-04-02", document_ref: `RCPT-${t}` });
    const cancelled = await put(`/bookings/${b.id}`, {
      status: "cancelled",
      cancellation_reason: "Changed city",
      refund_amount: 1_500_000,
    });
    expect(cancelled).toMatchObject({ status: "cancelled", refund_amount: 1_500_000, ledger_entry_id: expect.any(String) });
    const entries = await json(
      stack.api(`/ledger_entries?filter=${encodeURIComponent(JSON.stringify({ account_id }))}&sort=${encodeURIComponent('["seq","ASC"]')}`),
    );
    expect(entries.map((e: Record<string, unknown>) => [e.seq, e.type, e.effect, e.balance_after])).toEqual([
      [1, "invoice", 10_000_000, 10_000_000],
      [2, "payment", -2_000_000, 8_000_000],
      [3, "credit_note", -1_500_000, 6_500_000],
    ]);
    const account = await stack.services.db("accounts").where("id", account_id).first("ledger_balance", "ledger_seq");
    expect(account).toEqual({ ledger_balance: 6_500_000, ledger_seq: 3 });

    // A booking of an account directly is invoiced too.
    const direct = await post("/bookings", { account_id, unit_inventory_id: inv.id, units: 1 });
    expect(direct.ledger_entry_id).toEqual(expect.any(String));
    expect(await json(stack.api(`/ledger_entries/${direct.ledger_entry_id}`))).toMatchObject({
      seq: 4,
      document_ref: direct.id,
      balance_after: 11_500_000,
    });
  });
});

describe("ledger entries", () => {
  it("when 30 entries are posted to one account at once, then seq runs 1..30 and each balance is the running sum", async () => {
    const account = await post("/accounts", { name: `Ledger ${tag()} Pvt Ltd` });
    const kinds = ["invoice", "payment", "credit_note", "debit_note", "adjustment"] as const;
    const bodies = Array.from({ length: 30 }, (_, i) => {
      const type = kinds[i % kinds.length];
      const amount = type === "adjustment" ? (i % 2 ? -1 : 1) * (100 + i) + 0.25 : 1000 * (i + 1) + 0.5;
      return { account_id: account.id, type, amount, description: `#${i}` };
    });
    const results = await Promise.all(bodies.map((b) => stack.api("/ledger_entries", { method: "POST", json: b })));
    expect(results.map((r) => r.status)).toEqual(Array(30).fill(201));
    const entries = (await Promise.all(results.map((r) => r.json()))).sort((a, b) => a.seq - b.seq);
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    let running = 0;
    for (const e of entries) {
      const sign = e.type === "invoice" || e.type === "debit_note" ? 1 : e.type === "adjustment" ? 1 : -1;
      expect(e.effect).toBeCloseTo(sign * e.amount, 2);
      running = Math.round((running + e.effect) * 100) / 100;
      expect(e.balance_after).toBeCloseTo(running, 2);
      expect(e.date).toEqual(e.entry_date);
    }
    const [{ sum }] = await stack.services.db("ledger_entries").where("account_id", account.id).sum({ sum: "effect" });
    const row = await stack.services.db("accounts").where("id", account.id).first("ledger_balance", "ledger_seq");
    expect(row).toEqual({ ledger_balance: Number(sum), ledger_seq: 30 });
    expect(row.ledger_balance).toBeCloseTo(running, 2);
  });

  it("when an entry is changed, deleted or not valid, then it answers a JSON 4xx", async () => {
    const account = await post("/accounts", { name: `Append ${tag()} Pvt Ltd` });
    const e = await post("/ledger_entries", { account_id: account.id, type: "invoice", amount: 500, date: "2026-01-15" });
    expect(e).toMatchObject({ seq: 1, balance_after: 500 });
    expect((await error(stack.api(`/ledger_entries/${e.id}`, { method: "PUT", json: { amount: 1 } }), 405)).code).toBe(
      "ledger_append_only",
    );
    expect((await error(stack.api(`/ledger_entries/${e.id}`, { method: "DELETE" }), 405)).code).toBe("ledger_append_only");
    expect(
      (await error(stack.api("/ledger_entries", { method: "POST", json: { account_id: account.id, type: "payment", amount: -5 } }), 422))
        .code,
    ).toBe("ledger_amount_not_positive");
    expect(
      (await error(stack.api("/ledger_entries", { method: "POST", json: { account_id: account.id, type: "refund", amount: 5 } }), 422))
        .code,
    ).toBe("validation_failed");
    expect(
      (
        await error(
          stack.api("/ledger_entries", {
            method: "POST",
            json: { account_id: "00000000-0000-4000-8000-000000000000", type: "payment", amount: 5 },
          }),
          422,
        )
      ).code,
    ).toBe("ledger_unknown_account");
    const rep = await loginAs("rep");
    expect(
      (
        await error(
          stack.api("/ledger_entries", { method: "POST", json: { account_id: account.id, type: "payment", amount: 5 }, token: rep.token }),
          403,
        )
      ).code,
    ).toBe("forbidden");
    expect(await stack.services.db("accounts").where("id", account.id).first("ledger_balance", "ledger_seq")).toEqual({
      ledger_balance: 500,
      ledger_seq: 1,
    });
  });
});

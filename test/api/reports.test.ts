import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, tag, writes } from "../support/json-api.ts";
import { startStack, type Stack } from "../support/stack.ts";
import { refreshReportCubes } from "../../core/reports/facts.ts";

let stack: Stack;
const { post } = writes(() => stack);
let rep: { id: string; token: string };
const ids: Record<string, string> = {};
let other: { lead: string; account: string };

/** Times are written as India time (the tenant's zone), so the days in the expectations read plainly. */
const ist = (s: string) => new Date(`${s}+05:30`);

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
const get = (path: string, token?: string) => json(stack.api(path, { token }));

/**
 * Eight leads over January and February 2026: L1 converted with a booking, L2 qualified (its booking
 * cancelled), L3 new, L4 lost, L5 contacted (the rep's), L6 qualified with a negotiation milestone, L7
 * new at 01:30 on 1 February India time (still 31 January in UTC), L8 converted (the rep's, a booking).
 */
async function seed() {
  const db = stack.services.db;
  const t = stack.tenantId;
  rep = await loginAs("rep");
  const lead = async (key: string, at: string, o: Record<string, unknown>) => {
    const [row] = await db("leads")
      .insert({ tenant_id: t, lead_number: `R-${key}-${tag()}`, first_name: key, created_at: ist(at), updated_at: ist(at), ...o })
      .returning("id");
    ids[key] = row.id;
  };
  const google = { source: "Google", subsource: "brand", campaign: "diwali-26" };
  const facebook = { source: "Facebook" };
  await lead("L1", "2026-01-05T10:00:00", { ...google, status: "converted", converted_at: ist("2026-01-20T11:00:00") });
  await lead("L2", "2026-01-08T10:00:00", { ...google, status: "qualified" });
  await lead("L3", "2026-01-20T10:00:00", { ...google, status: "new" });
  await lead("L4", "2026-01-22T10:00:00", { ...facebook, status: "lost" });
  await lead("L5", "2026-01-25T10:00:00", { ...facebook, status: "contacted", owner_id: rep.id });
  await lead("L6", "2026-02-03T10:00:00", { ...google, status: "qualified" });
  await lead("L7", "2026-02-01T01:30:00", { source: "Google", subsource: "brand", status: "new" });
  await lead("L8", "2026-02-10T10:00:00", { ...facebook, status: "converted", converted_at: ist("2026-02-12T10:00:00"), owner_id: rep.id });
  await db("milestones").insert([
    {
      tenant_id: t,
      record_type: "lead",
      record_id: ids.L6,
      kind: "negotiation",
      title: "Negotiation",
      occurred_at: ist("2026-02-20T10:00:00"),
    },
    {
      tenant_id: t,
      record_type: "lead",
      record_id: ids.L1,
      kind: "site_visit",
      title: "Site visit",
      occurred_at: ist("2026-01-12T10:00:00"),
      outcome: "positive",
      location_name: "Baner sample flat",
    },
  ]);
  await db("lead_sources").insert([
    { tenant_id: t, name: "Google", subsource: "brand", channel: "paid", monthly_cost: 31000 },
    { tenant_id: t, name: "facebook", channel: "social", monthly_cost: 10000 },
    { tenant_id: t, name: "Hoardings", channel: "offline", monthly_cost: 5000 },
  ]);
  await db("campaigns").insert([
    {
      tenant_id: t,
      name: "Diwali 2026",
      code: "DIWALI-26",
      type: "search",
      status: "active",
      budget: 100000,
      actual_cost: 80000,
      start_date: "2026-01-01",
      end_date: "2026-03-31",
    },
    {
      tenant_id: t,
      name: "Monsoon",
      code: "MONSOON",
      type: "social",
      status: "planned",
      budget: 50000,
      start_date: "2026-02-01",
      end_date: "2026-02-28",
    },
    {
      tenant_id: t,
      name: "Old",
      code: "OLD",
      type: "print",
      status: "completed",
      budget: 1000,
      start_date: "2025-01-01",
      end_date: "2025-06-30",
    },
  ]);
  const [unit] = await db("unit_inventory")
    .insert({ tenant_id: t, project: "Tower A", unit_type: "2BHK", units_total: 10, units_booked: 3, unit_price: 4500000 })
    .returning("id");
  const [acc] = await db("accounts")
    .insert({ tenant_id: t, name: `Customer ${tag()}`, type: "customer", ledger_balance: 3500000, ledger_seq: 4 })
    .returning("id");
  const [broken] = await db("accounts")
    .insert({ tenant_id: t, name: `Broken ${tag()}`, type: "prospect", ledger_balance: 100, ledger_seq: 1, owner_id: rep.id })
    .returning("id");
  ids.account = acc.id;
  ids.broken = broken.id;
  const booking = (lead: string, status: string, units: number, amount: number, at: string) =>
    db("bookings")
      .insert({ tenant_id: t, lead_id: ids[lead], unit_inventory_id: unit.id, units, amount, status, booked_at: ist(at) })
      .returning("id");
  const [b1] = await booking("L1", "confirmed", 2, 9000000, "2026-01-20T12:00:00");
  await booking("L2", "cancelled", 1, 1000000, "2026-01-25T12:00:00");
  await booking("L8", "pending", 1, 4500000, "2026-02-10T12:00:00");
  ids.b1 = b1.id;
  const entry = (seq: number, date: string, type: string, amount: number, effect: number, balance: number) => ({
    tenant_id: t,
    account_id: acc.id,
    seq,
    entry_date: date,
    type,
    amount,
    effect,
    balance_after: balance,
  });
  await db("ledger_entries").insert([
    { ...entry(1, "2026-01-20", "invoice", 9000000, 9000000, 9000000), booking_id: b1.id, document_ref: "INV-1" },
    entry(2, "2026-01-25", "payment", 3000000, -3000000, 6000000),
    entry(3, "2026-02-05", "credit_note", 500000, -500000, 5500000),
    entry(4, "2026-02-15", "payment", 2000000, -2000000, 3500000),
    { tenant_id: t, account_id: broken.id, seq: 1, entry_date: "2026-02-01", type: "invoice", amount: 90, effect: 90, balance_after: 90 },
  ]);
  const eng = (lead: string, type: string, channel: string, at: string, response_received: boolean, duration_minutes: number | null) => ({
    tenant_id: t,
    lead_id: ids[lead],
    type,
    channel,
    occurred_at: ist(at),
    response_received,
    duration_minutes,
  });
  const [e1, e2] = await db("engagements")
    .insert([
      eng("L1", "call_made", "phone", "2026-01-10T10:00:00", true, 10),
      eng("L1", "call_made", "phone", "2026-01-12T12:00:00", false, 20),
      eng("L2", "email_sent", "email", "2026-01-15T10:00:00", true, null),
      eng("L8", "message_sent", "whatsapp", "2026-02-05T10:00:00", true, null),
      eng("L3", "email_sent", "email", "2025-12-20T10:00:00", false, null),
      { ...eng("L3", "email_sent", "email", "2026-01-01T10:00:00", false, null), occurred_at: stack.services.clock.now() },
    ])
    .returning("id");
  await db("score_history").insert([
    { tenant_id: t, lead_id: ids.L1, score: 20, previous_score: 0, delta: 20, grade: "C", reason: "rules" },
    { tenant_id: t, lead_id: ids.L1, score: 25, previous_score: 20, delta: 5, grade: "C", reason: "behaviour", engagement_id: e1.id },
    { tenant_id: t, lead_id: ids.L1, score: 35, previous_score: 25, delta: 10, grade: "B", reason: "behaviour", engagement_id: e2.id },
  ]);
  await db("tasks").insert([
    { tenant_id: t, title: "Call back", record_type: "lead", record_id: ids.L2 },
    { tenant_id: t, title: "Send quote", record_type: "lead", record_id: ids.L5, owner_id: rep.id },
    { tenant_id: t, title: "Done", record_type: "lead", record_id: ids.L3, done_at: new Date() },
  ]);
  // Another tenant's records: never visible here.
  const [ot] = await db("tenants")
    .insert({ name: `Other ${tag()}`, slug: `other-${tag()}` })
    .returning("id");
  const [ol] = await db("leads")
    .insert({ tenant_id: ot.id, lead_number: `O-${tag()}` })
    .returning("id");
  const [oa] = await db("accounts").insert({ tenant_id: ot.id, name: "Other account" }).returning("id");
  other = { lead: ol.id, account: oa.id };
}

beforeAll(async () => {
  stack = await startStack();
  await seed();
});
afterAll(async () => {
  await stack?.stop();
});

const JAN_FEB = "from=2026-01-01&to=2026-02-28";

/** Every lead report, once live (no rollup yet) and once from the rollup: the numbers must not move. */
for (const mode of ["live", "rollup"] as const) {
  describe(`lead reports (${mode})`, () => {
    beforeAll(async () => {
      if (mode === "rollup") await refreshReportCubes(stack.services.db, stack.tenantId);
    });

    it("funnel: per month, each stage reached, stage-to-stage rates and the worst leak", async () => {
      const r = await get(`/reports/funnel?${JAN_FEB}`);
      expect(r.months.map((m: { month: string }) => m.month)).toEqual(["2026-01", "2026-02"]);
      expect(r.months[0]).toMatchObject({
        new: 5,
        contacted: 4,
        qualified: 2,
        negotiation: 1,
        converted: 1,
        lost: 1,
        conversion: { contacted: 0.8, qualified: 0.5, negotiation: 0.5, converted: 1, overall: 0.2 },
        leak: { from: "contacted", to: "qualified", leads: 2 },
      });
      expect(r.months[1]).toMatchObject({ new: 3, contacted: 2, qualified: 2, negotiation: 2, converted: 1, lost: 0 });
      expect(r.total).toMatchObject({
        new: 8,
        contacted: 6,
        qualified: 4,
        negotiation: 3,
        converted: 2,
        lost: 1,
        conversion: { overall: 0.25 },
      });
    });

    it("from/to are India days: a lead of 01:30 on 1 February is February's", async () => {
      expect((await get("/reports/funnel?from=2026-01-01&to=2026-01-31")).total.new).toBe(5);
      const feb = await get("/reports/funnel?from=2026-02-01&to=2026-02-01");
      expect(feb.months).toMatchObject([{ month: "2026-02", new: 1 }]);
    });

    it("source-performance: leads, qualified, converted and the pro-rated cost per source and subsource", async () => {
      const r = await get(`/reports/source-performance?${JAN_FEB}`);
      expect(r.rows).toEqual([
        {
          source: "Google",
          subsource: "brand",
          channel: "paid",
          leads: 5,
          qualified: 3,
          converted: 1,
          conversion_rate: 0.2,
          cost: 62000,
          cost_per_lead: 12400,
          cost_per_conversion: 62000,
        },
        {
          source: "Facebook",
          subsource: null,
          channel: "social",
          leads: 3,
          qualified: 1,
          converted: 1,
          conversion_rate: 0.3333,
          cost: 20000,
          cost_per_lead: 6666.67,
          cost_per_conversion: 20000,
        },
        {
          source: "Hoardings",
          subsource: null,
          channel: "offline",
          leads: 0,
          qualified: 0,
          converted: 0,
          conversion_rate: null,
          cost: 10000,
          cost_per_lead: null,
          cost_per_conversion: null,
        },
      ]);
      expect(r.total).toMatchObject({ leads: 8, converted: 2, cost: 92000, cost_per_lead: 11500 });
      // Sixteen of January's 31 days: 16/31 of the month's cost.
      const half = await get("/reports/source-performance?from=2026-01-16&to=2026-01-31&source=google");
      expect(half.rows).toEqual([expect.objectContaining({ source: "Google", leads: 1, cost: 16000 })]);
    });

    it("campaign-performance: leads, bookings, booked amount, cost and ROI; campaigns outside the range without leads are left out", async () => {
      const r = await get(`/reports/campaign-performance?${JAN_FEB}`);
      expect(r.rows).toEqual([
        expect.objectContaining({
          code: "DIWALI-26",
          leads: 4,
          converted: 1,
          conversion_rate: 0.25,
          bookings: 1,
          units: 2,
          booked_amount: 9000000,
          budget: 100000,
          cost: 80000,
          cost_per_lead: 20000,
          roi: 112.5,
        }),
        expect.objectContaining({
          code: "MONSOON",
          leads: 0,
          bookings: 0,
          booked_amount: 0,
          budget: 50000,
          cost: 50000,
          cost_per_lead: null,
          roi: 0,
        }),
      ]);
    });
  });
}

describe("other reports", () => {
  it("bookings: per status in the range, cancelled listed but not totalled, and the inventory", async () => {
    const r = await get(`/reports/bookings?${JAN_FEB}`);
    expect(r.by_status).toEqual([
      { status: "pending", count: 1, units: 1, amount: 4500000, average: 4500000 },
      { status: "confirmed", count: 1, units: 2, amount: 9000000, average: 9000000 },
      { status: "on_hold", count: 0, units: 0, amount: 0, average: null },
      { status: "completed", count: 0, units: 0, amount: 0, average: null },
      { status: "cancelled", count: 1, units: 1, amount: 1000000, average: 1000000 },
    ]);
    expect(r.total).toEqual({ count: 2, units: 3, amount: 13500000, average: 6750000 });
    expect(r.inventory).toEqual([
      { project: "Tower A", unit_type: "2BHK", units_total: 10, units_booked: 3, units_available: 7, unit_price: 4500000 },
    ]);
    expect((await get("/reports/bookings?from=2026-02-01&to=2026-02-28")).total).toMatchObject({ count: 1, amount: 4500000 });
  });

  it("engagement-stats: per type and channel, responses, rate and average duration", async () => {
    const r = await get(`/reports/engagement-stats?${JAN_FEB}`);
    expect(r.rows).toEqual([
      { type: "call_made", channel: "phone", count: 2, responses: 1, response_rate: 0.5, average_duration_minutes: 15 },
      { type: "email_sent", channel: "email", count: 1, responses: 1, response_rate: 1, average_duration_minutes: null },
      { type: "message_sent", channel: "whatsapp", count: 1, responses: 1, response_rate: 1, average_duration_minutes: null },
    ]);
    expect(r.total).toEqual({ count: 4, responses: 3, response_rate: 0.75 });
  });

  it("ledger: statement in seq order with running balance, totals, collection % and the balance check", async () => {
    const r = await get(`/reports/ledger/${ids.account}`);
    expect(r.entries.map((e: { seq: number; balance_after: number }) => [e.seq, e.balance_after])).toEqual([
      [1, 9000000],
      [2, 6000000],
      [3, 5500000],
      [4, 3500000],
    ]);
    expect(r).toMatchObject({
      opening_balance: 0,
      closing_balance: 3500000,
      invoiced: 9000000,
      paid: 5000000,
      credited: 500000,
      outstanding: 3500000,
      collection_pct: 55.56,
      balance_check: { stored: 3500000, sum: 3500000, ok: true },
    });
    const feb = await get(`/reports/ledger/${ids.account}?from=2026-02-01`);
    expect(feb).toMatchObject({ opening_balance: 6000000, closing_balance: 3500000, invoiced: 0, paid: 2000000, collection_pct: null });
    expect(feb.entries.map((e: { seq: number }) => e.seq)).toEqual([3, 4]);
    expect((await get(`/reports/ledger/${ids.broken}`)).balance_check).toEqual({ stored: 100, sum: 90, ok: false });
  });

  it("milestone-timeline: lead_generated first, then milestones, engagements and bookings in time; days to convert, points, value", async () => {
    const r = await get(`/reports/milestone-timeline/${ids.L1}`);
    expect(r.events.map((e: { kind: string; event: string }) => `${e.kind}:${e.event}`)).toEqual([
      "lead_generated:lead_generated",
      "engagement:call_made",
      "milestone:site_visit",
      "engagement:call_made",
      "booking:confirmed",
    ]);
    expect(r).toMatchObject({ days_to_convert: 15, engagement_points: 15, value: 9000000, value_source: "bookings" });
    expect(await get(`/reports/milestone-timeline/${ids.L3}`)).toMatchObject({ days_to_convert: null, value: null });
  });

  it("dashboard: the KPIs, each with the records behind it, beside what it answered before", async () => {
    const r = await get("/reports/dashboard");
    expect(r).toMatchObject({
      total_leads: 8,
      qualified_leads: 2,
      converted_leads: 2,
      conversion_rate: 0.25,
      active_customers: 1,
      total_bookings: 2,
      booked_amount: 13500000,
      outstanding_balance: 3500100,
      engagement_this_month: 1,
      pending_follow_ups: 2,
      new_leads: 0,
    });
    expect(r.leads_per_day).toHaveLength(14);
    expect(r.by_status).toEqual(expect.arrayContaining([{ status: "converted", count: 2 }]));
    expect(r.by_source).toEqual([
      { source: "Google", count: 5 },
      { source: "Facebook", count: 3 },
    ]);
    expect(r.links.qualified_leads).toEqual({ resource: "leads", filter: { status: "qualified" } });
    expect(r.links.pending_follow_ups).toEqual({ resource: "tasks", filter: { done_at: null } });
    expect(Object.keys(r.links).sort()).toEqual([
      "active_customers",
      "booked_amount",
      "conversion_rate",
      "converted_leads",
      "engagement_this_month",
      "new_leads",
      "outstanding_balance",
      "pending_follow_ups",
      "qualified_leads",
      "total_bookings",
      "total_leads",
    ]);
  });
});

describe("who sees what, and bad requests", () => {
  it("a rep sees only their own leads' numbers, and may not ask for a colleague's", async () => {
    const f = await get(`/reports/funnel?${JAN_FEB}`, rep.token);
    expect(f.total).toMatchObject({ new: 2, contacted: 2, converted: 1 });
    const d = await get("/reports/dashboard", rep.token);
    expect(d).toMatchObject({
      total_leads: 2,
      converted_leads: 1,
      total_bookings: 1,
      booked_amount: 4500000,
      pending_follow_ups: 1,
      outstanding_balance: 100,
    });
    expect(d.links.total_leads).toEqual({ resource: "leads", filter: { owner_id: rep.id } });
    expect((await get(`/reports/engagement-stats?${JAN_FEB}`, rep.token)).total.count).toBe(1);
    const admin = (await stack.services.db("users").where({ tenant_id: stack.tenantId, role: "admin" }).first("id")).id;
    expect((await stack.api(`/reports/funnel?owner_id=${admin}`, { token: rep.token })).status).toBe(403);
    expect((await stack.api(`/reports/ledger/${ids.account}`, { token: rep.token })).status).toBe(404);
    expect((await stack.api(`/reports/milestone-timeline/${ids.L1}`, { token: rep.token })).status).toBe(404);
  });

  it("another tenant's account or lead is not found", async () => {
    expect((await stack.api(`/reports/ledger/${other.account}`)).status).toBe(404);
    expect((await stack.api(`/reports/milestone-timeline/${other.lead}`)).status).toBe(404);
  });

  it("bad filters answer a JSON 400", async () => {
    for (const q of ["from=2026-13-01", "from=2026-02-30", "from=2026-03-01&to=2026-02-01", "owner_id=nobody", "format=xml"]) {
      const res = await stack.api(`/reports/funnel?${q}`);
      expect(res.status, q).toBe(400);
      expect((await res.json()).error.code).toBe("invalid_filter");
    }
    expect((await stack.api("/reports/ledger/not-a-uuid")).status).toBe(400);
  });

  it("?format=csv answers text/csv with a header row", async () => {
    const res = await stack.api(`/reports/funnel?${JAN_FEB}&format=csv`);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = (await res.text()).trim().split("\n");
    expect(lines[0]).toBe(
      "month,new,contacted,qualified,negotiation,converted,lost,contacted_rate,qualified_rate,negotiation_rate,converted_rate,overall_rate,leak_from,leak_to,leak_leads",
    );
    expect(lines.slice(1).map((l) => l.split(",").slice(0, 2).join(","))).toEqual(["2026-01,5", "2026-02,3", "total,8"]);
    const ledger = await stack.api(`/reports/ledger/${ids.account}?format=csv`);
    expect(ledger.headers.get("content-type")).toMatch(/^text\/csv/);
    expect((await ledger.text()).split("\n")[0]).toBe("seq,date,type,document_ref,description,amount,effect,balance_after");
  });

  it("the rollup follows a status change of an old lead when it next runs", async () => {
    await refreshReportCubes(stack.services.db, stack.tenantId);
    await stack.services.db("leads").where("id", ids.L3).update({ status: "qualified", updated_at: new Date() });
    await refreshReportCubes(stack.services.db, stack.tenantId);
    expect((await get(`/reports/funnel?${JAN_FEB}`)).total).toMatchObject({ qualified: 5 });
  });
});

describe("the report cubes", () => {
  const db = () => stack.services.db;
  const urls = [
    "/reports/funnel?from=2026-01-01&to=2026-02-28",
    "/reports/funnel?from=2026-01-15&to=2026-03-31",
    "/reports/funnel?from=2025-12-01",
    "/reports/funnel?from=2026-01-01&to=2026-02-28&source=GOOGLE",
    "/reports/funnel?from=2026-01-01&to=2026-02-28&campaign=diwali-26",
    "/reports/funnel?from=2026-01-01&to=2026-02-28&source=google&campaign=DIWALI-26",
    `/reports/funnel?from=2026-01-01&to=2026-02-28&owner_id=${"REP"}`,
    "/reports/source-performance?from=2026-01-01&to=2026-02-28",
    "/reports/source-performance?from=2026-01-10&to=2026-02-28&campaign=diwali-26",
    `/reports/source-performance?from=2026-01-01&to=2026-02-28&owner_id=${"REP"}`,
    "/reports/campaign-performance?from=2026-01-01&to=2026-02-28",
    "/reports/campaign-performance?from=2026-01-01&to=2026-02-28&source=facebook",
    "/reports/engagement-stats?from=2025-12-01&to=2026-12-31",
    "/reports/engagement-stats?from=2026-01-11&to=2026-02-28",
    `/reports/engagement-stats?from=2025-12-01&to=2026-12-31&owner_id=${"REP"}`,
    "/reports/dashboard",
  ];
  const answers = async (token?: string) => {
    const out: Record<string, unknown> = {};
    for (const u of urls) out[u] = await get(u.replace("REP", rep.id), token);
    out.rep = await get("/reports/dashboard", rep.token);
    out.repEngagement = await get("/reports/engagement-stats?from=2025-12-01&to=2026-12-31", rep.token);
    return out;
  };

  it("every report answers the same from the cubes as read live, whatever the cut, filter or range", async () => {
    // A source spelled another way is the same source.
    await db()("leads").insert({
      tenant_id: stack.tenantId,
      lead_number: `R-L9-${tag()}`,
      source: "google",
      subsource: "BRAND",
      campaign: "Diwali-26",
      status: "qualified",
      created_at: ist("2026-02-14T10:00:00"),
    });
    await db()("report_rollup_state").where("tenant_id", stack.tenantId).delete();
    const live = await answers();
    await refreshReportCubes(db(), stack.tenantId);
    expect(await db()("report_lead_months").where("tenant_id", stack.tenantId).first(db().raw("count(*)::int AS n"))).toMatchObject({
      n: expect.any(Number),
    });
    expect(await answers()).toEqual(live);
    const sources = (await get("/reports/source-performance?from=2026-01-01&to=2026-02-28")).rows;
    expect(sources.find((r: { source: string }) => r.source.toLowerCase() === "google")).toMatchObject({ leads: 6 });
  });

  it("a negotiation or proposal milestone moves the lead's depth, and its removal moves it back, at the next refresh", async () => {
    const funnel = () => get("/reports/funnel?from=2026-01-01&to=2026-02-28").then((r) => r.total.negotiation);
    const before = await funnel();
    const [m] = await db()("milestones")
      .insert({
        tenant_id: stack.tenantId,
        record_type: "lead",
        record_id: ids.L2,
        kind: "proposal",
        title: "Proposal",
        occurred_at: ist("2026-01-30T10:00:00"),
      })
      .returning("id");
    expect((await db()("leads").where("id", ids.L2).first("negotiation_at")).negotiation_at).toEqual(ist("2026-01-30T10:00:00"));
    await refreshReportCubes(db(), stack.tenantId);
    expect(await funnel()).toBe(before + 1);
    await db()("milestones").where("id", m.id).update({ deleted_at: new Date(), updated_at: new Date() });
    expect((await db()("leads").where("id", ids.L2).first("negotiation_at")).negotiation_at).toBeNull();
    await refreshReportCubes(db(), stack.tenantId);
    expect(await funnel()).toBe(before);
  });
});

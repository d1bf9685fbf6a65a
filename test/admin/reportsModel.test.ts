import { describe, expect, it } from "vitest";
import {
  EMPTY_HINTS,
  funnelIsEmpty,
  KPIS,
  bookingsReport,
  campaignRows,
  defaultFilters,
  engagementByType,
  engagementRows,
  funnelMonths,
  kpiLink,
  kpiValue,
  linkPath,
  reportPath,
  sourceRows,
  stageConversion,
} from "../../admin/src/journey/reportsModel.ts";

describe("report filters", () => {
  it("when filters are set, then only the non-empty ones the report takes go in the query, and CSV adds format", () => {
    const f = { ...defaultFilters(new Date(2026, 11, 2)), owner_id: "u1", source: "" };
    expect(f.from).toBe("2026-07-01");
    expect(reportPath("funnel", f)).toBe("/reports/funnel?from=2026-07-01&to=2026-12-02&owner_id=u1");
    expect(reportPath("source-performance", { ...f, campaign: "diwali" }, ["from", "to"], true)).toBe(
      "/reports/source-performance?from=2026-07-01&to=2026-12-02&format=csv",
    );
  });

  it("when it is already tomorrow in the tenant's time zone, then the default window ends on the tenant's today, not the browser's", () => {
    // 20:30 UTC on 6 December is 02:00 on 7 December in India: a lead made now is counted on the 7th.
    const now = new Date(Date.UTC(2026, 11, 6, 20, 30));
    expect(defaultFilters(now, 6, "Asia/Kolkata")).toMatchObject({ from: "2026-07-01", to: "2026-12-07" });
    expect(defaultFilters(now, 6, "America/New_York")).toMatchObject({ from: "2026-07-01", to: "2026-12-06" });
    // January: the window starts in the year before.
    expect(defaultFilters(new Date(Date.UTC(2027, 0, 10, 12)), 6, "Asia/Kolkata")).toMatchObject({ from: "2026-08-01", to: "2027-01-10" });
    // A zone the browser does not know reads as the browser's own.
    expect(defaultFilters(now, 6, "Mars/Olympus").to).toMatch(/^2026-12-0[67]$/);
  });
});

describe("funnel", () => {
  const raw = {
    months: [
      { month: "2026-11", new: 10, contacted: 6, qualified: 4, negotiation: 2, converted: 1, lost: 3 },
      { month: "2026-10-01", new: "10", contacted: 4, qualified: 2, negotiation: 1, converted: 1, lost: 1 },
    ],
  };
  it("when months come, then they are oldest first with numbers and labels", () => {
    expect(funnelMonths(raw).map((m) => [m.label, m.new, m.converted])).toEqual([
      ["Oct 2026", 10, 1],
      ["Nov 2026", 10, 1],
    ]);
  });
  it("when the API sends no conversion, then stage-to-stage rates and leaks are computed from the totals", () => {
    const c = stageConversion(raw);
    expect(c.map((s) => [s.from, s.to, s.fromCount, s.toCount, s.leaked])).toEqual([
      ["new", "contacted", 20, 10, 10],
      ["contacted", "qualified", 10, 6, 4],
      ["qualified", "negotiation", 6, 3, 3],
      ["negotiation", "converted", 3, 2, 1],
    ]);
    expect(c[0].rate).toBe(0.5);
  });
  it("when the API sends its conversion, then it is used", () => {
    const c = stageConversion({ months: [], conversion: [{ from: "new", to: "contacted", from_count: 8, to_count: 2, rate: 0.25 }] });
    expect(c).toEqual([{ from: "new", to: "contacted", fromCount: 8, toCount: 2, rate: 0.25, leaked: 6 }]);
  });
});

describe("report rows", () => {
  it("when sources, campaigns, bookings and engagement come, then rates and ratios are filled in where the API left them out", () => {
    expect(
      sourceRows([{ source: "99acres", subsource: "featured", leads: 20, qualified: 8, converted: 2, cost_per_lead: 500 }])[0],
    ).toMatchObject({ source: "99acres", subsource: "featured", conversion_rate: 0.1, cost_per_lead: 500 });
    expect(
      campaignRows({ campaigns: [{ id: "c1", name: "Diwali", leads: 5, booked_amount: 9000000, actual_cost: 300000 }] })[0],
    ).toMatchObject({ key: "c1", roi: 30, cost: 300000 });
    const b = bookingsReport({
      by_status: [{ status: "confirmed", count: 2, units: 3, amount: 100 }],
      availability: [{ project: "Skyline", unit_type: "2BHK", units_total: 10, units_booked: 3 }],
    });
    expect(b.statuses[0]).toMatchObject({ average: 50 });
    expect(b.availability[0]).toMatchObject({ units_available: 7 });
    const e = engagementRows([
      { type: "call_made", channel: "phone", count: 4, responses: 1 },
      { type: "call_made", channel: "whatsapp", count: 2, responses: 1 },
      { type: "email_sent", channel: "email", count: 10, responses: 2, response_rate: 0.2 },
    ]);
    expect(e[0].response_rate).toBe(0.25);
    expect(engagementByType(e)).toEqual([
      { type: "email_sent", label: "Email sent", count: 10, responses: 2 },
      { type: "call_made", label: "Call made", count: 6, responses: 2 },
    ]);
  });
});

describe("dashboard KPIs", () => {
  const def = (key: string) => KPIS.find((k) => k.key === key)!;
  it("when the API sends values plain or with links, then both are read and links become list URLs", () => {
    const data = {
      total_leads: 12,
      booked_amount: { value: 4500000, link: { resource: "bookings", filter: { status: ["confirmed", "completed"] } } },
      links: { total_leads: { resource: "leads", filter: { q: "x" } } },
    };
    expect(kpiValue(data, "total_leads")).toBe(12);
    expect(kpiValue(data, "booked_amount")).toBe(4500000);
    expect(kpiValue(data, "pending_follow_ups")).toBeNull();
    expect(linkPath(kpiLink(data, def("booked_amount")))).toBe(
      `/bookings?filter=${encodeURIComponent('{"status":["confirmed","completed"]}')}`,
    );
    expect(kpiLink(data, def("total_leads"))).toEqual({ resource: "leads", filter: { q: "x" } });
    expect(linkPath(kpiLink({}, def("active_customers")))).toBe("/accounts");
  });
});

describe("funnel as the API answers it", () => {
  it("when the API sends its totals with conversion and leak, then stage rows and the leak come from them", async () => {
    const { funnelLeak } = await import("../../admin/src/journey/reportsModel.ts");
    const raw = {
      months: [{ month: "2026-11", new: 4, contacted: 3, qualified: 2, negotiation: 1, converted: 1, lost: 1 }],
      total: {
        new: 4,
        contacted: 3,
        qualified: 2,
        negotiation: 1,
        converted: 1,
        lost: 1,
        conversion: { contacted: 0.75, qualified: 0.6667, negotiation: 0.5, converted: 1, overall: 0.25 },
        leak: { from: "new", to: "contacted", leads: 1 },
      },
    };
    expect(stageConversion(raw).map((c) => [c.from, c.fromCount, c.toCount, c.rate])).toEqual([
      ["new", 4, 3, 0.75],
      ["contacted", 3, 2, 0.6667],
      ["qualified", 2, 1, 0.5],
      ["negotiation", 1, 1, 1],
    ]);
    expect(funnelLeak(raw)).toEqual({ from: "new", to: "contacted", leads: 1 });
    expect(funnelLeak({ months: [] })).toBeNull();
  });
});

describe("empty reports", () => {
  it("when no month of the funnel counts a lead, then it is empty; one lead anywhere is not", () => {
    const month = { month: "2026-12", label: "Dec 2026", new: 0, contacted: 0, qualified: 0, negotiation: 0, converted: 0, lost: 0 };
    expect(funnelIsEmpty([])).toBe(true);
    expect(funnelIsEmpty([month])).toBe(true);
    expect(funnelIsEmpty([month, { ...month, lost: 1 }])).toBe(false);
  });

  it("when a report is empty, then its hint says what to do (widen the dates, or where to record one)", () => {
    for (const hint of Object.values(EMPTY_HINTS)) expect(hint).toMatch(/^No .* — .*(widen the dates|clear the filters)/);
    expect(EMPTY_HINTS.bookings).toBe("No bookings in this range — record one from a lead's page or widen the dates.");
  });
});

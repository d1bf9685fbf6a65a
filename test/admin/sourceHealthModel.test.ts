import { describe, expect, it } from "vitest";
import { healthVerdict, hourlyBars, outcomeSegments, percent, resolvePayload } from "../../admin/src/components/sourceHealthModel.ts";
import { guessMappingTarget, isValidMappingTarget, mappingTargetLabel } from "../../admin/src/components/mappingTargetModel.ts";

const totals = (over: Record<string, number> = {}) => ({
  received: 0,
  accepted: 0,
  duplicate: 0,
  rejected: 0,
  ignored: 0,
  spam: 0,
  error: 0,
  pending: 0,
  ...over,
});

describe("hourlyBars", () => {
  it("when the API sends 24 buckets, then each gets a local hour label and a number", () => {
    const hour = new Date(2026, 0, 5, 14, 0, 0).toISOString();
    expect(
      hourlyBars([
        { hour, count: 3 },
        { hour: "bad", count: "x" as unknown as number },
      ]),
    ).toEqual([
      { hour, label: "14:00", count: 3 },
      { hour: "bad", label: "", count: 0 },
    ]);
    expect(hourlyBars(undefined)).toEqual([]);
  });
});

describe("outcomeSegments", () => {
  it("when outcomes are mixed, then widths add to 100 and empty outcomes are left out", () => {
    const segs = outcomeSegments(totals({ received: 10, accepted: 7, duplicate: 2, error: 1 }));
    expect(segs.map((s) => s.key)).toEqual(["accepted", "duplicate", "error"]);
    expect(segs.reduce((a, s) => a + s.pct, 0)).toBeCloseTo(100, 0);
  });
  it("when one rejection hides among thousands, then its sliver stays visible", () => {
    const seg = outcomeSegments(totals({ received: 10_001, accepted: 10_000, rejected: 1 })).find((s) => s.key === "rejected");
    expect(seg?.pct).toBeGreaterThanOrEqual(1.4);
  });
  it("when nothing arrived, then there are no segments", () => {
    expect(outcomeSegments(totals())).toEqual([]);
  });
});

describe("healthVerdict", () => {
  const health = (over = {}) => ({
    last_delivery_at: "2026-01-01T00:00:00Z",
    totals: totals({ received: 10, accepted: 10 }),
    rates: { accepted: 1, duplicate: 0, rejected: 0, error: 0 },
    alerts: [],
    ...over,
  });
  it("when a quarter of deliveries fail, then it is failing before anything else", () => {
    expect(healthVerdict(health({ rates: { accepted: 0.7, duplicate: 0, rejected: 0.2, error: 0.1 } })).label).toBe("Failing");
  });
  it("when alerts are open, then it needs attention", () => {
    expect(healthVerdict(health({ alerts: [{ id: "a", kind: "silent", message: "m", raised_at: "x" }] })).label).toBe("Needs attention");
  });
  it("when nothing ever arrived or nothing today, then it says so", () => {
    expect(healthVerdict(health({ last_delivery_at: null })).label).toBe("No deliveries yet");
    expect(healthVerdict(health({ totals: totals() })).label).toBe("Quiet (24 h)");
    expect(healthVerdict(health()).label).toBe("Healthy");
  });
});

describe("percent / resolvePayload", () => {
  it("when formatting rates, then small shares keep a decimal", () => {
    expect(percent(0.004)).toBe("0.4%");
    expect(percent(0.5)).toBe("50%");
    expect(percent(0)).toBe("0%");
    expect(percent("x")).toBe("—");
  });
  it("when resolving, then the time is sent as ISO", () => {
    expect(resolvePayload(new Date("2026-01-02T03:04:05Z"))).toEqual({ resolved_at: "2026-01-02T03:04:05.000Z" });
  });
});

describe("mapping targets", () => {
  it("when a target is canonical or custom_fields.<name>, then it is valid", () => {
    expect(isValidMappingTarget("city")).toBe(true);
    expect(isValidMappingTarget("custom_fields.plot_size")).toBe(true);
    expect(isValidMappingTarget("custom_fields.")).toBe(false);
    expect(isValidMappingTarget("colour")).toBe(false);
  });
  it("when labelled, then people read names, not ids", () => {
    expect(mappingTargetLabel("product_interest")).toBe("Product interest");
    expect(mappingTargetLabel("custom_fields.plot")).toBe("Custom: plot");
    expect(mappingTargetLabel("mystery")).toBe("mystery");
  });
  it("when a field name is common, then its lead field is guessed", () => {
    expect(guessMappingTarget("Mobile Number")).toBe("phone");
    expect(guessMappingTarget("city")).toBe("city");
    expect(guessMappingTarget("favourite_colour")).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { splitRange } from "../../core/reports/facts.ts";

describe("splitRange: whole months from the cube, the edges live", () => {
  it("a range from a month's first day to today reads the cube up to today and today live", () => {
    expect(splitRange("2026-01-01", "2026-12-02", "2026-12-02")).toEqual({
      cube: { from: "2026-01-01", until: "2026-12-02" },
      live: [{ from: "2026-12-02", until: "2026-12-03" }],
    });
  });
  it("mid-month ends are read live on both sides", () => {
    expect(splitRange("2026-01-15", "2026-06-14", "2026-12-02")).toEqual({
      cube: { from: "2026-02-01", until: "2026-06-01" },
      live: [
        { from: "2026-01-15", until: "2026-02-01" },
        { from: "2026-06-01", until: "2026-06-15" },
      ],
    });
  });
  it("a range ending on a month's last day takes that month whole", () => {
    expect(splitRange("2026-01-01", "2026-02-28", "2026-12-02")).toEqual({ cube: { from: "2026-01-01", until: "2026-03-01" }, live: [] });
  });
  it("a range inside one month, or no cube at all, is read live", () => {
    expect(splitRange("2026-03-02", "2026-03-30", "2026-12-02")).toEqual({
      cube: null,
      live: [{ from: "2026-03-02", until: "2026-03-31" }],
    });
    expect(splitRange("2026-03-01", null, null)).toEqual({ cube: null, live: [{ from: "2026-03-01", until: null }] });
  });
  it("all time: every month before the cube's day, the rest live", () => {
    expect(splitRange(null, null, "2026-12-02")).toEqual({
      cube: { from: null, until: "2026-12-02" },
      live: [{ from: "2026-12-02", until: null }],
    });
  });
  it("a range starting after the cube's day is live", () => {
    expect(splitRange("2026-12-05", "2026-12-31", "2026-12-02")).toEqual({
      cube: null,
      live: [{ from: "2026-12-05", until: "2027-01-01" }],
    });
  });
});

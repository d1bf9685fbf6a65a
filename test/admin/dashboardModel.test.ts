import { describe, expect, it } from "vitest";
import { fillLeadsPerDay, formatCount, formatRate, sourceRows, statusBars } from "../../admin/src/dashboard/dashboardModel.ts";

describe("fillLeadsPerDay", () => {
  it("when the API skips quiet days, then every one of the 14 days is present, oldest first", () => {
    const today = new Date(2026, 10, 22, 10);
    const days = fillLeadsPerDay(
      [
        { day: "2026-11-22", count: 5 },
        { day: "2026-11-10", count: "2" },
      ],
      today,
    );
    expect(days).toHaveLength(14);
    expect(days[0]).toEqual({ day: "2026-11-09", label: "9 Nov", count: 0 });
    expect(days[1].count).toBe(2);
    expect(days[13]).toEqual({ day: "2026-11-22", label: "22 Nov", count: 5 });
  });
  it("when the API's day is ahead of the browser's, then the axis ends on the API's day", () => {
    const days = fillLeadsPerDay([{ day: "2026-11-23", count: 1 }], new Date(2026, 10, 22, 23));
    expect(days.at(-1)).toMatchObject({ day: "2026-11-23", count: 1 });
    expect(days[0].day).toBe("2026-11-10");
  });
  it("when the API sent nothing, then the axis ends today", () => {
    expect(fillLeadsPerDay([], new Date(2026, 10, 22)).at(-1)?.day).toBe("2026-11-22");
  });
  it("when the day is a timestamp, then its date part is used", () => {
    const days = fillLeadsPerDay([{ day: "2026-11-22T00:00:00.000Z", count: 3 }], new Date(2026, 10, 22));
    expect(days[13].count).toBe(3);
  });
});

describe("statusBars", () => {
  it("when statuses come unordered, then they are in pipeline order with shares of the largest", () => {
    const bars = statusBars([
      { status: "lost", count: 2 },
      { status: "new", count: 8 },
      { status: "weird", count: 1 },
    ]);
    expect(bars.map((b) => b.status)).toEqual(["new", "contacted", "qualified", "nurturing", "converted", "unqualified", "lost", "weird"]);
    expect(bars[0].pct).toBe(100);
    expect(bars.find((b) => b.status === "lost")?.pct).toBe(25);
    expect(bars.at(-1)?.label).toBe("Weird");
  });
});

describe("sourceRows", () => {
  it("when there are many sources, then the tail folds into Other and blanks are Unknown", () => {
    const rows = sourceRows(
      [{ source: null, count: 1 }, ...["a", "b", "c", "d", "e", "f", "g", "h", "i"].map((s, i) => ({ source: s, count: 20 - i }))],
      3,
    );
    expect(rows.map((r) => r.source)).toEqual(["a", "b", "c", "Other"]);
    expect(rows[3].count).toBe(17 + 16 + 15 + 14 + 13 + 12 + 1);
  });
});

describe("number formats", () => {
  it("when counts are large, then Indian grouping; rates are percentages", () => {
    expect(formatCount(123456)).toBe("1,23,456");
    expect(formatCount("x")).toBe("—");
    expect(formatRate(0.125)).toBe("13%");
    expect(formatRate(0.034)).toBe("3.4%");
    expect(formatRate(0)).toBe("0%");
  });
});

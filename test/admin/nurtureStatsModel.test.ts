import { describe, expect, it } from "vitest";
import { type SequenceStats, exitRows, fillDaily, funnelRows, kpis, rate, statsRange } from "../../admin/src/nurture/statsModel.ts";

const stats: SequenceStats = {
  enrolled: 40,
  active: 12,
  completed: 20,
  exited: 8,
  sent: 80,
  opened: 36,
  clicked: 10,
  replied: 4,
  unsubscribed: 1,
  converted: 3,
  bounced: 2,
  unknown: 0,
  exits: { replied: 4, manual: 1, converted: 3, lost: 0 },
  steps: [
    { step: 1, type: "email", sent: 40, opened: 20, clicked: 6, replied: 2 },
    { step: 2, type: "wait", sent: 0, opened: 0, clicked: 0, replied: 0 },
    { step: 3, type: "email", sent: 40, opened: 16, clicked: 4, replied: 2 },
  ],
  daily: [{ date: "2026-12-01", sent: 5, opened: 2, clicked: 1, replied: 0 }],
};

describe("sequence stats", () => {
  it("when the tiles are built, then rates are of what was sent and nothing sent shows no rate", () => {
    const tiles = kpis(stats);
    expect(tiles.map((t) => t.key)).toEqual(["enrolled", "active", "sent", "opened", "clicked", "replied", "unsubscribed", "converted"]);
    expect(tiles.find((t) => t.key === "opened")).toMatchObject({ value: 36, hint: "45% of sent" });
    expect(tiles.find((t) => t.key === "converted")?.hint).toBe("8% of enrolled");
    expect(tiles.find((t) => t.key === "sent")?.hint).toBe("2 bounced · 0 unknown");
    expect(rate(3, 0)).toBeUndefined();
    expect(kpis({ ...stats, sent: 0 }).find((t) => t.key === "opened")?.hint).toBeUndefined();
  });

  it("when some days had no mail, then the chart still gets a row for each of them", () => {
    const rows = fillDaily(stats.daily, "2026-11-30", "2026-12-02");
    expect(rows.map((r) => [r.date, r.sent, r.label])).toEqual([
      ["2026-11-30", 0, "11/30"],
      ["2026-12-01", 5, "12/01"],
      ["2026-12-02", 0, "12/02"],
    ]);
    expect(statsRange(30, new Date("2026-12-02T10:00:00Z"))).toEqual({ from: "2026-11-03", to: "2026-12-02" });
  });

  it("when the funnel and exits are listed, then only email steps count and reasons go most common first", () => {
    expect(funnelRows(stats.steps).map((r) => r.label)).toEqual(["Step 1", "Step 3"]);
    // Before anything is sent the stats list no steps: the sequence's email steps still get a bar.
    expect(funnelRows([], [{ type: "email" }, { type: "wait" }, { type: "email" }]).map((r) => [r.label, r.sent])).toEqual([
      ["Step 1", 0],
      ["Step 3", 0],
    ]);
    expect(exitRows(stats.exits)).toEqual([
      { reason: "replied", count: 4 },
      { reason: "converted", count: 3 },
      { reason: "manual", count: 1 },
    ]);
    expect(exitRows(null)).toEqual([]);
  });
});

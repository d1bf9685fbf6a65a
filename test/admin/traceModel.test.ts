import { describe, expect, it } from "vitest";
import { formatDuration, traceGantt, traceOutcomeTone } from "../../admin/src/resources/leads/traceModel.ts";

describe("formatDuration", () => {
  it("when durations grow, then units follow", () => {
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(1234)).toBe("1.2 s");
    expect(formatDuration(12_400)).toBe("12 s");
    expect(formatDuration(125_000)).toBe("2 m 5 s");
    expect(formatDuration(-1)).toBe("—");
  });
});

describe("traceOutcomeTone", () => {
  it("when a job failed or retried, then red or amber; done is green; others grey", () => {
    expect(traceOutcomeTone("failed")).toBe("red");
    expect(traceOutcomeTone("retrying")).toBe("amber");
    expect(traceOutcomeTone("created")).toBe("green");
    expect(traceOutcomeTone("skipped")).toBe("grey");
  });
});

describe("traceGantt", () => {
  it("when jobs arrive out of order, then rows are oldest first on a shared axis", () => {
    const { rows, spanMs } = traceGantt([
      { id: 2, queue: "scoring", attempt: 1, outcome: "done", started_at: "2026-11-22T10:00:00.500Z", duration_ms: 500 },
      { id: 1, queue: "intake", attempt: 1, outcome: "created", started_at: "2026-11-22T10:00:00.000Z", duration_ms: 400 },
    ]);
    expect(spanMs).toBe(1000);
    expect(rows.map((r) => r.queue)).toEqual(["intake", "scoring"]);
    expect(rows[0]).toMatchObject({ offsetPct: 0, widthPct: 40 });
    expect(rows[1]).toMatchObject({ offsetPct: 50, widthPct: 50 });
  });
  it("when a job is tiny next to a long one, then its bar keeps a visible minimum width", () => {
    const { rows } = traceGantt([
      { id: 1, queue: "intake", attempt: 1, outcome: "done", started_at: "2026-11-22T10:00:00.000Z", duration_ms: 1 },
      { id: 2, queue: "nurture", attempt: 2, outcome: "failed", started_at: "2026-11-22T10:00:00.001Z", duration_ms: 10_000 },
    ]);
    expect(rows[0].widthPct).toBeGreaterThanOrEqual(1.5);
    expect(rows[1].offsetPct + rows[1].widthPct).toBeLessThanOrEqual(100);
  });
  it("when there are no jobs, then nothing", () => {
    expect(traceGantt([])).toEqual({ rows: [], spanMs: 0 });
  });
});

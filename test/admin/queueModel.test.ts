import { describe, expect, it } from "vitest";
import { type QueueRow, queueHealth, queueSegments, queueTotals } from "../../admin/src/queues/queueModel.ts";

const q = (over: Partial<Omit<QueueRow, "name">> & { name?: string } = {}): QueueRow => ({
  name: "intake",
  waiting: 0,
  active: 0,
  delayed: 0,
  failed: 0,
  completed: 0,
  ...over,
});

describe("queueSegments", () => {
  it("when counts are mixed, then widths add up to 100 and empty states are dropped", () => {
    const segs = queueSegments(q({ waiting: 50, completed: 50 }));
    expect(segs.map((s) => s.key)).toEqual(["waiting", "completed"]);
    expect(segs.reduce((sum, s) => sum + s.pct, 0)).toBeCloseTo(100, 0);
  });
  it("when one job failed among thousands, then its sliver stays visible", () => {
    const failed = queueSegments(q({ completed: 100_000, failed: 1 })).find((s) => s.key === "failed");
    expect(failed?.pct).toBeGreaterThanOrEqual(1.4);
  });
  it("when the queue is empty, then no segments", () => {
    expect(queueSegments(q())).toEqual([]);
  });
});

describe("queueHealth", () => {
  it("when failures exist, then that comes before paused and backlog", () => {
    expect(queueHealth(q({ failed: 1, paused: true })).label).toBe("Failures");
    expect(queueHealth(q({ paused: 1 })).label).toBe("Paused");
    expect(queueHealth(q({ waiting: 5000 })).label).toBe("Backlog");
    expect(queueHealth(q({ active: 1 })).label).toBe("Busy");
    expect(queueHealth(q()).label).toBe("Idle");
  });
});

describe("queueTotals", () => {
  it("when several queues report, then states are summed", () => {
    const total = queueTotals([q({ waiting: 2, failed: 1 }), q({ name: "scoring", waiting: 3, completed: 10 })]);
    expect(total).toMatchObject({ waiting: 5, failed: 1, completed: 10 });
  });
});

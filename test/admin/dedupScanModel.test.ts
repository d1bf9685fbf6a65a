import { describe, expect, it } from "vitest";
import { type DedupScan, isScanActive, runningScanId, scanProgress, scanSummary } from "../../admin/src/dedup/scanModel.ts";

const scan = (over: Partial<DedupScan>): DedupScan => ({
  id: "s1",
  status: "running",
  total: 0,
  processed: 0,
  merged: 0,
  reviews: 0,
  auto_merge: true,
  created_at: "2026-11-22T10:00:00Z",
  ...over,
});

describe("scanProgress", () => {
  it("when running, then processed over total; when done, then full even with nothing to read", () => {
    expect(scanProgress(scan({ total: 400, processed: 100 }))).toBe(25);
    expect(scanProgress(scan({ status: "queued" }))).toBe(0);
    expect(scanProgress(scan({ status: "done", total: 0 }))).toBe(100);
    expect(scanProgress(scan({ total: 10, processed: 12 }))).toBe(100);
  });
});

describe("isScanActive", () => {
  it("when queued or running, then the card keeps polling", () => {
    expect(isScanActive(scan({ status: "queued" }))).toBe(true);
    expect(isScanActive(scan({ status: "done" }))).toBe(false);
    expect(isScanActive(null)).toBe(false);
  });
});

describe("scanSummary", () => {
  it("when each state, then one sentence with the counts", () => {
    expect(scanSummary(scan({ total: 1500, processed: 200 }))).toBe("Checked 200 of 1,500 leads");
    expect(scanSummary(scan({ status: "done", processed: 1, merged: 0, reviews: 2 }))).toBe("Checked 1 lead: 0 merges, 2 reviews opened");
    expect(scanSummary(scan({ status: "failed", processed: 3, total: 9, error: "database down" }))).toContain("database down");
  });
});

describe("runningScanId", () => {
  it("when the API answers scan_running, then the id of the scan under way", () => {
    expect(runningScanId({ error: { code: "dedup_scan_running", message: "…", details: { id: "abc" } } })).toBe("abc");
    expect(runningScanId({ error: { code: "forbidden" } })).toBeNull();
    expect(runningScanId(null)).toBeNull();
  });
});

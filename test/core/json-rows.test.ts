import { describe, expect, it } from "vitest";
import { jsonRows } from "../../core/db.ts";

describe("rows as one JSON parameter", () => {
  it("when rows share Date objects, then the text is JSON.stringify's and the dates and rows are left as they were", () => {
    const now = new Date("2026-12-07T09:30:00.123Z");
    const other = new Date("2025-01-02T03:04:05.000Z");
    const frozen = Object.freeze(new Date("2024-06-01T00:00:00.000Z"));
    const rows = [
      { id: 1, created_at: now, updated_at: now, seen_at: other, data: { at: other, list: [now] } },
      { id: 2, created_at: now, updated_at: new Date(Number.NaN), seen_at: frozen, data: null },
    ];
    const before = JSON.stringify(rows);
    expect(jsonRows(rows)).toBe(before);
    expect(JSON.parse(jsonRows(rows))[0]).toMatchObject({ created_at: "2026-12-07T09:30:00.123Z", seen_at: "2025-01-02T03:04:05.000Z" });
    for (const d of [now, other, frozen]) expect(Object.hasOwn(d, "toJSON")).toBe(false);
    expect(rows[0].created_at).toBe(now);
    expect(JSON.stringify(rows)).toBe(before);
  });

  it("when a row cannot be written as JSON, then the dates are still given back as they were", () => {
    const now = new Date();
    const cyclic: Record<string, unknown> = { created_at: now };
    cyclic.self = cyclic;
    expect(() => jsonRows([cyclic])).toThrow();
    expect(Object.hasOwn(now, "toJSON")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { afterQuietHours, dueAfter, validZone } from "../../../core/nurture/timing.ts";

const step = (s: Partial<{ delay_minutes: number; business_days: number | null; until_time: string | null }>) => ({
  delay_minutes: 0,
  business_days: null,
  until_time: null,
  ...s,
});

describe("when a step is due", () => {
  it("adds minutes, then business days (skipping the weekend), then waits for a time of day in the lead's zone", () => {
    // Friday 16:00 in Kolkata.
    const fri = new Date("2026-12-04T10:30:00Z");
    expect(dueAfter(step({ delay_minutes: 90 }), fri, "Asia/Kolkata").toISOString()).toBe("2026-12-04T12:00:00.000Z");
    // Two business days from Friday: Tuesday, same time.
    expect(dueAfter(step({ business_days: 2 }), fri, "Asia/Kolkata").toISOString()).toBe("2026-12-08T10:30:00.000Z");
    // "Until 09:00" after Friday 16:00 is Saturday 09:00 IST.
    expect(dueAfter(step({ until_time: "09:00" }), fri, "Asia/Kolkata").toISOString()).toBe("2026-12-05T03:30:00.000Z");
    // One business day, then 09:00 their time: Monday 09:00 in New York.
    expect(dueAfter(step({ business_days: 1, until_time: "09:00" }), fri, "America/New_York").toISOString()).toBe(
      "2026-12-07T14:00:00.000Z",
    );
  });

  it("moves a send out of quiet hours, also across midnight, and leaves other times alone", () => {
    const quiet = { start: "21:00", end: "08:00" };
    // 23:30 IST → 08:00 IST next day.
    expect(afterQuietHours(new Date("2026-12-04T18:00:00Z"), quiet, "Asia/Kolkata").toISOString()).toBe("2026-12-05T02:30:00.000Z");
    // 06:00 IST → 08:00 IST the same day.
    expect(afterQuietHours(new Date("2026-12-04T00:30:00Z"), quiet, "Asia/Kolkata").toISOString()).toBe("2026-12-04T02:30:00.000Z");
    const noon = new Date("2026-12-04T06:30:00Z");
    expect(afterQuietHours(noon, quiet, "Asia/Kolkata")).toBe(noon);
    expect(afterQuietHours(noon, null, "Asia/Kolkata")).toBe(noon);
    expect(afterQuietHours(new Date("2026-12-04T07:30:00Z"), { start: "12:00", end: "14:00" }, "Asia/Kolkata").toISOString()).toBe(
      "2026-12-04T08:30:00.000Z",
    );
  });

  it("falls back to the tenant's zone when a lead's is not one", () => {
    expect(validZone("Asia/Dubai", "Asia/Kolkata")).toBe("Asia/Dubai");
    expect(validZone("Mars/Olympus", "Asia/Kolkata")).toBe("Asia/Kolkata");
    expect(validZone(null, "Asia/Kolkata")).toBe("Asia/Kolkata");
  });
});

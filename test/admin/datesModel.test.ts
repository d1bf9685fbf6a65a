import { describe, expect, it } from "vitest";
import { formatDate, formatDateRange, tenantLocale } from "../../admin/src/components/dates.ts";

describe("formatDate", () => {
  it("when the tenant is Indian, then a date reads day month year ('6 Dec 2026'), never US order", () => {
    expect(formatDate("2026-12-06", "en-IN")).toBe("6 Dec 2026");
    expect(formatDate("2026-12-06T11:54:00Z", "en-IN")).toMatch(/^6 Dec 2026$/);
    expect(formatDate("2026-12-06", "en-IN")).not.toContain("12/6");
  });

  it("when another locale is the tenant's, then its own order is used", () => {
    expect(formatDate("2026-12-06", "en-US")).toBe("Dec 6, 2026");
    expect(formatDate("2026-12-06", "en-GB")).toBe("6 Dec 2026");
  });

  it("when the time is asked for, then the day and the time of day are shown", () => {
    expect(formatDate(new Date(2026, 11, 6, 17, 24), "en-IN", { time: true })).toMatch(/^6 Dec 2026, 5:24\s?pm$/i);
  });

  it("when a date-only value is given, then it is that calendar day whatever the time zone", () => {
    expect(formatDate("2026-01-01", "en-IN")).toBe("1 Jan 2026");
  });

  it("when there is no date or it is unreadable, then nothing is shown", () => {
    expect(formatDate(null, "en-IN")).toBe("");
    expect(formatDate("", "en-IN")).toBe("");
    expect(formatDate("not a date", "en-IN")).toBe("");
  });

  it("when a range is shown, then both ends are in the same format", () => {
    expect(formatDateRange("2026-11-01", "2026-12-06", "en-IN")).toBe("1 Nov 2026 – 6 Dec 2026");
    expect(formatDateRange("2026-11-01", "", "en-IN")).toBe("1 Nov 2026");
  });
});

describe("tenantLocale", () => {
  it("when the session carries tenant_locale, then it is used; unset or unknown falls back to en-IN", () => {
    expect(tenantLocale({ tenant_locale: "en-US" })).toBe("en-US");
    expect(tenantLocale({ locale: "hi-IN" })).toBe("hi-IN");
    expect(tenantLocale(null)).toBe("en-IN");
    expect(tenantLocale({ tenant_locale: "" })).toBe("en-IN");
    expect(tenantLocale({ tenant_locale: "not a locale!!" })).toBe("en-IN");
  });
});

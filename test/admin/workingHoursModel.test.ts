import { describe, expect, it } from "vitest";
import {
  crossesMidnight,
  defaultWeek,
  weekErrors,
  weekFromApi,
  weekFromForm,
  weekSummary,
  weekToApi,
} from "../../admin/src/resources/users/workingHoursModel.ts";
import { timeZoneChoices } from "../../admin/src/resources/users/userModel.ts";

describe("working hours", () => {
  it("when the API has one span or several a day, then both read, and write back in the same shapes", () => {
    const stored = {
      mon: ["09:00", "18:00"],
      sat: [
        ["10:00", "13:00"],
        ["14:00", "16:00"],
      ],
    };
    const week = weekFromApi(stored)!;
    expect(week.mon).toEqual([["09:00", "18:00"]]);
    expect(week.sat).toHaveLength(2);
    expect(week.tue).toEqual([]);
    expect(weekToApi(week)).toEqual(stored);
  });

  it("when nothing is stored, then always available; an empty week in the form is every day off, not always", () => {
    expect(weekFromApi(null)).toBeNull();
    expect(weekFromApi({})).toBeNull();
    expect(weekFromApi("mon 9-5")).toBeNull();
    expect(weekToApi(null)).toBeNull();
    expect(weekFromForm({})).toEqual({ mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] });
    expect(weekErrors(weekFromForm({}))).toHaveProperty("week");
  });

  it("when a span is malformed or empty, then its day has the error; a night shift is allowed", () => {
    const week = {
      ...defaultWeek(),
      tue: [["09:00", "09:00"]] as [string, string][],
      wed: [["9am", "5pm"]] as [string, string][],
      sat: [["22:00", "06:00"]] as [string, string][],
    };
    expect(Object.keys(weekErrors(week)).sort()).toEqual(["tue", "wed"]);
    expect(crossesMidnight(["22:00", "06:00"])).toBe(true);
    expect(crossesMidnight(["09:00", "18:00"])).toBe(false);
  });

  it("when summarised, then days in a row with the same hours are joined", () => {
    expect(weekSummary(defaultWeek())).toBe("Mon–Fri 09:00–18:00");
    const week = {
      ...defaultWeek(),
      wed: [
        ["09:00", "13:00"],
        ["14:00", "18:00"],
      ] as [string, string][],
      sat: [["10:00", "14:00"]] as [string, string][],
    };
    expect(weekSummary(week)).toBe("Mon–Tue 09:00–18:00; Wed 09:00–13:00, 14:00–18:00; Thu–Fri 09:00–18:00; Sat 10:00–14:00");
    expect(weekSummary(null)).toBe("Always available");
  });

  it("when time zones are listed, then the common ones come first, once", () => {
    const zones = timeZoneChoices(["Africa/Abidjan", "Asia/Kolkata", "UTC"]).map((z) => z.id);
    expect(zones.slice(0, 2)).toEqual(["Asia/Kolkata", "Asia/Dubai"]);
    expect(zones.filter((z) => z === "Asia/Kolkata")).toHaveLength(1);
    expect(zones).toContain("Africa/Abidjan");
  });
});

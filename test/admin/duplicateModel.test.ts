import { describe, expect, it } from "vitest";
import {
  type ComparisonField,
  defaultPicks,
  formatFieldValue,
  isPickable,
  matchBand,
  mergePreview,
  mergeRequest,
  reasonTone,
  visibleRows,
} from "../../admin/src/resources/duplicate_reviews/duplicateModel.ts";

const row = (field: string, lead: unknown, candidate: unknown): ComparisonField => ({
  field,
  lead,
  candidate,
  differs:
    String(lead ?? "")
      .trim()
      .toLowerCase() !==
    String(candidate ?? "")
      .trim()
      .toLowerCase(),
});

// Ramesh (existing) and Rajesh (incoming) Kulkarni on one family phone.
const fields = [
  row("first_name", "Rajesh", "Ramesh"),
  row("last_name", "Kulkarni", "Kulkarni"),
  row("email", "rajesh.k@gmail.com", null),
  row("phone_e164", "+919822000001", "+919822000002"),
  row("alt_phone", null, null),
  row("company", null, "Kulkarni Traders"),
  row("city", "Nashik", "nashik "),
  row("message", null, null),
];

describe("defaultPicks", () => {
  it("when the records differ, then the existing lead's value is kept unless it has none", () => {
    expect(defaultPicks(fields)).toEqual({ first_name: "candidate", email: "lead", phone_e164: "candidate", company: "candidate" });
  });
});

describe("isPickable", () => {
  it("when only one side has a value, then there is nothing to choose (a merge only fills gaps)", () => {
    expect(isPickable(fields[0])).toBe(true);
    expect(isPickable(fields[2])).toBe(false);
    expect(isPickable(fields[1])).toBe(false);
  });
});

describe("mergeRequest", () => {
  it("when a reviewer picks the incoming first name, then every differing field is named with its side", () => {
    expect(mergeRequest(fields, { first_name: "lead" }, "candidate")).toEqual({
      survivor: "candidate",
      fields: { first_name: "lead", email: "lead", phone_e164: "candidate", company: "candidate" },
    });
  });
  it("when a pick names the blank side of a one-sided field, then the filled value still wins", () => {
    expect(mergeRequest(fields, { email: "candidate" }, "lead").fields.email).toBe("lead");
  });
});

describe("mergePreview", () => {
  it("when the existing lead survives, then picked values, filled gaps and the other phone as alternate", () => {
    const result = mergePreview(fields, { first_name: "lead" }, "candidate");
    expect(result).toMatchObject({
      first_name: "Rajesh",
      last_name: "Kulkarni",
      email: "rajesh.k@gmail.com",
      phone_e164: "+919822000002",
      alt_phone: "+919822000001",
      company: "Kulkarni Traders",
      city: "nashik ",
      message: null,
    });
  });
  it("when the kept phone is the other record's, then no alternate phone is added", () => {
    expect(mergePreview(fields, { phone_e164: "lead" }, "candidate")).toMatchObject({ phone_e164: "+919822000001", alt_phone: null });
  });
  it("when the incoming lead survives, then the picks still decide and its own same-ish values stay", () => {
    expect(mergePreview(fields, {}, "lead")).toMatchObject({
      city: "Nashik",
      first_name: "Ramesh",
      phone_e164: "+919822000002",
      alt_phone: null,
    });
  });
});

describe("visibleRows", () => {
  it("when empty fields are hidden, then only fields with a value on either side remain", () => {
    expect(visibleRows(fields, false).map((r) => r.field)).not.toContain("message");
    expect(visibleRows(fields, true)).toHaveLength(fields.length);
  });
});

describe("matchBand and reasonTone", () => {
  it("when scores come as numbers or strings, then a clamped percentage with a band", () => {
    expect(matchBand(0.72)).toEqual({ value: 72, label: "likely match", tone: "amber" });
    expect(matchBand("0.85").label).toBe("strong match");
    expect(matchBand(3).value).toBe(100);
    expect(matchBand(undefined)).toMatchObject({ value: 0, label: "weak match" });
  });
  it("when reasons name a contact, a name or a company, then they get the colour of that evidence", () => {
    expect(reasonTone("same phone")).toBe("blue");
    expect(reasonTone("name 0.92 similar (nickname)")).toBe("violet");
    expect(reasonTone("same company")).toBe("teal");
    expect(reasonTone("same city")).toBe("grey");
  });
});

describe("formatFieldValue", () => {
  it("when values are blank, lists or numbers, then one readable line", () => {
    expect(formatFieldValue("  ")).toBe("");
    expect(formatFieldValue(null)).toBe("");
    expect(formatFieldValue(["3BHK", "villa"])).toBe("3BHK, villa");
    expect(formatFieldValue(2500000)).toBe("2500000");
  });
});

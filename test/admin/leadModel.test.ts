import { describe, expect, it } from "vitest";
import {
  customFieldRows,
  customFieldsFromText,
  dayAndTime,
  endOfDayIso,
  formatBudget,
  leadDisplayName,
  leadInitials,
  safeExternalUrl,
  scoreBand,
  startOfDayIso,
  statusTone,
  toDayInput,
  validateJsonObject,
  validateLeadForm,
  LEAD_STATUSES,
  MY_LEADS_DEFAULTS,
  OPEN_LEAD_STATUSES,
  SETTABLE_LEAD_STATUSES,
} from "../../admin/src/resources/leads/leadModel.ts";
import { leadFormToPayload, splitFilled, tagsToText, textToTags, LEAD_FIELD_GROUPS } from "../../admin/src/resources/leads/leadFields.ts";

describe("leadDisplayName", () => {
  it("when the lead has a name, then it shows first and last name", () => {
    expect(leadDisplayName({ id: "1", first_name: " Priya ", last_name: "Sharma" })).toBe("Priya Sharma");
  });
  it("when the name is missing, then it falls back to email, company, then lead number", () => {
    expect(leadDisplayName({ id: "1", email: "a@b.in", company: "Acme" })).toBe("a@b.in");
    expect(leadDisplayName({ id: "1", company: "Acme" })).toBe("Acme");
    expect(leadDisplayName({ id: "1", lead_number: "LEAD-202611-00001" })).toBe("LEAD-202611-00001");
  });
  it("when the name holds markup, then it is returned as text, untouched (React escapes it)", () => {
    expect(leadDisplayName({ id: "1", first_name: "<script>alert(1)</script>" })).toBe("<script>alert(1)</script>");
  });
});

describe("leadInitials", () => {
  it("when the name is Latin, then it takes the first letter of two words", () => {
    expect(leadInitials({ id: "1", first_name: "rahul", last_name: "patil" })).toBe("RP");
  });
  it("when the name is Devanagari, then the first grapheme keeps its vowel sign", () => {
    expect(leadInitials({ id: "1", first_name: "सीमा", last_name: "राव" })).toBe("सीरा");
  });
  it("when the name starts with punctuation or markup, then the first letter is used", () => {
    expect(leadInitials({ id: "1", first_name: "<script>x", last_name: "(Mr) Rao" })).toBe("SM");
    expect(leadInitials({ id: "1", first_name: "!!!" })).toBe("!");
  });
});

describe("status and score", () => {
  it("when the status is known, then it has its tone; unknown stays grey", () => {
    expect(statusTone("converted")).toBe("green");
    expect(statusTone("lost")).toBe("red");
    expect(statusTone("bogus")).toBe("grey");
  });
  it("when scores are at band edges, then bands are cold < 40 <= warm < 70 <= hot, clamped to 0..100", () => {
    expect(scoreBand(39).label).toBe("cold");
    expect(scoreBand(40).label).toBe("warm");
    expect(scoreBand(70).label).toBe("hot");
    expect(scoreBand(150).value).toBe(100);
    expect(scoreBand(null).value).toBe(0);
  });
});

describe("formatBudget", () => {
  it("when the currency is INR, then it uses lakh grouping", () => {
    expect(formatBudget(1250000, "INR")).toBe("₹12,50,000");
  });
  it("when the amount is a numeric string from PostgreSQL numeric, then it is formatted", () => {
    expect(formatBudget("2500000.00", "INR")).toBe("₹25,00,000");
  });
  it("when the currency code is invalid, then it still reads", () => {
    expect(formatBudget(10, "XXXX")).toContain("XXXX");
  });
  it("when there is no amount, then a dash", () => {
    expect(formatBudget(null, "INR")).toBe("—");
  });
});

describe("customFieldRows", () => {
  it("when custom fields hold scalars and objects, then rows are sorted with JSON for objects", () => {
    expect(customFieldRows({ plot_size: "2400 sq ft", amenities: ["gym"], visit: null })).toEqual([
      { key: "amenities", label: "Amenities", value: '["gym"]' },
      { key: "plot_size", label: "Plot size", value: "2400 sq ft" },
      { key: "visit", label: "Visit", value: "—" },
    ]);
  });
  it("when custom fields are not an object, then no rows", () => {
    expect(customFieldRows(null)).toEqual([]);
    expect(customFieldRows([1])).toEqual([]);
  });
});

describe("date filters", () => {
  it("when a day is picked, then the range covers the whole local day", () => {
    const from = new Date(startOfDayIso("2026-11-22"));
    const to = new Date(endOfDayIso("2026-11-22"));
    expect([from.getHours(), from.getMinutes()]).toEqual([0, 0]);
    expect([to.getHours(), to.getMinutes(), to.getSeconds()]).toEqual([23, 59, 59]);
    expect(toDayInput(startOfDayIso("2026-11-22"))).toBe("2026-11-22");
    expect(toDayInput("2026-11-22")).toBe("2026-11-22");
    expect(toDayInput(undefined)).toBe("");
  });
});

describe("safeExternalUrl", () => {
  it("when the url is http(s) or a bare domain, then it is a link", () => {
    expect(safeExternalUrl("example.in")).toBe("https://example.in/");
    expect(safeExternalUrl("http://a.in/x")).toBe("http://a.in/x");
  });
  it("when the url uses another scheme, then no link", () => {
    expect(safeExternalUrl("javascript:alert(1)")).toBeNull();
    expect(safeExternalUrl("data:text/html,hi")).toBeNull();
    expect(safeExternalUrl("")).toBeNull();
  });
});

describe("validateLeadForm", () => {
  it("when there is no email and no phone, then email carries the error", () => {
    expect(validateLeadForm({ first_name: "Asha", company: "Acme" }).email).toMatch(/email or a phone/);
    expect(validateLeadForm({ phone: "+91 98200 12345" })).toEqual({});
  });
  it("when email, score or budget are wrong, then each has its message", () => {
    const errors = validateLeadForm({ email: "nope", lead_score: 120, budget: -5, custom_fields: "{oops" });
    expect(Object.keys(errors).sort()).toEqual(["budget", "custom_fields", "email", "lead_score"]);
  });
});

describe("lead form fields", () => {
  it("when tags round-trip through the text box, then duplicates and blanks are dropped", () => {
    expect(textToTags("vip, 3bhk, ,vip")).toEqual(["vip", "3bhk"]);
    expect(tagsToText(["vip", "3bhk"])).toBe("vip, 3bhk");
  });
  it("when custom fields JSON is invalid, then validation says so", () => {
    expect(validateJsonObject('{"a":1}')).toBeUndefined();
    expect(validateJsonObject({ a: 1 })).toBeUndefined();
    expect(validateJsonObject("")).toBeUndefined();
    expect(validateJsonObject("{oops")).toMatch(/JSON object/);
    expect(validateJsonObject("[1]")).toMatch(/JSON object/);
  });
  it("when the form is saved, then the typed custom fields become an object", () => {
    expect(leadFormToPayload({ first_name: "A", custom_fields: '{"plot": "2400 sq ft"}' })).toEqual({
      first_name: "A",
      custom_fields: { plot: "2400 sq ft" },
    });
    expect(leadFormToPayload({ custom_fields: "  " })).toEqual({ custom_fields: {} });
    expect(customFieldsFromText({ a: 1 })).toEqual({ a: 1 });
    expect(leadFormToPayload({ status: "new" })).toEqual({ status: "new" });
  });
  it("when the groups are listed, then every editable contract field appears exactly once", () => {
    const sources = LEAD_FIELD_GROUPS.flatMap((g) => g.fields.map((f) => f.source));
    expect(new Set(sources).size).toBe(sources.length);
    for (const field of ["gstin", "utm_campaign", "budget", "gdpr_consent", "dnd", "owner_id", "tags"]) {
      expect(sources).toContain(field);
    }
  });
});

describe("dayAndTime", () => {
  const now = new Date(2026, 10, 22, 12);
  it("when the date is this year, then day and month over a 12-hour time", () => {
    expect(dayAndTime(new Date(2026, 10, 22, 14, 5).toISOString(), now)).toEqual({ day: "22 Nov", time: "2:05 pm" });
    expect(dayAndTime(new Date(2026, 0, 3, 0, 30).toISOString(), now)).toEqual({ day: "3 Jan", time: "12:30 am" });
  });
  it("when the date is from another year, then the year shows; junk gives nothing", () => {
    expect(dayAndTime(new Date(2025, 11, 31, 9).toISOString(), now)?.day).toBe("31 Dec 2025");
    expect(dayAndTime("nope", now)).toBeNull();
  });
});

describe("splitFilled", () => {
  it("when a lead has some contact fields, then they come first and flags always count as filled", () => {
    const contact = LEAD_FIELD_GROUPS.find((g) => g.id === "contact")!;
    const { filled, empty } = splitFilled(contact, { first_name: "Asha", email: " ", city: "Pune", tags: [] });
    expect(filled.map((f) => f.source)).toEqual(["first_name", "city"]);
    expect(empty.length).toBe(contact.fields.length - 2);
    const consent = LEAD_FIELD_GROUPS.find((g) => g.id === "consent")!;
    expect(splitFilled(consent, {}).filled.map((f) => f.source)).toEqual(["gdpr_consent", "dnd", "is_duplicate"]);
  });
});

describe("statuses a person sets", () => {
  it("when a person picks a status, then converted is not offered (conversion sets it), and My leads opens on the open ones", () => {
    expect(SETTABLE_LEAD_STATUSES.map((s) => s.id)).toEqual(["new", "contacted", "qualified", "nurturing", "unqualified", "lost"]);
    expect(LEAD_STATUSES.map((s) => s.id)).toContain("converted");
    expect(OPEN_LEAD_STATUSES).toEqual(["new", "contacted", "qualified", "nurturing"]);
    expect(MY_LEADS_DEFAULTS).toEqual({ filter: { status: OPEN_LEAD_STATUSES }, sort: { field: "sla_due_at", order: "ASC" } });
  });
});

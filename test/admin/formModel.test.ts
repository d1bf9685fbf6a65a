import { describe, expect, it } from "vitest";
import {
  DEFAULT_FIELDS,
  type FormFieldDef,
  cleanFormFields,
  fieldNameFromLabel,
  formFieldProblems,
  formWritePayload,
  moveField,
  newField,
  normalizeOrigin,
  optionsFromText,
  removeField,
  uniqueFieldName,
  updateField,
  validateHoneypot,
  validateRedirectUrl,
} from "../../admin/src/resources/web_forms/formModel.ts";

const field = (over: Partial<FormFieldDef> = {}): FormFieldDef => ({
  name: "email",
  label: "Email",
  type: "email",
  required: false,
  ...over,
});

describe("fieldNameFromLabel", () => {
  it("when a label has spaces, accents and punctuation, then it becomes a snake_case name", () => {
    expect(fieldNameFromLabel("Your City?")).toBe("your_city");
    expect(fieldNameFromLabel("  Café  Name ")).toBe("cafe_name");
    expect(fieldNameFromLabel("Budget (₹ lakh)")).toBe("budget_lakh");
  });
  it("when a label is in another script, then no name is derived", () => {
    expect(fieldNameFromLabel("आपका नाम")).toBe("");
  });
});

describe("uniqueFieldName / newField", () => {
  it("when the name is taken, then a numbered one is chosen", () => {
    expect(uniqueFieldName("city", ["city", "city_2"])).toBe("city_3");
    expect(uniqueFieldName("", [])).toBe("field");
  });
  it("when a field is added, then it gets a free automatic name and no mapping", () => {
    const added = newField(DEFAULT_FIELDS);
    expect(added).toEqual({ name: "field_6", label: "", type: "text", required: false });
  });
});

describe("updateField", () => {
  it("when a new field is labelled, then its name follows the label and a lead field is guessed", () => {
    const fields = [...DEFAULT_FIELDS, newField(DEFAULT_FIELDS)];
    const next = updateField(fields, 5, { label: "City" });
    expect(next[5]).toMatchObject({ label: "City", name: "city", maps_to: "city" });
  });
  it("when the user typed the name, then relabelling keeps it", () => {
    const fields = [field({ name: "work_mail", label: "Email" })];
    expect(updateField(fields, 0, { label: "Work email" })[0].name).toBe("work_mail");
  });
  it("when the derived name is taken by another field, then it is numbered", () => {
    const fields = [field({ name: "city", label: "City" }), field({ name: "field_2", label: "" })];
    expect(updateField(fields, 1, { label: "City" })[1].name).toBe("city_2");
  });
  it("when a dropdown becomes a text field, then its options are dropped", () => {
    const fields = [field({ type: "select", options: ["a", "b"] })];
    expect(updateField(fields, 0, { type: "text" })[0].options).toBeUndefined();
  });
});

describe("moveField / removeField", () => {
  it("when moving within bounds, then the two fields swap", () => {
    expect(moveField(["a", "b", "c"], 1, -1)).toEqual(["b", "a", "c"]);
    expect(moveField(["a", "b", "c"], 1, 1)).toEqual(["a", "c", "b"]);
  });
  it("when moving past an end, then nothing changes", () => {
    expect(moveField(["a", "b"], 0, -1)).toEqual(["a", "b"]);
    expect(moveField(["a", "b"], 1, 1)).toEqual(["a", "b"]);
  });
  it("when removing, then only that index goes", () => {
    expect(removeField(["a", "b", "c"], 1)).toEqual(["a", "c"]);
  });
});

describe("optionsFromText", () => {
  it("when options are one per line or comma-separated, then both read the same", () => {
    expect(optionsFromText("1BHK\n2BHK\n\n 3BHK ")).toEqual(["1BHK", "2BHK", "3BHK"]);
    expect(optionsFromText("1BHK, 2BHK,3BHK")).toEqual(["1BHK", "2BHK", "3BHK"]);
  });
  it("when an option holds a comma on a multi-line list, then it stays whole", () => {
    expect(optionsFromText("Pune, Maharashtra\nMumbai")).toEqual(["Pune, Maharashtra", "Mumbai"]);
  });
});

describe("formFieldProblems", () => {
  it("when the default fields are used, then there is nothing to fix", () => {
    expect(formFieldProblems(DEFAULT_FIELDS)).toEqual([]);
  });
  it("when names clash, hold bad characters or equal the honeypot, then each is named", () => {
    const problems = formFieldProblems(
      [field(), field({ label: "Again" }), field({ name: "bad name", label: "Bad" }), field({ name: "website_url", label: "Trap" })],
      "website_url",
    );
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/Field 2 \(Again\).*already named "email"/);
    expect(problems[1]).toMatch(/letters, digits/);
    expect(problems[2]).toMatch(/spam trap/);
  });
  it("when a dropdown has no options or a mapping is unknown, then it is reported", () => {
    const problems = formFieldProblems([
      field(),
      field({ name: "bhk", type: "select", options: [" "] }),
      field({ name: "x", maps_to: "favourite_colour" }),
    ]);
    expect(problems.some((p) => /dropdown needs options/.test(p))).toBe(true);
    expect(problems.some((p) => /"favourite_colour" is not a lead field/.test(p))).toBe(true);
  });
  it("when no field can hold an email or a phone, then the form is refused", () => {
    expect(formFieldProblems([field({ name: "name", type: "text", maps_to: "name" })])).toEqual([
      "Add a field for an email or a phone number: a lead needs a way to reach them",
    ]);
  });
  it("when custom fields are mapped, then they are accepted", () => {
    expect(formFieldProblems([field(), field({ name: "plot", maps_to: "custom_fields.plot_size" })])).toEqual([]);
  });
});

describe("cleanFormFields", () => {
  it("when optional keys are empty, then they are left out (the API refuses nulls there)", () => {
    expect(cleanFormFields([{ name: " city ", label: " ", type: "text", required: false, maps_to: "", options: ["x"] }])).toEqual([
      { name: "city", type: "text", required: false },
    ]);
  });
  it("when a dropdown has blank options, then they are dropped", () => {
    expect(cleanFormFields([{ name: "bhk", label: "BHK", type: "select", required: true, options: ["1", " ", "2 "] }])).toEqual([
      { name: "bhk", label: "BHK", type: "select", required: true, options: ["1", "2"] },
    ]);
  });
});

describe("normalizeOrigin", () => {
  it("when a page address is given, then only its origin is kept", () => {
    expect(normalizeOrigin("https://www.example.com/contact?x=1")).toBe("https://www.example.com");
    expect(normalizeOrigin("www.example.in")).toBe("https://www.example.in");
    expect(normalizeOrigin("http://localhost:8080/")).toBe("http://localhost:8080");
    expect(normalizeOrigin("*")).toBe("*");
    expect(normalizeOrigin("localhost:8080")).toBe("https://localhost:8080");
  });
  it("when it is not an http(s) site, then it is refused", () => {
    expect(normalizeOrigin("ftp://example.com")).toBeNull();
    expect(normalizeOrigin("not a site")).toBeNull();
    expect(normalizeOrigin("javascript:alert(1)")).toBeNull();
  });
});

describe("formWritePayload", () => {
  it("when the form is saved, then computed columns go, blanks become null and lists are cleaned", () => {
    const payload = formWritePayload({
      id: "f1",
      key: "f_abc",
      last_submission_at: null,
      name: " Site visit ",
      description: "",
      redirect_url: "  ",
      campaign: "Diwali",
      is_active: true,
      allowed_origins: ["https://a.example/x", "https://a.example", "bogus value"],
      fields: [{ name: "email", label: "", type: "email", required: true }],
    });
    expect(payload).toEqual({
      name: "Site visit",
      description: null,
      redirect_url: null,
      campaign: "Diwali",
      is_active: true,
      allowed_origins: ["https://a.example"],
      fields: [{ name: "email", type: "email", required: true }],
    });
  });
});

describe("validators", () => {
  it("when the redirect is not an absolute http(s) URL, then it is refused", () => {
    expect(validateRedirectUrl("https://example.com/thanks")).toBeUndefined();
    expect(validateRedirectUrl(null)).toBeUndefined();
    expect(validateRedirectUrl("/thanks")).toMatch(/full address/);
    expect(validateRedirectUrl("javascript:alert(1)")).toMatch(/http/);
  });
  it("when the honeypot name has spaces, then it is refused", () => {
    expect(validateHoneypot("website_url")).toBeUndefined();
    expect(validateHoneypot("web site")).toBeDefined();
  });
});

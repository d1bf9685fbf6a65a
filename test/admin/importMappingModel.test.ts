import { describe, expect, it } from "vitest";
import {
  applyTemplate,
  customNameFor,
  customTarget,
  hasContactMapped,
  initialMapping,
  mappingPayload,
  mappingProblems,
  repeatedTargets,
  sampleValues,
  targetChoice,
} from "../../admin/src/resources/imports/mappingModel.ts";

const HEADERS = ["First Name", "Last Name", "Email", "Phone Number", "Company Name", "Lead Stage"];

describe("initialMapping", () => {
  it("when the import holds the proposal, then every header gets its target, unknown ones not mapped", () => {
    const proposed = { "First Name": "first_name", Email: "email", "Phone Number": "phone" };
    expect(initialMapping(HEADERS, { mapping: proposed, proposed_mapping: proposed })).toEqual({
      "First Name": "first_name",
      "Last Name": "",
      Email: "email",
      "Phone Number": "phone",
      "Company Name": "",
      "Lead Stage": "",
    });
  });
  it("when the import has no mapping yet, then the proposal", () => {
    expect(initialMapping(["Email"], { mapping: null, proposed_mapping: { Email: "email" } })).toEqual({ Email: "email" });
  });
});

describe("mappingPayload", () => {
  it("when columns are not mapped, then they are left out for the unmapped option to decide", () => {
    expect(mappingPayload({ Email: "email", City: "", Notes: "skip", Stage: "custom_fields.stage" })).toEqual({
      Email: "email",
      Notes: "skip",
      Stage: "custom_fields.stage",
    });
  });
});

describe("targetChoice and custom names", () => {
  it("when a target is given, then which of the four kinds it is", () => {
    expect(targetChoice("")).toBe("unmapped");
    expect(targetChoice("skip")).toBe("skip");
    expect(targetChoice("custom_fields.stage")).toBe("custom");
    expect(targetChoice("email")).toBe("field");
  });
  it("when a column is kept as a custom field, then a tidy name from its header", () => {
    expect(customNameFor("Lead Stage (HubSpot)")).toBe("lead_stage_hubspot");
    expect(customNameFor("Société")).toBe("societe");
    expect(customNameFor("***")).toBe("column");
    expect(customTarget("plot size")).toBe("custom_fields.plot_size");
  });
});

describe("hasContactMapped", () => {
  it("when neither email nor a phone is mapped, then false (every row would be rejected)", () => {
    expect(hasContactMapped({ "First Name": "first_name", City: "city" })).toBe(false);
    expect(hasContactMapped({ Mobile: "phone" })).toBe(true);
    expect(hasContactMapped({ Other: "alt_phone" })).toBe(true);
  });
});

describe("mappingProblems and repeatedTargets", () => {
  it("when a custom field has no name or a target is unknown, then a message for that header", () => {
    expect(mappingProblems({ A: "custom_fields.", B: "favourite_colour", C: "email", D: "", E: "skip" })).toEqual({
      A: "Name the custom field",
      B: '"favourite_colour" is not a lead field',
    });
  });
  it("when two columns fill one field, then it is named; skips may repeat", () => {
    expect(repeatedTargets({ Email: "email", "Work Email": "email", X: "skip", Y: "skip", Z: "", W: "" })).toEqual(["email"]);
  });
});

describe("applyTemplate", () => {
  it("when a template's headers match loosely, then those columns take its targets and the rest keep theirs", () => {
    const current = initialMapping(HEADERS, { proposed_mapping: { Email: "email" } });
    const { mapping, matched } = applyTemplate(HEADERS, current, {
      first_name: "first_name",
      "LEAD STAGE": "custom_fields.stage",
      Fax: "skip",
    });
    expect(matched).toBe(2);
    expect(mapping).toMatchObject({ "First Name": "first_name", "Lead Stage": "custom_fields.stage", Email: "email", "Last Name": "" });
    expect(mapping).not.toHaveProperty("Fax");
  });
});

describe("sampleValues", () => {
  it("when the preview has blanks and repeats, then a few distinct values, long ones clipped", () => {
    const preview = [
      ["a", "x"],
      ["", "x"],
      ["b", "x"],
      ["a", "y"],
      ["c", "z"],
      ["d", "w"],
    ];
    expect(sampleValues(preview, 0)).toEqual(["a", "b", "c"]);
    expect(sampleValues([['=HYPERLINK("http://x","y")']], 0, 3, 10)).toEqual(["=HYPERLIN…"]);
    expect(sampleValues([["a"]], 3)).toEqual([]);
  });
});

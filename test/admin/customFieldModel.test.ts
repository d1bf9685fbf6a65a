import { describe, expect, it } from "vitest";
import {
  type CustomFieldDefinition,
  customInputProps,
  definitionPayload,
  formatCustomValue,
  optionList,
  optionsToText,
  sortDefinitions,
  validateDefinition,
} from "../../admin/src/resources/custom_field_definitions/customFieldModel.ts";

const def = (over: Partial<CustomFieldDefinition>): CustomFieldDefinition => ({
  id: "1",
  record_type: "account",
  name: "plot_size",
  label: "Plot size",
  type: "text",
  ...over,
});

describe("customInputProps", () => {
  it("when a definition is required, then its input is bound under custom_fields with the API's own wording", () => {
    expect(customInputProps(def({ required: true, help: " In sq ft " }))).toEqual({
      kind: "text",
      source: "custom_fields.plot_size",
      label: "Plot size",
      helperText: "In sq ft",
      requiredMessage: "Plot size is required",
    });
  });

  it("when a definition is a choice, then its options become the select's choices", () => {
    const props = customInputProps(def({ name: "tier", label: "Tier", type: "select", options: ["Gold", "Silver"] }));
    expect(props.kind).toBe("select");
    expect(props.choices).toEqual([
      { id: "Gold", name: "Gold" },
      { id: "Silver", name: "Silver" },
    ]);
    expect(props.requiredMessage).toBeNull();
    expect(props.helperText).toBe(false);
  });

  it("when the type is unknown to the console, then it falls back to a text input", () => {
    expect(customInputProps(def({ type: "colour" as never })).kind).toBe("text");
  });
});

describe("sortDefinitions", () => {
  it("when positions tie, then labels decide", () => {
    const sorted = sortDefinitions([
      def({ label: "B", position: 10 }),
      def({ label: "A", position: 10 }),
      def({ label: "Z", position: 1 }),
    ]);
    expect(sorted.map((d) => d.label)).toEqual(["Z", "A", "B"]);
  });
});

describe("formatCustomValue", () => {
  it("when values are typed, then they read as a person says them", () => {
    expect(formatCustomValue({ type: "boolean" }, true)).toBe("Yes");
    expect(formatCustomValue({ type: "boolean" }, false)).toBe("No");
    expect(formatCustomValue({ type: "number" }, 1250000)).toBe("12,50,000");
    expect(formatCustomValue({ type: "date" }, "2026-12-01")).toBe("1 Dec 2026");
    expect(formatCustomValue({ type: "select" }, "Gold")).toBe("Gold");
  });

  it("when nothing is stored, then nothing is shown", () => {
    expect(formatCustomValue({ type: "text" }, null)).toBe("");
    expect(formatCustomValue({ type: "text" }, "")).toBe("");
    expect(formatCustomValue({ type: "boolean" }, undefined)).toBe("");
  });
});

describe("definitionPayload", () => {
  it("when a choice is saved, then its options go as a trimmed list without blanks or repeats", () => {
    expect(optionList(" Gold \n\nSilver\nGold")).toEqual(["Gold", "Silver"]);
    expect(optionsToText(["Gold", "Silver"])).toBe("Gold\nSilver");
    expect(definitionPayload({ type: "select", options: "Gold\n Silver ", help: "  ", required: undefined })).toEqual({
      type: "select",
      options: ["Gold", "Silver"],
      help: null,
      required: false,
    });
  });

  it("when the type is not a choice, then options are left out", () => {
    expect(definitionPayload({ type: "number", options: "x", help: "Sq ft", required: true })).toEqual({
      type: "number",
      help: "Sq ft",
      required: true,
    });
  });
});

describe("validateDefinition", () => {
  it("when the key is not snake_case or a choice has no options, then the form says so", () => {
    const errors = validateDefinition({ record_type: "lead", name: "Plot Size", label: "Plot size", type: "select", options: "\n" });
    expect(Object.keys(errors).sort()).toEqual(["name", "options"]);
    expect(validateDefinition({ record_type: "lead", name: "plot_size", label: "Plot size", type: "text" })).toEqual({});
  });
});

import { describe, expect, it } from "vitest";
import {
  type ConversionPlan,
  initialEdits,
  overridesFrom,
  previewLines,
  valueError,
} from "../../admin/src/resources/leads/convertModel.ts";

const plan = (over: Partial<ConversionPlan> = {}): ConversionPlan => ({
  lead: { id: "l1", lead_number: "LEAD-202612-00001", name: "Rohan Kulkarni", converted: false },
  account: { action: "create", id: null, name: "Sahyadri Infra Pvt Ltd", matched_by: null },
  contact: { action: "create", id: null, name: "Rohan Kulkarni", email: "rohan@sahyadri.in", phone: "+919820012345" },
  opportunity: {
    name: "Sahyadri Infra Pvt Ltd – Warehouse lease",
    value: 4500000,
    currency: "INR",
    stage_id: "q",
    stage: "Qualification",
    probability: 10,
    owner_id: null,
  },
  ...over,
});

describe("conversion preview wording", () => {
  it("when everything is new, then each line says what will be created, the deal with its stage and value in rupees", () => {
    expect(previewLines(plan()).map((l) => [l.kind, l.action, l.text])).toEqual([
      ["account", "create", "Create the account “Sahyadri Infra Pvt Ltd”"],
      ["contact", "create", "Create the contact “Rohan Kulkarni” (rohan@sahyadri.in · +919820012345)"],
      ["opportunity", "create", "Open the deal “Sahyadri Infra Pvt Ltd – Warehouse lease” in Qualification, worth ₹45,00,000"],
    ]);
  });

  it("when the account and contact exist, then the lines say they are reused and why the account matched", () => {
    const lines = previewLines(
      plan({
        account: { action: "match", id: "a1", name: "Kaveri Textiles", matched_by: "gstin" },
        contact: { action: "match", id: "c1", name: "Anil Rao", email: null, phone: null },
      }),
    );
    expect(lines[0].text).toBe("Add to the existing account “Kaveri Textiles” (same GSTIN)");
    expect(lines[1].text).toBe("Use the contact “Anil Rao” already at that account");
  });

  it("when the person edits the deal, then the deal line follows the edits", () => {
    const line = previewLines(plan(), { name: "Pune warehouse", value: "", stage_id: "p" }, "Proposal")[2];
    expect(line.text).toBe("Open the deal “Pune warehouse” in Proposal, no value yet");
    expect(previewLines(plan(), { name: " ", value: "12,00,000", stage_id: "q" })[2].text).toBe(
      "Open the deal “Sahyadri Infra Pvt Ltd – Warehouse lease” in Qualification, worth ₹12,00,000",
    );
  });
});

describe("conversion overrides", () => {
  it("when nothing is changed, then nothing is overridden and the API's plan stands", () => {
    expect(overridesFrom(plan(), initialEdits(plan()))).toEqual({});
  });
  it("when the name, value and stage are changed, then exactly those are sent, the value as a number", () => {
    expect(overridesFrom(plan(), { name: " Pune warehouse ", value: "₹ 50,00,000", stage_id: "p" })).toEqual({
      opportunity_name: "Pune warehouse",
      value: 5000000,
      stage_id: "p",
    });
    expect(overridesFrom(plan(), { ...initialEdits(plan()), value: "" })).toEqual({ value: null });
  });
  it("when the value typed is not an amount, then the dialog says so", () => {
    expect(valueError("45,00,000")).toBeNull();
    expect(valueError("")).toBeNull();
    expect(valueError("lots")).toBe("An amount, e.g. 4500000 or 45,00,000");
    expect(valueError("-5")).toBe("An amount, e.g. 4500000 or 45,00,000");
  });
});

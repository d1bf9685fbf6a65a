import { describe, expect, it } from "vitest";
import { conversionRulePayload, validateConversionRule } from "../../admin/src/resources/conversion_rules/conversionRuleModel.ts";

describe("conversion rules", () => {
  it("when a rule has no checks, then it is refused: it would convert every lead", () => {
    expect(validateConversionRule({ name: "All", condition: { all: [] } }).form).toEqual({
      condition: "Add at least one check: a rule without checks would convert every lead",
    });
    expect(validateConversionRule({ name: "", condition: { all: [{ field: "status", op: "eq", value: "contacted" }] } }).form).toEqual({
      name: "A rule needs a name",
    });
  });
  it("when a check is incomplete, then the form says so and the builder gets the check's error", () => {
    const { form, condition } = validateConversionRule({ name: "Budget", condition: { all: [{ field: "budget", op: "gte", value: "" }] } });
    expect(form).toEqual({ condition: "Some checks are incomplete" });
    expect(Object.keys(condition)).toEqual(["0"]);
  });
  it("when a rule is saved, then numbers typed for number fields are sent as numbers and active defaults on", () => {
    expect(conversionRulePayload({ id: "x", name: "Hot", condition: { all: [{ field: "lead_score", op: "gte", value: "70" }] } })).toEqual({
      name: "Hot",
      active: true,
      condition: { all: [{ field: "lead_score", op: "gte", value: 70 }] },
    });
  });
});

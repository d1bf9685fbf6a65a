import { describe, expect, it } from "vitest";
import {
  type Group,
  addCheck,
  addGroup,
  asCondition,
  changeField,
  changeOp,
  conditionErrors,
  describeCondition,
  fieldFromInput,
  nodeAt,
  normaliseCondition,
  opsFor,
  removeAt,
  setCheck,
  setJoin,
} from "../../admin/src/rules/conditionModel.ts";
import { explainRows } from "../../admin/src/rules/explainModel.ts";

const referralInPune: Group = {
  all: [
    { field: "source", op: "eq", value: "referral" },
    {
      any: [
        { field: "city", op: "eq", value: "Pune" },
        { field: "city", op: "eq", value: "Mumbai" },
      ],
    },
  ],
};

describe("tree edits", () => {
  it("when a check and a group are added to the top group, then the nested group joins the other way", () => {
    const tree = addGroup(addCheck({ all: [] }, []), []);
    expect(tree).toEqual({ all: [{ field: "source", op: "eq", value: "" }, { any: [{ field: "source", op: "eq", value: "" }] }] });
    expect(nodeAt(tree, [1, 0])).toEqual({ field: "source", op: "eq", value: "" });
  });

  it("when a nested check is replaced or removed, then only that node changes and the input is untouched", () => {
    const edited = setCheck(referralInPune, [1, 1], { field: "city", op: "eq", value: "Nashik" });
    expect(describeCondition(edited)).toBe("Source is referral and (City is Pune or City is Nashik)");
    expect(describeCondition(referralInPune)).toBe("Source is referral and (City is Pune or City is Mumbai)");
    expect(describeCondition(removeAt(referralInPune, [1]))).toBe("Source is referral");
    expect(removeAt(referralInPune, [])).toEqual({ all: [] });
  });

  it("when the join of a group flips, then its checks stay", () => {
    expect(setJoin(referralInPune, [], "any")).toEqual({ any: referralInPune.all });
    expect(describeCondition(setJoin(referralInPune, [1], "all"))).toContain("(City is Pune and City is Mumbai)");
  });
});

describe("operators and values", () => {
  it("when the operator becomes a list one, then the typed value is the first chip, and back", () => {
    const list = changeOp({ field: "city", op: "eq", value: "Pune" }, "in");
    expect(list).toEqual({ field: "city", op: "in", value: ["Pune"] });
    expect(changeOp(list, "neq")).toEqual({ field: "city", op: "neq", value: "Pune" });
    expect(changeOp({ field: "city", op: "eq", value: "" }, "not_in").value).toEqual([]);
    expect(changeOp(list, "empty")).toEqual({ field: "city", op: "empty" });
  });

  it("when the field changes to a yes/no one, then the operator is one it has and the value a boolean", () => {
    expect(changeField({ field: "company", op: "contains", value: "Infra" }, "is_free_mail")).toEqual({
      field: "is_free_mail",
      op: "eq",
      value: true,
    });
    expect(changeField({ field: "city", op: "in", value: ["Pune"] }, "state")).toEqual({ field: "state", op: "in", value: ["Pune"] });
    expect(opsFor("budget").map((o) => o.op)).toContain("gte");
    expect(opsFor("tags").find((o) => o.op === "eq")?.label).toBe("has");
  });

  it("when a field is typed, then a known label or id maps to its column, anything else to a custom field", () => {
    expect(fieldFromInput("Budget")).toBe("budget");
    expect(fieldFromInput("email_domain")).toBe("email_domain");
    expect(fieldFromInput("custom_fields.plot_size")).toBe("custom_fields.plot_size");
    expect(fieldFromInput("plot size")).toBe("custom_fields.plot size");
  });

  it("when saved, then numbers in number fields and yes/no become typed, text is trimmed", () => {
    const cond: Group = {
      all: [
        { field: "budget", op: "gte", value: " 500000 " },
        { field: "city", op: "in", value: [" Pune", "411001"] },
        { field: "dnd", op: "eq", value: "false" },
      ],
    };
    expect(normaliseCondition(cond)).toEqual({
      all: [
        { field: "budget", op: "gte", value: 500000 },
        { field: "city", op: "in", value: ["Pune", "411001"] },
        { field: "dnd", op: "eq", value: false },
      ],
    });
  });
});

describe("conditionErrors", () => {
  it("when checks are incomplete, then each is named by its path; an empty top group is fine", () => {
    expect(conditionErrors({ all: [] })).toEqual({});
    const errors = conditionErrors({
      all: [
        { field: "city", op: "eq", value: " " },
        { field: "budget", op: "gt", value: "5 lakh" },
        { any: [] },
        { field: "tags", op: "in", value: [] },
        { field: "Bad Field", op: "empty" },
      ],
    });
    expect(errors).toEqual({
      "0": "Enter a value",
      "1": "Enter a number",
      "2": expect.stringContaining("empty group"),
      "3": "Add at least one value",
      "4": "Pick a field",
    });
  });
});

describe("describeCondition and asCondition", () => {
  it("when a condition is empty or malformed, then it reads as every lead", () => {
    expect(describeCondition({ all: [] })).toBe("Every lead");
    expect(describeCondition({ any: [] })).toBe("No lead");
    expect(asCondition(null)).toEqual({ all: [] });
    expect(asCondition({ any: [{ field: "city", op: "empty" }] })).toEqual({ any: [{ field: "city", op: "empty" }] });
    expect(
      describeCondition({
        all: [
          { field: "tags", op: "in", value: ["vip", "nri"] },
          { field: "custom_fields.plot", op: "not_empty" },
        ],
      }),
    ).toBe("Tags has any of vip, nri and Custom: plot is not empty");
  });
});

describe("explainRows", () => {
  it("when the API explains a verdict, then each check is a row indented under its group with the lead's value", () => {
    const rows = explainRows({
      matched: false,
      op: "all",
      parts: [
        { field: "source", op: "eq", value: "referral", actual: "website", matched: false },
        {
          op: "any",
          matched: true,
          parts: [
            { field: "is_free_mail", op: "eq", value: true, actual: null, matched: false },
            { field: "budget", op: "gte", value: 500000, actual: "750000", matched: true },
          ],
        },
      ],
    });
    expect(rows).toEqual([
      { depth: 0, matched: false, text: "All of these" },
      { depth: 1, matched: false, text: "Source is referral", actual: "website" },
      { depth: 1, matched: true, text: "Any of these" },
      { depth: 2, matched: false, text: "Free mail (Gmail, Yahoo…) is yes", actual: "not set" },
      { depth: 2, matched: true, text: "Budget is at least 500000", actual: "750000" },
    ]);
  });
});

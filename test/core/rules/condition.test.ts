import { describe, expect, it } from "vitest";
import { compileCondition, conditionSchema, explainCondition, type Condition } from "../../../core/rules/condition.ts";

const now = new Date("2026-12-01T10:00:00Z");
const lead = {
  first_name: "Asha",
  email: "Asha.Patil@Gmail.com",
  source: "Referral",
  country: "IN",
  state: "Maharashtra",
  city: "Pune",
  postal_code: "411001",
  budget: 750000,
  authority: "Decision maker",
  tags: ["Diwali", "expo-2026"],
  custom_fields: { product: "Solar Rooftop" },
  company: null,
  created_at: "2026-11-01T10:00:00Z",
  last_activity_at: "2026-11-21T10:00:00Z",
};
const holds = (c: Condition, l: Record<string, unknown> = lead) => compileCondition(conditionSchema.parse(c))(l, now);

describe("conditions", () => {
  it.each([
    [{ field: "source", op: "eq", value: "referral" }, true],
    [{ field: "source", op: "eq", value: " REFERRAL " }, true],
    [{ field: "source", op: "neq", value: "referral" }, false],
    [{ field: "country", op: "in", value: ["IN", "AE"] }, true],
    [{ field: "country", op: "not_in", value: ["IN", "AE"] }, false],
    [{ field: "authority", op: "contains", value: "decision" }, true],
    [{ field: "budget", op: "gte", value: 500000 }, true],
    [{ field: "budget", op: "gte", value: "500000" }, true],
    [{ field: "budget", op: "lt", value: 500000 }, false],
    [{ field: "postal_code", op: "gte", value: 411000 }, true],
    [{ field: "postal_code", op: "lte", value: "411099" }, true],
    [{ field: "company", op: "empty" }, true],
    [{ field: "company", op: "not_empty" }, false],
    [{ field: "tags", op: "eq", value: "diwali" }, true],
    [{ field: "tags", op: "contains", value: "expo" }, true],
    [{ field: "tags", op: "not_contains", value: "expo" }, false],
    [{ field: "custom_fields.product", op: "contains", value: "solar" }, true],
    [{ field: "email_domain", op: "eq", value: "gmail.com" }, true],
    [{ field: "is_free_mail", op: "eq", value: true }, true],
    [{ field: "idle_days", op: "gte", value: 7 }, true],
    [{ field: "age_days", op: "lt", value: 30 }, false],
    [{ field: "created_at", op: "gte", value: "2026-10-15" }, true],
  ])("when %j is checked, then it holds: %s", (check, expected) => {
    expect(holds({ all: [check as never] })).toBe(expected);
  });

  it("when nested all/any are combined, then they read as written", () => {
    const c: Condition = {
      any: [
        {
          all: [
            { field: "country", op: "eq", value: "IN" },
            { field: "state", op: "in", value: ["Maharashtra", "Goa"] },
          ],
        },
        { field: "source", op: "eq", value: "partner" },
      ],
    };
    expect(holds(c)).toBe(true);
    expect(holds(c, { ...lead, state: "Kerala" })).toBe(false);
    expect(holds(c, { ...lead, state: "Kerala", source: "Partner" })).toBe(true);
  });

  it("when the condition is empty, then all holds and any does not", () => {
    expect(holds({ all: [] })).toBe(true);
    expect(holds({ any: [] })).toBe(false);
  });

  it("when a field is missing, then comparisons fail and empty holds", () => {
    expect(holds({ all: [{ field: "budget", op: "gt", value: 0 }] }, {})).toBe(false);
    expect(holds({ all: [{ field: "budget", op: "neq", value: 5 }] }, {})).toBe(true);
    expect(holds({ all: [{ field: "budget", op: "empty" }] }, {})).toBe(true);
  });

  it("when a company address is used, then it is not free mail", () => {
    expect(holds({ all: [{ field: "is_free_mail", op: "eq", value: false }] }, { email: "ravi@tatasteel.com" })).toBe(true);
    expect(holds({ all: [{ field: "is_free_mail", op: "eq", value: true }] }, { email: "ravi@rediffmail.com" })).toBe(true);
  });

  it.each([
    { all: [{ field: "x", op: "between", value: 1 }] },
    { all: [{ field: "country", op: "in", value: "IN" }] },
    { all: [{ field: "country", op: "eq" }] },
    { all: [{ field: "Country Name", op: "eq", value: "IN" }] },
    { every: [] },
  ] as unknown[])("when %j is given, then it is refused", (c) => {
    expect(conditionSchema.safeParse(c).success).toBe(false);
  });

  it("when explained, then each check says what the lead had", () => {
    const e = explainCondition(
      {
        all: [
          { field: "budget", op: "gte", value: 1000000 },
          { field: "source", op: "eq", value: "referral" },
        ],
      },
      lead,
      now,
    );
    expect(e.matched).toBe(false);
    expect(e.parts).toEqual([
      { field: "budget", op: "gte", value: 1000000, actual: 750000, matched: false },
      { field: "source", op: "eq", value: "referral", actual: "Referral", matched: true },
    ]);
  });
});

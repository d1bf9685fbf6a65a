import { afterAll, beforeAll, expect, it } from "vitest";
import { startStack, type Stack } from "../support/stack.ts";
import { json, tag, writes } from "../support/json-api.ts";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});
const { post } = writes(() => stack);

it("when custom fields are defined for leads, then lead writes are checked against them and bad ones answer 422 naming the field", async () => {
  expect(
    (
      await stack.api("/custom_field_definitions", {
        method: "POST",
        json: { record_type: "lead", name: "Project Type", label: "x", type: "text" },
      })
    ).status,
  ).toBe(422);
  await post("/custom_field_definitions", {
    record_type: "lead",
    name: "project_type",
    label: "Project type",
    type: "select",
    options: ["Villa", "Apartment"],
    required: true,
  });
  await post("/custom_field_definitions", { record_type: "lead", name: "site_visit_on", label: "Site visit", type: "date" });
  const lead = (extra: unknown) =>
    stack.api("/leads", { method: "POST", json: { first_name: "Custom", email: `custom.${tag()}@x.in`, custom_fields: extra } });

  const missing = await json(lead({}), 422);
  expect(missing.error).toMatchObject({ code: "invalid_custom_fields", message: "Project type is required" });
  const wrong = await json(lead({ project_type: "Castle", site_visit_on: "soon" }), 422);
  expect(wrong.error.details).toEqual([
    { path: "custom_fields.project_type", message: "Project type must be one of Villa, Apartment" },
    { path: "custom_fields.site_visit_on", message: "Site visit must be a date (YYYY-MM-DD)" },
  ]);
  const ok = await json(lead({ project_type: "Villa", site_visit_on: "2026-12-12", brochure: "sent" }), 201);
  expect(ok.custom_fields).toEqual({ project_type: "Villa", site_visit_on: "2026-12-12", brochure: "sent" });
  // An update that leaves custom fields alone is not checked again.
  expect((await stack.api(`/leads/${ok.id}`, { method: "PUT", json: { city: "Pune" } })).status).toBe(200);
});

it("when an account type has a required custom field, then accounts are checked too", async () => {
  await post("/custom_field_definitions", {
    record_type: "account",
    name: "employees",
    label: "Employees",
    type: "number",
    required: true,
  });
  const bad = await json(
    stack.api("/accounts", { method: "POST", json: { name: `Acme ${tag()}`, custom_fields: { employees: "many" } } }),
    422,
  );
  expect(bad.error.message).toBe("Employees must be a number");
  expect((await post("/accounts", { name: `Acme ${tag()}`, custom_fields: { employees: 120 } })).custom_fields).toEqual({ employees: 120 });
});

import { describe, expect, it } from "vitest";
import { apiErrorMessage, apiResourceName, exportCsvPath, fieldErrorsFrom, writablePayload } from "../../admin/src/data/apiModel.ts";
import { parseStoredUser, permissionsOf, userInitials } from "../../admin/src/auth/sessionModel.ts";
import { byteSize, describeEventError, payloadText } from "../../admin/src/resources/inbound_events/inboundEventModel.ts";
import { ingestCurlExample, secretsFromCreateResponse } from "../../admin/src/resources/partners/partnerModel.ts";
import { LEAD_READ_ONLY_FIELDS } from "../../admin/src/resources/leads/leadModel.ts";
import { humanize, labelOf, toneOf } from "../../admin/src/components/toneModel.ts";

describe("apiErrorMessage", () => {
  it("when the API answers its error shape, then its message is shown", () => {
    expect(apiErrorMessage({ error: { code: "invalid_credentials", message: "Wrong email or password" } }, "Unauthorized")).toBe(
      "Wrong email or password",
    );
    expect(apiErrorMessage({ error: { code: "lead_not_found" } }, "Not Found")).toBe("lead_not_found");
  });
  it("when the body is not JSON, then the status text", () => {
    expect(apiErrorMessage("<html>", "Bad Gateway")).toBe("Bad Gateway");
    expect(apiErrorMessage(null, "")).toBe("Request failed");
  });
});

describe("fieldErrorsFrom", () => {
  it("when the API lists failing paths, then each input gets its first message", () => {
    const body = {
      error: {
        code: "validation_failed",
        details: [
          { path: "email", message: "a lead needs an email or a phone" },
          { path: ["custom_fields", "size"], message: "too long" },
          { path: "email", message: "second" },
        ],
      },
    };
    expect(fieldErrorsFrom(body)).toEqual({ email: "a lead needs an email or a phone", "custom_fields.size": "too long" });
  });
  it("when there are no details, then nothing", () => {
    expect(fieldErrorsFrom({ error: { code: "x" } })).toBeNull();
    expect(fieldErrorsFrom("text")).toBeNull();
  });
});

describe("writablePayload", () => {
  it("when a lead is saved, then computed columns are not sent back", () => {
    const out = writablePayload(
      "leads",
      { id: "x", lead_number: "LEAD-1", phone_e164: "+91", first_name: "A", created_at: "t", status: "new" },
      { leads: LEAD_READ_ONLY_FIELDS },
    );
    expect(out).toEqual({ first_name: "A", status: "new" });
  });
  it("when a user is saved, then last_login_at stays server-side", () => {
    expect(writablePayload("users", { id: "1", name: "B", last_login_at: "t" })).toEqual({ name: "B" });
  });
});

describe("session", () => {
  it("when storage holds garbage, then signed out", () => {
    expect(parseStoredUser(null)).toBeNull();
    expect(parseStoredUser("{oops")).toBeNull();
    expect(parseStoredUser('"str"')).toBeNull();
  });
  it("when storage holds a user, then permissions follow role and platform flag", () => {
    const user = parseStoredUser(
      JSON.stringify({ id: "u1", name: "Asha", email: "a@x.in", role: "admin", tenant_id: "t", is_platform_admin: true }),
    );
    expect(permissionsOf(user)).toEqual({ role: "admin", isPlatformAdmin: true, canManageUsers: true });
    expect(permissionsOf(null).isPlatformAdmin).toBe(false);
    expect(userInitials("Asha Rani Verma")).toBe("AR");
  });
});

describe("inbound events", () => {
  it("when the payload is JSON, then it is pretty-printed; else raw text is shown", () => {
    expect(payloadText({ a: 1 }, "ignored")).toEqual({ text: '{\n  "a": 1\n}', kind: "json" });
    expect(payloadText(null, "name=A&x=<b>")).toEqual({ text: "name=A&x=<b>", kind: "raw" });
    expect(payloadText(null, null).kind).toBe("none");
  });
  it("when the error is a string or an object, then both describe", () => {
    expect(describeEventError("boom")).toEqual({ message: "boom" });
    expect(describeEventError({ code: "lead_invalid_email", message: "bad" })).toMatchObject({ code: "lead_invalid_email" });
    expect(describeEventError(null)).toBeNull();
  });
  it("when sizes are computed, then bytes not characters", () => {
    expect(byteSize("ए")).toBe("3 B");
    expect(byteSize("x".repeat(2048))).toBe("2.0 kB");
  });
});

describe("partners", () => {
  it("when the create response carries credentials, then both are extracted", () => {
    expect(secretsFromCreateResponse({ id: "p", apiKey: "k", signingSecret: "s" })).toEqual({ apiKey: "k", signingSecret: "s" });
    expect(secretsFromCreateResponse({ id: "p" })).toBeNull();
  });
  it("when the curl example is built, then it targets /ingest/leads with the key", () => {
    const curl = ingestCurlExample("https://crm.example.in/", "lh_123");
    expect(curl).toContain("https://crm.example.in/ingest/leads");
    expect(curl).toContain("Bearer lh_123");
  });
});

describe("tones", () => {
  it("when a value is unknown, then grey and humanised", () => {
    const choices = [{ id: "a", name: "Alpha", tone: "green" as const }];
    expect(toneOf(choices, "a")).toBe("green");
    expect(toneOf(choices, "b")).toBe("grey");
    expect(labelOf(choices, "flagged_duplicate")).toBe("Flagged duplicate");
    expect(labelOf(choices, null)).toBe("—");
    expect(humanize("utmSource")).toBe("Utm source");
  });
});

describe("apiResourceName", () => {
  it("when the console lists web forms, then it asks the API for forms (the console cannot live under /forms)", () => {
    expect(apiResourceName("web_forms")).toBe("forms");
    expect(apiResourceName("leads")).toBe("leads");
  });
  it("when a form is saved, then its key and submission time are not sent back", () => {
    expect(writablePayload("forms", { id: "1", key: "f_x", last_submission_at: null, name: "A" })).toEqual({ name: "A" });
  });
});

describe("exportCsvPath", () => {
  it("when a list is filtered and sorted, then the export gets the same filter and sort as simple-rest sends", () => {
    const url = new URL(
      exportCsvPath("leads", { filterValues: { import_id: "i1", q: "ravi" }, sort: { field: "created_at", order: "DESC" } }),
      "http://x",
    );
    expect(url.pathname).toBe("/leads/export.csv");
    expect(JSON.parse(url.searchParams.get("filter")!)).toEqual({ import_id: "i1", q: "ravi" });
    expect(JSON.parse(url.searchParams.get("sort")!)).toEqual(["created_at", "DESC"]);
  });
  it("when the list has a permanent filter, then it wins; console names map to the API's", () => {
    const url = new URL(exportCsvPath("web_forms", { filterValues: { is_active: false }, filter: { is_active: true } }), "http://x");
    expect(url.pathname).toBe("/forms/export.csv");
    expect(JSON.parse(url.searchParams.get("filter")!)).toEqual({ is_active: true });
    expect(exportCsvPath("users", {})).toBe("/users/export.csv");
  });
});

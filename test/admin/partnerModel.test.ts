import { describe, expect, it } from "vitest";
import {
  WEBHOOK_FORMATS,
  duplicateMappingKeys,
  mappingToRows,
  partnerUpdatePayload,
  rowsToMapping,
  secretsFromCreateResponse,
  smtpAddress,
  webhookUrl,
} from "../../admin/src/resources/partners/partnerModel.ts";

describe("secretsFromCreateResponse", () => {
  it("when the create or rotate response carries credentials, then both are read", () => {
    expect(secretsFromCreateResponse({ id: "p", apiKey: "k", signingSecret: "s" })).toEqual({ apiKey: "k", signingSecret: "s" });
    expect(secretsFromCreateResponse({ id: "p" })).toBeNull();
  });
});

describe("webhookUrl", () => {
  it("when built, then it names the partner and the format under /ingest/webhooks", () => {
    expect(webhookUrl("https://leads.example.in/", "p-1", "google-ads")).toBe("https://leads.example.in/ingest/webhooks/p-1/google-ads");
  });
  it("when listing formats, then every format the API accepts is there", () => {
    expect(WEBHOOK_FORMATS.map((f) => f.id)).toEqual(["generic", "google-ads", "typeform", "hubspot", "facebook", "indiamart"]);
  });
});

describe("field mapping rows", () => {
  it("when converted both ways, then complete rows survive and half-filled ones are dropped", () => {
    const rows = mappingToRows({ "Your Budget": "budget", plot: "custom_fields.plot" });
    expect(rows).toEqual([
      { from: "Your Budget", to: "budget" },
      { from: "plot", to: "custom_fields.plot" },
    ]);
    expect(rowsToMapping([...rows, { from: "x", to: "" }, { from: " ", to: "city" }])).toEqual({
      "Your Budget": "budget",
      plot: "custom_fields.plot",
    });
  });
  it("when the stored mapping is not an object, then there are no rows", () => {
    expect(mappingToRows(null)).toEqual([]);
    expect(mappingToRows(["a"])).toEqual([]);
  });
  it("when a key is typed twice, then it is reported", () => {
    expect(
      duplicateMappingKeys([
        { from: "a", to: "city" },
        { from: " a ", to: "state" },
        { from: "b", to: "x" },
      ]),
    ).toEqual(["a"]);
  });
});

describe("partnerUpdatePayload", () => {
  const base = {
    id: "p1",
    name: " 99acres ",
    description: "",
    default_source: "portal",
    is_active: true,
    last_delivery_at: "2026-01-01T00:00:00Z",
    settings: { field_mapping: { Mob: "phone", half: "" }, graph_base_url: "", legacy_key: "x" },
  };
  it("when no secret was touched, then none is sent and plain settings are always sent", () => {
    expect(partnerUpdatePayload(base)).toEqual({
      name: "99acres",
      description: null,
      default_source: "portal",
      is_active: true,
      settings: { graph_base_url: null, indiamart_base_url: null, field_mapping: { Mob: "phone" } },
    });
  });
  it("when a secret is replaced or removed, then only those are sent", () => {
    const payload = partnerUpdatePayload({
      ...base,
      secret_edits: { google_key: "g-123", typeform_secret: null, facebook_app_secret: "" },
    });
    const settings = payload.settings as Record<string, unknown>;
    expect(settings.google_key).toBe("g-123");
    expect(settings.typeform_secret).toBeNull();
    expect("facebook_app_secret" in settings).toBe(false);
  });
});

describe("smtpAddress", () => {
  it("when the slug is known, then it is the local part; else nothing", () => {
    expect(smtpAddress("acme", "leads.example.in")).toBe("acme@leads.example.in");
    expect(smtpAddress(null)).toBeNull();
  });
});

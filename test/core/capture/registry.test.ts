import { describe, expect, it } from "vitest";
import { adapters } from "../../../core/capture/index.ts";
import { canonicalAdapter } from "../../../core/capture/canonical.ts";
import { expectCanonical, partner } from "./support.ts";

describe("adapter registry", () => {
  it("when formats are looked up, then each vendor format has its adapter under its own name", () => {
    expect(Object.keys(adapters).sort()).toEqual(["canonical", "facebook", "generic", "google-ads", "hubspot", "indiamart", "typeform"]);
    for (const [format, adapter] of Object.entries(adapters)) expect(adapter.format).toBe(format);
  });

  it("when any adapter gets a payload of no shape at all, then vendorId answers null instead of throwing", () => {
    for (const adapter of Object.values(adapters)) {
      for (const junk of [null, "text", 42, [], {}]) expect(adapter.vendorId(junk)).toBeNull();
    }
  });
});

describe("canonical adapter", () => {
  it("when a canonical lead arrives, then it passes through with its external id as vendor id", () => {
    const payload = { name: "Asha Verma", email: "asha@example.com", external_id: "crm-42", custom_fields: { plot: "B-12" } };
    const result = expectCanonical(canonicalAdapter.adapt({ payload, partner: partner() }));
    expect(result).toEqual({ lead: payload, vendorId: "crm-42", isTest: false, unmapped: [] });
  });

  it("when the partner has a default source and the lead has none, then the default fills it", () => {
    const result = canonicalAdapter.adapt({ payload: { email: "a@example.com" }, partner: partner({ default_source: "website" }) });
    expect(result.lead.source).toBe("website");
    expect(result.vendorId).toBeNull();
  });

  it("when a canonical lead has an unknown key, then it is refused as the ingest API promises", () => {
    expect(() => canonicalAdapter.adapt({ payload: { email: "a@example.com", emial: "typo" }, partner: partner() })).toThrow();
  });
});

import { describe, expect, it } from "vitest";
import {
  AdapterError,
  adapters,
  captureVendors,
  vendorCatalogue,
  vendorFor,
  VENDOR_SECRETS,
  VENDOR_URL_SETTINGS,
  type Delivery,
} from "../../../core/capture/index.ts";
import { canonicalAdapter } from "../../../core/capture/canonical.ts";
import { AppError } from "../../../core/errors.ts";
import { SECRET_SETTINGS, URL_SETTINGS } from "../../../core/partners.ts";
import { WEBHOOK_FORMATS } from "../../../core/vocabulary.ts";
import { samplePayload } from "../../../api/ingest/samples.ts";
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

describe("capture vendor registry", () => {
  it("when the registry is listed, then it holds one module per webhook format of the vocabulary, in its order", () => {
    expect(captureVendors.map((v) => v.format)).toEqual([...WEBHOOK_FORMATS]);
    for (const vendor of captureVendors) {
      expect(vendorFor(vendor.format)).toBe(vendor);
      expect(adapters[vendor.format]).toBe(vendor);
    }
    // Our own format is an adapter but no webhook; nor is anything an object inherits.
    for (const other of ["canonical", "email", "form", "constructor", "__proto__", "toString"]) expect(vendorFor(other)).toBeUndefined();
  });

  it("when any vendor is read, then it declares its name, body kinds, authentication, proofs and a sample", () => {
    for (const v of captureVendors) {
      expect(v.title.trim(), v.format).not.toBe("");
      expect(v.authHelp.length, v.format).toBeGreaterThan(0);
      expect(v.bodyKinds.length, v.format).toBeGreaterThan(0);
      for (const kind of v.bodyKinds) expect(["json", "form", "xml", "multipart"], v.format).toContain(kind);
      expect(typeof v.authenticate, v.format).toBe("function");
      expect(typeof v.sample, v.format).toBe("function");
      for (const s of [...v.secrets, ...(v.urlSettings ?? [])]) {
        expect(s.key, v.format).toMatch(/^[a-z][a-z0-9_]*$/);
        expect(s.label.trim() && s.help.trim(), s.key).toBeTruthy();
      }
    }
  });

  it("when a delivery carries no proof at all, then every vendor refuses it as unauthenticated", () => {
    const bare: Delivery = {
      header: () => undefined,
      query: () => undefined,
      body: Buffer.from("{}"),
      nowSeconds: 1_700_000_000,
      hasPartnerKey: () => false,
    };
    // Every secret set: a vendor that checks a signature when its secret is set must not fall through.
    for (const secrets of [{}, Object.fromEntries(VENDOR_SECRETS.map((s) => [s.key, "configured-secret"]))]) {
      const p = { secrets, signingSecret: "whsec_test" };
      for (const v of captureVendors) {
        let refused: unknown = null;
        try {
          v.authenticate(bare, p);
          v.authenticatePayload?.({}, p);
        } catch (e) {
          refused = e;
        }
        expect(refused, v.format).toBeInstanceOf(AppError);
        expect((refused as AppError).kind, v.format).toBe("unauthenticated");
      }
    }
  });

  it("when each vendor's sample is mapped, then it is a valid canonical lead (or, for a vendor that fetches its leads, the event it stores)", () => {
    const stamp = 1_767_225_600_000;
    for (const v of captureVendors) {
      const sample = v.sample(stamp);
      expect(samplePayload(v.format, stamp), v.format).toEqual(sample);
      if (v.split) {
        // Stored as split makes it; the answers come from the vendor's API before intake reads it.
        expect(v.vendorId(sample), v.format).toBeTruthy();
        expect(() => v.adapt({ payload: sample, partner: partner() }), v.format).toThrow(AdapterError);
        continue;
      }
      const adapted = expectCanonical(v.adapt({ payload: sample, partner: partner() }));
      expect(adapted.lead.email, v.format).toBe(`test.lead+${stamp}@example.com`);
    }
    expect(samplePayload("canonical", stamp)).toBeNull();
  });

  it("when partner settings are checked, then the secret and URL settings are exactly the vendors' own, each named once", () => {
    const secrets = captureVendors.flatMap((v) => v.secrets.map((s) => s.key));
    expect([...SECRET_SETTINGS]).toEqual(secrets);
    expect(new Set(secrets).size).toBe(secrets.length);
    const urls = captureVendors.flatMap((v) => (v.urlSettings ?? []).map((s) => s.key));
    expect([...URL_SETTINGS]).toEqual(urls);
    expect(VENDOR_URL_SETTINGS.map((s) => s.key)).toEqual(urls);
    expect(new Set([...secrets, ...urls]).size).toBe(secrets.length + urls.length);
  });

  it("when the console's vendor list is compared with the registry, then it is the registry's (`vitest run -u` rewrites it)", async () => {
    await expect(`${JSON.stringify(vendorCatalogue(), null, 2)}\n`).toMatchFileSnapshot(
      "../../../admin/src/resources/partners/capture-vendors.json",
    );
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

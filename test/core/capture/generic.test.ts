import { describe, expect, it } from "vitest";
import { genericAdapter } from "../../../core/capture/generic.ts";
import { expectAdapterError, expectCanonical, fixture, partner } from "./support.ts";

const adapt = (payload: unknown, settings = {}) => expectCanonical(genericAdapter.adapt({ payload, partner: partner(settings) }));

describe("generic adapter: Zapier and Make JSON", () => {
  it("when a Zapier step posts flat JSON with human key names, then they map by synonym and the rest is unmapped", () => {
    const result = adapt(fixture("generic-zapier-flat"));
    expect(result.lead).toEqual({
      name: "Kavita Iyer",
      email: "Kavita.Iyer@Example.com",
      phone: "098450 12345",
      company: "Iyer Textiles",
      city: "Coimbatore",
      state: "Tamil Nadu",
      country: "India",
      utm_source: "facebook",
      utm_campaign: "diwali-2024",
      message: "Looking for 3 looms.<br>Delivery before Diwali.",
      gdpr_consent: true,
      custom_fields: { "Preferred Call Time": "Evening" },
      external_id: "zap-7f3c9a",
    });
    expect(result.vendorId).toBe("zap-7f3c9a");
    expect(result.isTest).toBe(false);
    expect(result.unmapped).toEqual(["Preferred Call Time"]);
    expect(genericAdapter.vendorId(fixture("generic-zapier-flat"))).toBe("zap-7f3c9a");
  });

  it("when Zapier wraps the request in an array, then its one lead is read", () => {
    const result = adapt([{ email: "wrapped@example.com", "Phone Number": "+44 20 7946 0958" }]);
    expect(result.lead).toMatchObject({ email: "wrapped@example.com", phone: "+44 20 7946 0958" });
  });

  it("when the payload nests objects (Zapier unflatten), then nested keys map by their last part", () => {
    const result = adapt({
      contact: { name: "Neha Rao", email: "n@example.com", mobile: "9000000000" },
      form: { id: "f-1", name: "Site form" },
    });
    expect(result.lead).toMatchObject({ name: "Neha Rao", email: "n@example.com", phone: "9000000000" });
    expect(result.lead.external_id).toBeUndefined();
    expect(result.unmapped).toEqual(["form.id", "form.name"]);
  });

  it("when the payload already is our canonical JSON, then it maps onto itself", () => {
    const lead = {
      name: "Asha Verma",
      email: "asha@example.com",
      budget: 2500000,
      budget_currency: "INR",
      tags: ["nri"],
      gdpr_consent: false,
      custom_fields: { tower: "B" },
      external_id: "x-1",
    };
    const result = adapt(lead);
    expect(result.lead).toEqual(lead);
    expect(result.unmapped).toEqual([]);
  });
});

describe("generic adapter: form-encoded and XML bodies", () => {
  it("when a form posts flat strings, then a second phone becomes alt_phone and 'on' reads as consent", () => {
    const result = adapt(fixture("generic-form-encoded"));
    expect(result.lead).toEqual({
      name: "Deepak Rao",
      email: "deepak.rao@example.in",
      phone: "9845012345",
      alt_phone: "080 2222 3333",
      company: "Rao Exports",
      postal_code: "560001",
      gdpr_consent: true,
      custom_fields: { project_code: "BLR-WEST-2" },
      external_id: "WF-000123",
    });
    expect(result.vendorId).toBe("WF-000123");
    expect(result.unmapped).toEqual(["site_visit", "project_code"]);
  });

  it("when an XML body was parsed with fast-xml-parser defaults, then the root element is unwrapped and numbers read as text", () => {
    const result = adapt(fixture("generic-xml"));
    expect(result.lead).toEqual({
      name: "Fatima Shaikh",
      email: "fatima.shaikh@example.com",
      phone: "9820012345",
      company: "Shaikh Realty",
      city: "Thane",
      state: "Maharashtra",
      budget: 7500000,
      tags: ["hot", "site-visit"],
      custom_fields: { source_system: "legacy-crm" },
    });
    expect(result.vendorId).toBeNull();
    expect(result.unmapped).toEqual(["source_system"]);
  });

  it("when an XML element carries attributes, then its #text is the value", () => {
    const result = adapt({ root: { email: { "#text": "attr@example.com", "@_type": "work" } } });
    expect(result.lead.email).toBe("attr@example.com");
  });
});

describe("generic adapter: the partner's field mapping", () => {
  it("when the partner maps sender keys, then the mapping wins over synonyms and can target custom fields", () => {
    const result = adapt(
      { cust_nm: "Vikram Singh", Mobile: "9811111111", whatsapp: "9822222222", Tower: "C", City: "Noida" },
      { field_mapping: { cust_nm: "name", whatsapp: "phone", tower: "custom_fields.tower_preference" } },
    );
    expect(result.lead).toEqual({
      name: "Vikram Singh",
      phone: "9822222222",
      alt_phone: "9811111111",
      city: "Noida",
      custom_fields: { tower_preference: "C" },
    });
    expect(result.unmapped).toEqual([]);
  });

  it("when a mapping names no canonical field, then the key falls back to synonyms", () => {
    const result = adapt({ Email: "m@example.com" }, { field_mapping: { Email: "e_mail_typo" } });
    expect(result.lead.email).toBe("m@example.com");
  });

  it("when the payload has no source, then the partner's default source is used", () => {
    expect(adapt({ email: "d@example.com" }, { default_source: "zapier" }).lead.source).toBe("zapier");
    expect(adapt({ email: "d@example.com", Source: "Walk-in" }, { default_source: "zapier" }).lead.source).toBe("Walk-in");
  });
});

describe("generic adapter: messy payloads", () => {
  it("when values are blank, whitespace or Devanagari, then blanks are absent and text is kept as typed", () => {
    const result = adapt({ name: "  राहुल   पाटील ", email: "   ", phone: "", company: null, City: "पुणे" });
    expect(result.lead).toEqual({ name: "राहुल पाटील", city: "पुणे" });
  });

  it("when a vendor value is longer than the schema allows, then it is cut, not refused", () => {
    const result = adapt({
      name: "N".repeat(500),
      message: "m".repeat(20_000),
      gstin: "27AAPFU0939F1ZV-and-much-more",
      [`k${"x".repeat(150)}`]: "v",
    });
    expect(result.lead.name).toHaveLength(200);
    expect(result.lead.message).toHaveLength(10_000);
    expect(result.lead.gstin).toHaveLength(20);
    expect(Object.keys(result.lead.custom_fields ?? {})[0]).toHaveLength(100);
  });

  it("when a cut would split an emoji, then the half is dropped", () => {
    const result = adapt({ name: `${"a".repeat(199)}😀` });
    expect(result.lead.name).toBe("a".repeat(199));
  });

  it("when consent or budget values are unreadable, then they are kept in custom fields", () => {
    const result = adapt({ email: "c@example.com", consent: "maybe later", budget: -5, currency: "Rupees" });
    expect(result.lead.gdpr_consent).toBeUndefined();
    expect(result.lead.budget).toBe("-5");
    expect(result.lead.custom_fields).toEqual({ consent: "maybe later", currency: "Rupees" });
  });

  it.each([
    ["yes", true],
    ["TRUE", true],
    ["1", true],
    ["no", false],
    ["0", false],
    ["false", false],
  ])("when consent is %j, then gdpr_consent is %s", (raw, expected) => {
    expect(adapt({ email: "c@example.com", "I Agree": raw }).lead.gdpr_consent).toBe(expected);
  });

  it("when the body is no object at all, then it is rejected as generic_shape", () => {
    for (const junk of ["name=x", 7, null, [{ a: 1 }, { b: 2 }]]) {
      expectAdapterError(() => genericAdapter.adapt({ payload: junk, partner: partner() }), "generic_shape");
    }
  });
});

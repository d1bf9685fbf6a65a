import { describe, expect, it } from "vitest";
import { hubspotAdapter } from "../../../core/capture/hubspot.ts";
import { expectAdapterError, expectCanonical, fixture, partner } from "./support.ts";

const adapt = (payload: unknown, settings = {}) => expectCanonical(hubspotAdapter.adapt({ payload, partner: partner(settings) }));

describe("hubspot adapter", () => {
  it("when a form submission arrives, then properties map, the consent is kept verbatim and utm come from the page URL", () => {
    const payload = fixture("hubspot-form-submission");
    const result = adapt(payload);
    expect(result.lead).toEqual({
      first_name: "Rohan",
      last_name: "Mehta",
      email: "rohan.mehta@example.co.in",
      phone: "022 4000 1234",
      alt_phone: "+91 99300 54321",
      company: "Mehta Logistics LLP",
      job_title: "CTO",
      city: "Mumbai",
      country: "India",
      source: "hubspot",
      subsource: "Pricing",
      utm_source: "google",
      utm_medium: "cpc",
      utm_campaign: "brand",
      landing_page: "https://www.example.com/pricing?utm_source=google&utm_medium=cpc&utm_campaign=brand",
      message: "Need a demo for 40 seats.",
      gdpr_consent: true,
      custom_fields: {
        interested_modules: "CRM;Billing",
        company_numberofemployees: "120",
        hubspot_utk: "d2f9a0c4e1b34b5a9c8d7e6f5a4b3c2d",
        ip_address: "203.0.113.24",
        hubspot_submitted_at: "1715326365000",
      },
    });
    expect(result.consent).toEqual(payload.legalConsentOptions);
    expect(result.vendorId).toBeNull();
    expect(result.isTest).toBe(false);
    expect(result.unmapped).toEqual(["interested_modules", "company_numberofemployees"]);
  });

  it("when the sender adds a submission id, then it is the vendor id", () => {
    const payload = { submissionId: "sub-9", fields: [{ name: "email", value: "s@example.com" }] };
    expect(hubspotAdapter.vendorId(payload)).toBe("sub-9");
    expect(adapt(payload).vendorId).toBe("sub-9");
    const inFields = {
      fields: [
        { name: "conversionId", value: "conv-1" },
        { name: "email", value: "c@example.com" },
      ],
    };
    expect(adapt(inFields)).toMatchObject({ vendorId: "conv-1", unmapped: [] });
  });

  it("when consent is by legitimate interest, then the record is kept and gdpr_consent is not claimed", () => {
    const legal = { legitimateInterest: { value: true, subscriptionTypeId: 999, legalBasis: "LEAD", text: "We may contact you." } };
    const result = adapt({ fields: [{ name: "email", value: "l@example.com" }], legalConsentOptions: legal });
    expect(result.consent).toEqual(legal);
    expect(result.lead.gdpr_consent).toBeUndefined();
  });

  it("when fields are messy (no objectTypeId, blanks, odd objects), then nothing throws and deals stay apart", () => {
    const result = adapt({
      fields: [
        { name: "firstname", value: "  प्रिया " },
        { name: "email", value: "" },
        { name: "", value: "x" },
        "junk",
        { objectTypeId: "0-3", name: "amount", value: "50000" },
      ],
      context: {},
    });
    expect(result.lead).toMatchObject({ first_name: "प्रिया" });
    expect(result.lead.email).toBeUndefined();
    expect(result.unmapped).toEqual(["0-3:amount"]);
  });

  it("when fields is missing, then it is rejected as hubspot_shape", () => {
    expectAdapterError(() => hubspotAdapter.adapt({ payload: { properties: { email: "x" } }, partner: partner() }), "hubspot_shape");
  });
});

import { describe, expect, it } from "vitest";
import { googleAdsAdapter } from "../../../core/capture/google-ads.ts";
import { expectAdapterError, expectCanonical, fixture, partner } from "./support.ts";

const adapt = (payload: unknown, settings = {}) => expectCanonical(googleAdsAdapter.adapt({ payload, partner: partner(settings) }));

describe("google-ads adapter", () => {
  it("when a lead form webhook arrives, then columns map by column_id and the ids stay exact strings", () => {
    const payload = fixture("google-ads-lead");
    const result = adapt(payload);
    expect(result.lead).toEqual({
      name: "Priya Deshmukh",
      email: "priya.deshmukh@example.in",
      phone: "+91 98220 12345",
      company: "Deshmukh Infra Pvt Ltd",
      job_title: "Purchase Head",
      city: "Pune",
      state: "Maharashtra",
      country: "IN",
      postal_code: "411001",
      source: "google-ads",
      subsource: "40000000001",
      campaign: "9223372036854775807",
      budget: "50 lakh",
      custom_fields: {
        "Preferred site visit day": "Saturday",
        google_campaign_id: "9223372036854775807",
        google_form_id: "40000000001",
        google_adgroup_id: "151234567890",
        google_creative_id: "700123456789",
        gclid: "EAIaIQobChMI-example-gclid",
      },
      external_id: payload.lead_id,
    });
    expect(result.vendorId).toBe(payload.lead_id);
    expect(googleAdsAdapter.vendorId(payload)).toBe(payload.lead_id);
    expect(result.isTest).toBe(false);
    expect(result.unmapped).toEqual(["Preferred site visit day"]);
    expect(JSON.stringify(result)).not.toContain("partner-configured-secret");
  });

  it("when Google sends a test lead with ids as JSON numbers, then it is flagged test and lost precision is noted", () => {
    const result = adapt(fixture("google-ads-test-lead"));
    expect(result.isTest).toBe(true);
    expect(result.lead).toMatchObject({
      first_name: "FirstName",
      last_name: "LastName",
      email: "work-test@example.com",
      phone: "+16505550123",
    });
    expect(result.lead.address).toBeUndefined();
    // 9223372036854775807 cannot survive JSON.parse as a number: the rounded id is kept, and flagged.
    expect(result.lead.custom_fields).toMatchObject({ google_form_id: "40000000001", google_imprecise_ids: ["campaign_id"] });
    expect(result.lead.custom_fields).not.toHaveProperty("google_adgroup_id");
  });

  it("when the form sends both a personal and a work email, then the personal one is the lead's and the work one is kept", () => {
    const result = adapt({
      lead_id: "L-2",
      user_column_data: [
        { column_id: "EMAIL", string_value: "me@gmail.com" },
        { column_id: "WORK_EMAIL", string_value: "me@company.in" },
      ],
    });
    expect(result.lead.email).toBe("me@gmail.com");
    expect(result.lead.custom_fields).toMatchObject({ work_email: "me@company.in" });
    expect(result.unmapped).toEqual([]);
  });

  it("when a form name column is sent, then it names the subsource instead of the form id", () => {
    const result = adapt({
      lead_id: "L-3",
      form_id: "123",
      user_column_data: [
        { column_name: "Form Name", string_value: "Site visit form" },
        { column_id: "PHONE_NUMBER", string_value: "+919800000000" },
      ],
    });
    expect(result.lead.subsource).toBe("Site visit form");
  });

  it("when the partner maps a custom question, then the mapping decides", () => {
    const result = adapt(
      { lead_id: "L-4", user_column_data: [{ column_id: "preferred_location", column_name: "Preferred location", string_value: "Wakad" }] },
      { field_mapping: { preferred_location: "custom_fields.micro_market" } },
    );
    expect(result.lead.custom_fields).toMatchObject({ micro_market: "Wakad" });
    expect(result.unmapped).toEqual([]);
  });

  it("when columns are messy (blank values, no column_id, Devanagari), then nothing throws", () => {
    const result = adapt({
      lead_id: "L-5",
      user_column_data: [{ column_id: "FULL_NAME", string_value: "  सुनीता  शर्मा " }, { string_value: "" }, "junk", { column_id: "CITY" }],
    });
    expect(result.lead).toMatchObject({ name: "सुनीता शर्मा" });
    expect(result.lead.city).toBeUndefined();
  });

  it("when the payload is not a lead form webhook, then it is rejected as google_ads_shape", () => {
    expectAdapterError(() => googleAdsAdapter.adapt({ payload: { lead_id: "x" }, partner: partner() }), "google_ads_shape");
    expectAdapterError(() => googleAdsAdapter.adapt({ payload: "x", partner: partner() }), "google_ads_shape");
  });
});

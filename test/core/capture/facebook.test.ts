import { describe, expect, it } from "vitest";
import { facebookAdapter, splitFacebookWebhook } from "../../../core/capture/facebook.ts";
import { expectAdapterError, expectCanonical, fixture, partner } from "./support.ts";

const adapt = (payload: unknown, settings = {}) => expectCanonical(facebookAdapter.adapt({ payload, partner: partner(settings) }));

describe("facebook webhook split", () => {
  it("when a Page webhook batches entries, then there is one event per leadgen change and other fields are ignored", () => {
    expect(splitFacebookWebhook(fixture("facebook-webhook"))).toEqual([
      {
        leadgen_id: "130528934038370",
        page_id: "230076207144371",
        form_id: "129595594131704",
        ad_id: "120208000000000001",
        adgroup_id: "120208000000000002",
        created_time: 1715326399,
      },
      {
        leadgen_id: "444444444444444",
        page_id: "230076207144371",
        form_id: "129595594131704",
        ad_id: null,
        adgroup_id: null,
        created_time: 1715326409,
      },
    ]);
  });

  it("when the body is not a Meta webhook, then it is rejected as facebook_shape", () => {
    expectAdapterError(() => splitFacebookWebhook({ object: "page" }), "facebook_shape");
    expect(splitFacebookWebhook({ object: "page", entry: [{ id: "1", changes: [{ field: "leadgen", value: {} }] }] })).toEqual([]);
  });
});

describe("facebook adapter", () => {
  it("when a fetched lead arrives, then field_data maps and the ad ids are kept", () => {
    const payload = fixture<{ graph: { custom_disclaimer_responses: unknown } }>("facebook-lead");
    const result = adapt(payload);
    expect(result.lead).toEqual({
      name: "Sanjay Kulkarni",
      email: "sanjay.k@example.com",
      phone: "+919822098220",
      city: "Pune",
      source: "facebook",
      subsource: "129595594131704",
      campaign: "Baner launch",
      budget: "75L - 1Cr",
      custom_fields: {
        preferred_configuration: ["2BHK", "3BHK"],
        fb_ad_id: "120208000000000001",
        fb_form_id: "129595594131704",
        fb_campaign_id: "120208000000000003",
        fb_page_id: "230076207144371",
        fb_adset_id: "120208000000000002",
        fb_ad_name: "Baner 2BHK – carousel",
        fb_platform: "ig",
        fb_is_organic: false,
        fb_created_time: "2024-05-10T07:33:19+0000",
      },
      external_id: "130528934038370",
    });
    expect(result.vendorId).toBe("130528934038370");
    expect(facebookAdapter.vendorId(payload)).toBe("130528934038370");
    expect(result.isTest).toBe(false);
    expect(result.unmapped).toEqual(["preferred_configuration"]);
    expect(result.consent).toEqual(payload.graph.custom_disclaimer_responses);
  });

  it("when the lead comes from the Lead Ads Testing Tool, then it is a test lead", () => {
    const payload = {
      leadgen_id: "444444444444444",
      form_id: "1",
      graph: { id: "444444444444444", field_data: [{ name: "email", values: ["test@fb.com"] }] },
    };
    expect(adapt(payload).isTest).toBe(true);
  });

  it("when custom question keys describe a field, then they map; first and last names stay apart", () => {
    const result = adapt({
      leadgen_id: "9",
      graph: {
        field_data: [
          { name: "first_name", values: ["Arjun"] },
          { name: "last_name", values: ["Nair"] },
          { name: "phone_number_(eg.98xxxxxxxx)", values: ["9847012345"] },
          { name: "company_name", values: ["Nair & Co"] },
          { name: "blank", values: [] },
          { name: "zip_code", values: [682001] },
        ],
      },
    });
    expect(result.lead).toMatchObject({
      first_name: "Arjun",
      last_name: "Nair",
      phone: "9847012345",
      company: "Nair & Co",
      postal_code: "682001",
    });
    expect(result.unmapped).toEqual(["blank"]);
  });

  it("when the Graph answer was not fetched yet, then it is rejected as facebook_not_fetched", () => {
    const [event] = splitFacebookWebhook(fixture("facebook-webhook"));
    expectAdapterError(() => facebookAdapter.adapt({ payload: event, partner: partner() }), "facebook_not_fetched");
    expect(facebookAdapter.vendorId(event)).toBe("130528934038370");
  });

  it("when the payload is no leadgen event, then it is rejected as facebook_shape", () => {
    expectAdapterError(() => facebookAdapter.adapt({ payload: { object: "page", entry: [] }, partner: partner() }), "facebook_shape");
    expectAdapterError(
      () => facebookAdapter.adapt({ payload: { leadgen_id: "1", graph: { id: "1" } }, partner: partner() }),
      "facebook_shape",
    );
  });
});

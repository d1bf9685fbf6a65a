import { describe, expect, it } from "vitest";
import { typeformAdapter } from "../../../core/capture/typeform.ts";
import { expectAdapterError, expectCanonical, fixture, partner } from "./support.ts";

const adapt = (payload: unknown, settings = {}) => expectCanonical(typeformAdapter.adapt({ payload, partner: partner(settings) }));

describe("typeform adapter", () => {
  it("when a form_response arrives, then answers map by ref, answer type and question wording", () => {
    const result = adapt(fixture("typeform-form-response"));
    expect(result.lead).toEqual({
      name: "अनिता जोशी",
      email: "anita.joshi@example.com",
      phone: "+919890012345",
      company: "Joshi & Sons <b>Traders</b>",
      source: "typeform",
      subsource: "2BHK enquiry – Baner",
      utm_source: "newsletter",
      utm_medium: "email",
      utm_campaign: "monsoon-offer",
      budget: 85,
      timeline: "Within 3 months",
      message: "Prefer east-facing.\nCall after 6pm.",
      gdpr_consent: true,
      custom_fields: {
        needs_loan: true,
        configurations: ["2BHK", "3BHK", "Penthouse"],
        partner_code: "PUNE-07",
        typeform_form_id: "lT4Z3j",
        typeform_submitted_at: "2024-05-10T06:32:45Z",
        typeform_score: 9,
        typeform_variables: { score: 9, segment: "investor" },
      },
      external_id: "a3a12ec67a1365927098a606107fac15",
    });
    expect(result.vendorId).toBe("a3a12ec67a1365927098a606107fac15");
    expect(result.isTest).toBe(false);
    expect(result.unmapped).toEqual(["needs_loan", "configurations", "partner_code"]);
  });

  it("when a partial response arrives, then its vendor id differs from the full response's", () => {
    const payload = { ...fixture("typeform-form-response"), event_type: "form_response_partial" };
    const result = adapt(payload);
    expect(result.vendorId).toBe("a3a12ec67a1365927098a606107fac15:partial");
    expect(result.lead.custom_fields).toMatchObject({ typeform_partial: true });
  });

  it("when a question has a UUID ref and unknown wording, then it is kept under its title", () => {
    const result = adapt({
      event_type: "form_response",
      form_response: {
        token: "t-1",
        definition: {
          title: "Quiz",
          fields: [{ id: "f1", ref: "0f3c2d1e-1111-4222-8333-944455556666", title: "Favourite colour?", type: "short_text" }],
        },
        answers: [
          { type: "text", text: "Teal", field: { id: "f1", type: "short_text", ref: "0f3c2d1e-1111-4222-8333-944455556666" } },
          { type: "email", email: "q@example.com", field: { id: "f2", type: "email" } },
        ],
      },
    });
    expect(result.lead.email).toBe("q@example.com");
    expect(result.lead.custom_fields).toMatchObject({ "Favourite colour?": "Teal" });
    expect(result.unmapped).toEqual(["Favourite colour?"]);
  });

  it("when the partner maps a ref, then the mapping decides over the answer type", () => {
    const result = adapt(
      {
        form_response: {
          token: "t-2",
          answers: [{ type: "phone_number", phone_number: "+912000000000", field: { id: "x", type: "phone_number", ref: "office_line" } }],
        },
      },
      { field_mapping: { office_line: "alt_phone" } },
    );
    expect(result.lead.alt_phone).toBe("+912000000000");
    expect(result.lead.phone).toBeUndefined();
  });

  it("when answers, hidden and definition are missing or odd, then the lead is still read", () => {
    const result = adapt({
      form_response: { token: "t-3", hidden: { utm_source: "" }, answers: [null, { type: "text" }, { type: "choices", choices: {} }] },
    });
    expect(result.lead).toEqual({ source: "typeform", external_id: "t-3" });
  });

  it("when form_response is missing, then it is rejected as typeform_shape", () => {
    expectAdapterError(
      () => typeformAdapter.adapt({ payload: { event_id: "e", event_type: "form_response" }, partner: partner() }),
      "typeform_shape",
    );
  });
});

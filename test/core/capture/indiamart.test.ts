import { describe, expect, it } from "vitest";
import { indiamartAdapter, indiamartResponseItems } from "../../../core/capture/indiamart.ts";
import { expectAdapterError, expectCanonical, fixture, partner } from "./support.ts";

const adapt = (payload: unknown, settings = {}) => expectCanonical(indiamartAdapter.adapt({ payload, partner: partner(settings) }));

describe("indiamart adapter", () => {
  it("when a push arrives wrapped in CODE/STATUS/RESPONSE, then the lead maps and <br> becomes a new line", () => {
    const result = adapt(fixture("indiamart-push"));
    expect(result.lead).toEqual({
      name: "Ramesh Agarwal",
      email: "ramesh.agarwal@example.in",
      phone: "+91-9876543210",
      alt_phone: "+91-9123456780",
      company: "Agarwal Fabricators",
      address: "Plot 12, MIDC Bhosari, Pune, Maharashtra, 411026",
      city: "Pune",
      state: "Maharashtra",
      country: "IN",
      postal_code: "411026",
      source: "indiamart",
      subsource: "direct enquiry",
      product_interest: "Stainless Steel Pipe 304",
      message: "I am interested in Stainless Steel Pipe 304\nQuantity: 500 kg\nUsage: Industrial\nProbable Order Value: Rs. 1 to 2 Lakh",
      custom_fields: {
        indiamart_query_type: "W",
        indiamart_query_time: "2024-05-10 12:47:25",
        indiamart_subject: "Requirement for Stainless Steel Pipes",
        alt_email: "purchase@example.in",
        indiamart_category: "Stainless Steel Pipes",
      },
      external_id: "2487651230",
    });
    expect(result.vendorId).toBe("2487651230");
    expect(indiamartAdapter.vendorId(fixture("indiamart-push"))).toBe("2487651230");
    expect(result.isTest).toBe(false);
    expect(result.unmapped).toEqual([]);
  });

  it("when the bare lead object is posted, then it reads the same as the wrapped one", () => {
    const wrapped = fixture<{ RESPONSE: unknown }>("indiamart-push");
    expect(adapt(wrapped.RESPONSE)).toEqual(adapt(wrapped));
  });

  it("when pulled leads are a PNS call and a foreign buy-lead, then each has its own subsource and country", () => {
    const [call, buyLead] = indiamartResponseItems(fixture("indiamart-pull")).map((item) => adapt(item));
    expect(call.lead).toEqual({
      phone: "+91-9988776655",
      city: "Indore",
      state: "Madhya Pradesh",
      country: "IN",
      source: "indiamart",
      subsource: "call",
      product_interest: "Industrial Water Chiller",
      custom_fields: {
        indiamart_query_type: "P",
        indiamart_query_time: "2024-05-10 14:05:10",
        indiamart_category: "Water Chillers",
        indiamart_call_duration: "96",
        indiamart_receiver_mobile: "+91-9000000001",
      },
      external_id: "2487651301",
    });
    expect(buyLead).toMatchObject({ vendorId: "2487651302", unmapped: ["SENDER_OTHER_MOBILE"] });
    expect(buyLead.lead).toMatchObject({
      subsource: "buy-lead",
      country: "AE",
      phone: "+971-501234567",
      company: "Al Farsi General Trading LLC",
    });
  });

  it.each([
    ["WA", "whatsapp"],
    ["BIZ", "catalog view"],
    ["b", "buy-lead"],
    ["NEW", "NEW"],
  ])("when QUERY_TYPE is %s, then the subsource is %s", (type, subsource) => {
    expect(adapt({ UNIQUE_QUERY_ID: "1", QUERY_TYPE: type, SENDER_MOBILE: "+91-9000000000" }).lead.subsource).toBe(subsource);
  });

  it("when the sender's name is in Devanagari and fields are blank or null, then nothing throws", () => {
    const result = adapt({
      UNIQUE_QUERY_ID: 998877,
      SENDER_NAME: " सुरेश  यादव ",
      SENDER_MOBILE: "+91-9000000000",
      SENDER_EMAIL: null,
      QUERY_MESSAGE: "",
    });
    expect(result.lead).toEqual({ name: "सुरेश यादव", phone: "+91-9000000000", source: "indiamart", external_id: "998877" });
  });

  it("when the payload has no IndiaMART keys, then it is rejected as indiamart_shape", () => {
    expectAdapterError(() => indiamartAdapter.adapt({ payload: { name: "x" }, partner: partner() }), "indiamart_shape");
    expectAdapterError(() => indiamartAdapter.adapt({ payload: { CODE: 200, RESPONSE: [] }, partner: partner() }), "indiamart_shape");
  });
});

describe("indiamart pull API answer", () => {
  it("when CODE is 200, then the RESPONSE items are returned", () => {
    expect(indiamartResponseItems(fixture("indiamart-pull"))).toHaveLength(2);
  });

  it("when CODE is 204, then there are no leads", () => {
    expect(
      indiamartResponseItems({
        CODE: 204,
        STATUS: "SUCCESS",
        MESSAGE: "There are no leads in the given time duration.",
        TOTAL_RECORDS: 0,
        RESPONSE: [],
      }),
    ).toEqual([]);
  });

  it("when CODE is an error, then AdapterError carries the vendor's MESSAGE", () => {
    const body = { CODE: 429, STATUS: "FAILURE", MESSAGE: "Key blocked for calling too often; try again later." };
    const error = expectAdapterError(() => indiamartResponseItems(body), "indiamart_rate_limited");
    expect(error.message).toBe(body.MESSAGE);
    expectAdapterError(() => indiamartResponseItems({ CODE: "401", STATUS: "FAILURE", MESSAGE: "Invalid key" }), "indiamart_key_invalid");
    expectAdapterError(() => indiamartResponseItems({ CODE: 500, STATUS: "FAILURE" }), "indiamart_api_error");
    expectAdapterError(() => indiamartResponseItems("<html>"), "indiamart_shape");
  });
});

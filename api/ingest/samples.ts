/**
 * A believable payload per webhook format, shaped as each vendor sends it: the console's
 * "send test payload" button runs one through the real intake path.
 */
export function samplePayload(format: string, stamp: number): unknown {
  const email = `test.lead+${stamp}@example.com`;
  switch (format) {
    case "generic":
      return { "Full Name": "Test Lead", "E-mail": email, Mobile: "+91 98765 43210", Organisation: "Sample Traders Pvt Ltd", City: "Pune", utm_source: "test" };
    case "google-ads":
      return {
        lead_id: `test-${stamp}`,
        api_version: "1.0",
        form_id: 40000000000,
        campaign_id: 20000000000,
        is_test: true,
        user_column_data: [
          { column_id: "FULL_NAME", string_value: "Test Lead", column_name: "Full Name" },
          { column_id: "EMAIL", string_value: email, column_name: "User Email" },
          { column_id: "PHONE_NUMBER", string_value: "+919876543210", column_name: "User Phone" },
        ],
      };
    case "typeform":
      return {
        event_id: `test-${stamp}`,
        event_type: "form_response",
        form_response: {
          form_id: "test",
          token: `test-${stamp}`,
          submitted_at: new Date(stamp).toISOString(),
          definition: { id: "test", title: "Test form", fields: [{ id: "n", ref: "name", type: "short_text", title: "Your name" }, { id: "e", ref: "email", type: "email", title: "Email" }] },
          answers: [
            { type: "text", text: "Test Lead", field: { id: "n", type: "short_text", ref: "name" } },
            { type: "email", email, field: { id: "e", type: "email", ref: "email" } },
          ],
        },
      };
    case "hubspot":
      return {
        fields: [
          { name: "firstname", value: "Test" },
          { name: "lastname", value: "Lead" },
          { name: "email", value: email },
          { name: "phone", value: "+91 98765 43210" },
        ],
        context: { pageUri: "https://www.example.com/contact", pageName: "Contact us" },
      };
    case "indiamart":
      return {
        UNIQUE_QUERY_ID: `test-${stamp}`,
        QUERY_TYPE: "W",
        SENDER_NAME: "Test Lead",
        SENDER_MOBILE: "+91-9876543210",
        SENDER_EMAIL: email,
        SENDER_CITY: "Pune",
        QUERY_PRODUCT_NAME: "Sample product",
        QUERY_MESSAGE: "This is a test enquiry.",
      };
    case "facebook":
      return { leadgen_id: `444444444444${String(stamp).slice(-4)}`, page_id: "test", form_id: "test", ad_id: "0", created_time: Math.floor(stamp / 1000) };
    default:
      return null;
  }
}

import { AdapterError, captureVendor, type Adapted, type AdapterInput } from "./types.ts";
import { mappingFor, type LeadField } from "../lead/field-names.ts";
import { LeadBuilder, cleanText, idText, isObject, toText } from "./lead-builder.ts";
import { requirePartnerKey } from "./signatures.ts";

type Json = Record<string, unknown>;

/** What each QUERY_TYPE is (IndiaMART Lead Manager CRM API v2). */
const QUERY_TYPES: Record<string, string> = {
  W: "direct enquiry",
  B: "buy-lead",
  P: "call",
  BIZ: "catalog view",
  WA: "whatsapp",
};

/** Lead keys that become canonical fields. */
const FIELDS: Record<string, LeadField> = {
  SENDER_NAME: "name",
  SENDER_MOBILE: "phone",
  SENDER_EMAIL: "email",
  SENDER_COMPANY: "company",
  SENDER_ADDRESS: "address",
  SENDER_CITY: "city",
  SENDER_STATE: "state",
  SENDER_PINCODE: "postal_code",
  SENDER_COUNTRY_ISO: "country",
  SENDER_MOBILE_ALT: "alt_phone",
  SENDER_PHONE: "alt_phone",
  SENDER_PHONE_ALT: "alt_phone",
  QUERY_PRODUCT_NAME: "product_interest",
  QUERY_MESSAGE: "message",
};

/** Lead keys kept as custom fields under our name for them. */
const CUSTOM: Record<string, string> = {
  QUERY_TYPE: "indiamart_query_type",
  QUERY_TIME: "indiamart_query_time",
  QUERY_MCAT_NAME: "indiamart_category",
  SUBJECT: "indiamart_subject",
  SENDER_EMAIL_ALT: "alt_email",
  CALL_DURATION: "indiamart_call_duration",
  RECEIVER_MOBILE: "indiamart_receiver_mobile",
};

/** The push wraps one lead as `{CODE, STATUS, RESPONSE: {...}}`; a bare lead object is accepted too. */
function leadObject(payload: unknown): Json {
  let lead = payload;
  if (isObject(lead) && "RESPONSE" in lead) {
    lead = Array.isArray(lead.RESPONSE) && lead.RESPONSE.length === 1 ? lead.RESPONSE[0] : lead.RESPONSE;
  }
  if (!isObject(lead) || !Object.keys(lead).some((k) => k === "UNIQUE_QUERY_ID" || k.startsWith("SENDER_"))) {
    throw new AdapterError("indiamart_shape", "not an IndiaMART lead: UNIQUE_QUERY_ID and SENDER_* are missing");
  }
  return lead;
}

/** IndiaMART messages are HTML-ish: `<br>` separates lines (other markup is kept as text). */
function messageText(raw: unknown): string | null {
  const t = toText(raw);
  return t == null ? null : t.replace(/<br\s*\/?>/gi, "\n");
}

/**
 * IndiaMART CRM lead, as pushed (`{CODE, STATUS, RESPONSE: {...}}`) or as one item of the pull
 * API's RESPONSE array: UNIQUE_QUERY_ID, QUERY_TYPE, SENDER_* and QUERY_* keys. The push carries
 * the partner key in the URL; the scheduled pull uses indiamart_crm_key (indiamartResponseItems below).
 */
export const indiamartAdapter = captureVendor({
  format: "indiamart",
  title: "IndiaMART push API",
  authHelp: ["Partner key: ?key=<API key> in the URL you give IndiaMART (or Bearer)"],
  bodyKinds: ["json", "form"],
  secrets: [{ key: "indiamart_crm_key", label: "IndiaMART CRM key", help: "For pulling enquiries from IndiaMART's API" }],
  urlSettings: [{ key: "indiamart_base_url", label: "IndiaMART API base URL", help: "Empty: the installation's default" }],
  authenticate: requirePartnerKey,

  sample: (stamp) => ({
    UNIQUE_QUERY_ID: `test-${stamp}`,
    QUERY_TYPE: "W",
    SENDER_NAME: "Test Lead",
    SENDER_MOBILE: "+91-9876543210",
    SENDER_EMAIL: `test.lead+${stamp}@example.com`,
    SENDER_CITY: "Pune",
    QUERY_PRODUCT_NAME: "Sample product",
    QUERY_MESSAGE: "This is a test enquiry.",
  }),

  vendorId(payload) {
    try {
      return idText(leadObject(payload).UNIQUE_QUERY_ID);
    } catch {
      return null;
    }
  },

  adapt({ payload, partner }: AdapterInput): Adapted {
    const item = leadObject(payload);
    const lead = new LeadBuilder();
    const vendorId = idText(item.UNIQUE_QUERY_ID);
    const queryType = cleanText(item.QUERY_TYPE)?.toUpperCase() ?? null;

    lead.force("source", "indiamart");
    lead.assign("external_id", vendorId);
    if (queryType) lead.assign("subsource", QUERY_TYPES[queryType] ?? queryType);

    for (const [key, value] of Object.entries(item)) {
      if (key === "UNIQUE_QUERY_ID") continue;
      const mapped = mappingFor(partner.settings.field_mapping, key);
      if (mapped) {
        if ("field" in mapped) lead.assign(mapped.field, value, key);
        else lead.addCustom(mapped.custom, value);
        continue;
      }
      // Unknown buyers are listed under IndiaMART's placeholder name; it is nobody's name.
      if (key === "SENDER_NAME" && cleanText(value)?.toLowerCase() === "indiamart buyer") continue;
      const field = FIELDS[key];
      if (field) lead.assign(field, field === "message" ? messageText(value) : value, key.toLowerCase());
      else if (CUSTOM[key]) lead.addCustom(CUSTOM[key], value);
      else lead.addUnmapped(key, value);
    }

    return { lead: lead.build(), vendorId, isTest: false, unmapped: lead.unmapped };
  },
});

/** Why a pull failed, by the API's CODE; the worker backs off on `indiamart_rate_limited`. */
const PULL_ERRORS: Record<number, string> = {
  400: "indiamart_bad_request",
  401: "indiamart_key_invalid",
  429: "indiamart_rate_limited",
};

/**
 * The leads of a pull API answer (`GET https://mapi.indiamart.com/wservce/crm/crmListing/v2/`):
 * `{CODE: 200, STATUS: "SUCCESS", TOTAL_RECORDS, RESPONSE: [...]}`. CODE 204 means no leads in the
 * window; any other CODE is an error carrying the vendor's MESSAGE.
 */
export function indiamartResponseItems(body: unknown): Json[] {
  if (!isObject(body) || !("CODE" in body)) {
    throw new AdapterError("indiamart_shape", "not an IndiaMART pull API answer: CODE is missing");
  }
  const code = Number(body.CODE);
  if (code === 204) return [];
  if (code !== 200) {
    const message = cleanText(body.MESSAGE) ?? `IndiaMART answered CODE ${String(body.CODE)}`;
    throw new AdapterError(PULL_ERRORS[code] ?? "indiamart_api_error", message);
  }
  const items = Array.isArray(body.RESPONSE) ? body.RESPONSE : isObject(body.RESPONSE) ? [body.RESPONSE] : [];
  return items.filter(isObject);
}

import { safeEqual } from "../crypto.ts";
import { AppError } from "../errors.ts";
import { AdapterError, captureVendor, type Adapted, type AdapterInput } from "./types.ts";
import { fieldForLabel, mappingFor, normKey, type LeadField } from "../lead/field-names.ts";
import { LeadBuilder, cleanText, idText, isObject } from "./lead-builder.ts";

type Json = Record<string, unknown>;

/**
 * Google's column ids for the standard lead form questions (Google Ads webhook docs, "column_id").
 * Work email and work phone are B2B forms' main contact when no personal one was asked.
 */
const COLUMNS: Record<string, LeadField> = {
  FULL_NAME: "name",
  FIRST_NAME: "first_name",
  LAST_NAME: "last_name",
  EMAIL: "email",
  WORK_EMAIL: "email",
  PHONE_NUMBER: "phone",
  WORK_PHONE: "phone",
  COMPANY_NAME: "company",
  JOB_TITLE: "job_title",
  STREET_ADDRESS: "address",
  CITY: "city",
  REGION: "state",
  COUNTRY: "country",
  POSTAL_CODE: "postal_code",
};

/** The int64 ids of the payload (form, campaign, ad group, creative, asset group). */
const ID_FIELDS = {
  campaign_id: "google_campaign_id",
  form_id: "google_form_id",
  adgroup_id: "google_adgroup_id",
  creative_id: "google_creative_id",
  asset_group_id: "google_asset_group_id",
} as const;

function body(payload: unknown): Json {
  if (!isObject(payload) || !Array.isArray(payload.user_column_data)) {
    throw new AdapterError("google_ads_shape", "not a Google Ads lead form webhook: user_column_data is missing");
  }
  return payload;
}

/**
 * A 64-bit id as a string. The API parses this format's body losslessly so ids arrive as strings;
 * a JSON number above 2^53 means some parser on the way already rounded it, and the digits are gone.
 */
function googleId(raw: unknown, imprecise: string[], name: string): string | null {
  if (typeof raw === "number" && !Number.isSafeInteger(raw)) imprecise.push(name);
  return idText(raw);
}

/**
 * Google Ads lead form webhook: `{lead_id, form_id, campaign_id, google_key, is_test, gcl_id,
 * adgroup_id, creative_id, user_column_data: [{column_id, column_name?, string_value}]}`.
 * Google proves itself with the `google_key` inside the body, checked against the partner's key once
 * the body is parsed; it is stored as `[redacted]` (the secret rule, core/secrets.ts) and not copied anywhere.
 */
export const googleAdsAdapter = captureVendor({
  format: "google-ads",
  title: "Google Ads lead forms",
  authHelp: ["Google sends the Webhook key inside the body: set it as google_key below"],
  bodyKinds: ["json"],
  secrets: [{ key: "google_key", label: "Google Ads webhook key", help: "The key you type into Google Ads' lead form webhook" }],

  // Nothing in the headers: the proof is the body's google_key (authenticatePayload).
  authenticate: () => null,

  authenticatePayload(payload, partner) {
    const key = (payload as { google_key?: unknown })?.google_key;
    const expected = partner.secrets.google_key;
    if (!expected || typeof key !== "string" || !safeEqual(key, expected)) {
      throw new AppError("unauthenticated", "invalid_google_key", "google_key does not match the key configured for this partner");
    }
  },

  sample: (stamp) => ({
    lead_id: `test-${stamp}`,
    api_version: "1.0",
    form_id: 40000000000,
    campaign_id: 20000000000,
    is_test: true,
    user_column_data: [
      { column_id: "FULL_NAME", string_value: "Test Lead", column_name: "Full Name" },
      { column_id: "EMAIL", string_value: `test.lead+${stamp}@example.com`, column_name: "User Email" },
      { column_id: "PHONE_NUMBER", string_value: "+919876543210", column_name: "User Phone" },
    ],
  }),

  vendorId(payload) {
    return isObject(payload) ? idText(payload.lead_id) : null;
  },

  adapt({ payload, partner }: AdapterInput): Adapted {
    const p = body(payload);
    const lead = new LeadBuilder();
    const imprecise: string[] = [];
    const vendorId = googleId(p.lead_id, imprecise, "lead_id");
    const ids = Object.fromEntries(Object.keys(ID_FIELDS).map((k) => [k, googleId(p[k], imprecise, k)])) as Record<
      keyof typeof ID_FIELDS,
      string | null
    >;

    lead.force("source", "google-ads");
    lead.assign("external_id", vendorId);
    lead.assign("campaign", ids.campaign_id);

    let formName: string | null = typeof p.form_name === "string" ? cleanText(p.form_name) : null;
    for (const col of p.user_column_data as unknown[]) {
      if (!isObject(col)) continue;
      const id = typeof col.column_id === "string" ? col.column_id.trim() : "";
      const label = typeof col.column_name === "string" ? col.column_name.trim() : "";
      const value = col.string_value;
      const key = label || id || "column";
      if (normKey(label) === "formname" || normKey(id) === "formname") {
        formName ??= cleanText(value);
        continue;
      }
      const mapped = mappingFor(partner.settings.field_mapping, id) ?? (label ? mappingFor(partner.settings.field_mapping, label) : null);
      if (mapped) {
        if ("field" in mapped) lead.assign(mapped.field, value, key);
        else lead.addCustom(mapped.custom, value);
        continue;
      }
      const field = COLUMNS[id.toUpperCase()] ?? fieldForLabel(label || id);
      if (field) lead.assign(field, value, id === "WORK_EMAIL" ? "work_email" : id === "WORK_PHONE" ? "work_phone" : key);
      else lead.addUnmapped(key, value);
    }
    lead.assign("subsource", formName ?? ids.form_id);

    for (const [k, custom] of Object.entries(ID_FIELDS)) lead.addCustom(custom, ids[k as keyof typeof ID_FIELDS]);
    lead.addCustom("gclid", p.gcl_id);
    lead.addCustom("google_lead_stage", p.lead_stage);
    lead.addCustom("google_lead_submit_time", p.lead_submit_time);
    if (imprecise.length) lead.addCustom("google_imprecise_ids", imprecise);

    return { lead: lead.build(), vendorId, isTest: p.is_test === true, unmapped: lead.unmapped };
  },
});

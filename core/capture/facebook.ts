import { safeEqual } from "../crypto.ts";
import { AppError } from "../errors.ts";
import { AdapterError, captureVendor, type Adapted, type AdapterInput } from "./types.ts";
import { fieldForLabel, mappingFor, type LeadField } from "../lead/field-names.ts";
import { LeadBuilder, idText, isObject } from "./lead-builder.ts";
import { hmacSha256, requireSignature, signatureFailure, type SignatureCheck } from "./signatures.ts";

type Json = Record<string, unknown>;

/** One `leadgen` change of a Page webhook: ids only, the answers are fetched from the Graph API. */
export interface FacebookLeadgen {
  leadgen_id: string;
  page_id: string | null;
  form_id: string | null;
  ad_id: string | null;
  adgroup_id: string | null;
  created_time: number | null;
}

/**
 * The webhook body (`{object: "page", entry: [{id, time, changes: [{field: "leadgen", value}]}]}`)
 * as one event per lead. Meta batches: one POST may carry several entries and changes. Ids are
 * read as strings (an `ad_id` of 0, as sent by the testing tool, means none).
 */
export function splitFacebookWebhook(payload: unknown): FacebookLeadgen[] {
  if (!isObject(payload) || !Array.isArray(payload.entry)) {
    throw new AdapterError("facebook_shape", "not a Meta webhook: entry is missing");
  }
  const out: FacebookLeadgen[] = [];
  for (const entry of payload.entry) {
    if (!isObject(entry) || !Array.isArray(entry.changes)) continue;
    for (const change of entry.changes) {
      if (!isObject(change) || change.field !== "leadgen" || !isObject(change.value)) continue;
      const v = change.value;
      const leadgenId = idText(v.leadgen_id);
      if (!leadgenId) continue;
      out.push({
        leadgen_id: leadgenId,
        page_id: idText(v.page_id) ?? idText(entry.id),
        form_id: idText(v.form_id),
        ad_id: idText(v.ad_id),
        adgroup_id: idText(v.adgroup_id),
        created_time: typeof v.created_time === "number" ? v.created_time : null,
      });
    }
  }
  return out;
}

/** `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body with the app secret>`. */
export function verifyMetaSignature(header: string | undefined, body: Buffer, appSecret: string): SignatureCheck {
  if (!header) return signatureFailure("signature_missing", "X-Hub-Signature-256 is required");
  const expected = `sha256=${hmacSha256(appSecret, body, "hex")}`;
  return safeEqual(header.trim().toLowerCase(), expected)
    ? { ok: true }
    : signatureFailure("signature_invalid", "X-Hub-Signature-256 does not match");
}

/** Meta's standard question keys (`field_data[].name`); custom questions use their own keys. */
const STANDARD: Record<string, LeadField> = {
  full_name: "name",
  first_name: "first_name",
  last_name: "last_name",
  email: "email",
  work_email: "email",
  phone_number: "phone",
  work_phone_number: "phone",
  street_address: "address",
  city: "city",
  state: "state",
  province: "state",
  country: "country",
  zip_code: "postal_code",
  post_code: "postal_code",
  company_name: "company",
  job_title: "job_title",
};

/** Lead ids made by Meta's Lead Ads Testing Tool start with this run of fours. */
const TEST_LEAD_PREFIX = "444444444444";

/**
 * Meta (Facebook / Instagram) lead ads, in two hops: the signed webhook names leads (`split`, one
 * stored event each), the `lead.fetch-facebook` job fetches each from the Graph API with the page
 * token, then intake maps the stored event `{leadgen_id, page_id, form_id, ad_id, adgroup_id,
 * created_time, graph}` where `graph` is the Graph API's answer for the lead (`{id, created_time,
 * ad_id, form_id, campaign_id, field_data: [{name, values}], is_organic, platform, …}`).
 */
export const facebookAdapter = captureVendor({
  format: "facebook",
  title: "Meta (Facebook / Instagram) lead ads",
  authHelp: [
    "Verify token (facebook_verify_token) answers Meta's subscription check",
    "App secret (facebook_app_secret) checks X-Hub-Signature-256",
    "Page token (facebook_page_token) fetches each lead from the Graph API",
  ],
  bodyKinds: ["json"],
  secrets: [
    { key: "facebook_app_secret", label: "Meta app secret", help: "Checks X-Hub-Signature-256 on Meta deliveries" },
    { key: "facebook_verify_token", label: "Meta verify token", help: "Any string you also type into Meta's webhook set-up" },
    { key: "facebook_page_token", label: "Meta page access token", help: "Lets leadhub fetch each lead's answers from the Graph API" },
  ],
  urlSettings: [{ key: "graph_base_url", label: "Meta Graph API base URL", help: "Empty: the installation's default" }],

  authenticate(delivery, partner) {
    const secret = partner.secrets.facebook_app_secret;
    if (!secret)
      throw new AppError("unauthenticated", "signature_unconfigured", "set facebook_app_secret on the partner to receive Meta webhooks");
    requireSignature(verifyMetaSignature(delivery.header("x-hub-signature-256"), delivery.body, secret));
    return null;
  },

  // Meta's subscription handshake: echo hub.challenge when the verify token matches.
  challenge(delivery, partner) {
    const token = partner.secrets.facebook_verify_token;
    const given = delivery.query("hub.verify_token");
    if (delivery.query("hub.mode") !== "subscribe" || !token || typeof given !== "string" || !safeEqual(given, token)) {
      throw new AppError("forbidden", "verify_token_invalid", "hub.verify_token does not match the partner's facebook_verify_token");
    }
    return String(delivery.query("hub.challenge") ?? "");
  },

  // Meta batches several leads in one delivery; each becomes its own event, fetched and taken apart.
  split: (payload) => splitFacebookWebhook(payload).map((lead) => ({ payload: lead, vendorId: lead.leadgen_id })),

  // As stored once split: the Graph answer is fetched by the job. The run of fours marks a test lead.
  sample: (stamp) => ({
    leadgen_id: `444444444444${String(stamp).slice(-4)}`,
    page_id: "test",
    form_id: "test",
    ad_id: "0",
    created_time: Math.floor(stamp / 1000),
  }),

  vendorId(payload) {
    return isObject(payload) ? idText(payload.leadgen_id) : null;
  },

  adapt({ payload, partner }: AdapterInput): Adapted {
    if (!isObject(payload) || (!idText(payload.leadgen_id) && !isObject(payload.graph))) {
      throw new AdapterError("facebook_shape", "not a Meta leadgen event: leadgen_id is missing");
    }
    if (!isObject(payload.graph)) {
      throw new AdapterError("facebook_not_fetched", "the lead's answers were not fetched from the Graph API yet");
    }
    const graph: Json = payload.graph;
    if (!Array.isArray(graph.field_data)) {
      throw new AdapterError("facebook_shape", "the Graph API answer has no field_data");
    }
    const lead = new LeadBuilder();
    const vendorId = idText(payload.leadgen_id) ?? idText(graph.id);
    const formId = idText(payload.form_id) ?? idText(graph.form_id);

    lead.force("source", "facebook");
    lead.assign("external_id", vendorId);
    lead.assign("subsource", formId);
    lead.assign("campaign", graph.campaign_name ?? idText(graph.campaign_id));

    for (const item of graph.field_data) {
      if (!isObject(item) || typeof item.name !== "string" || !item.name.trim()) continue;
      const name = item.name.trim();
      const value = Array.isArray(item.values) ? item.values : item.value;
      const mapped = mappingFor(partner.settings.field_mapping, name);
      if (mapped) {
        if ("field" in mapped) lead.assign(mapped.field, value, name);
        else lead.addCustom(mapped.custom, value);
        continue;
      }
      const field = STANDARD[name.toLowerCase()] ?? fieldForLabel(name);
      if (field) lead.assign(field, value, name);
      else lead.addUnmapped(name, value);
    }

    lead.addCustom("fb_ad_id", idText(payload.ad_id) ?? idText(graph.ad_id));
    lead.addCustom("fb_form_id", formId);
    lead.addCustom("fb_campaign_id", idText(graph.campaign_id));
    lead.addCustom("fb_page_id", idText(payload.page_id));
    lead.addCustom("fb_adset_id", idText(graph.adset_id) ?? idText(payload.adgroup_id));
    lead.addCustom("fb_ad_name", graph.ad_name);
    lead.addCustom("fb_adset_name", graph.adset_name);
    lead.addCustom("fb_platform", graph.platform);
    lead.addCustom("fb_is_organic", graph.is_organic);
    lead.addCustom("fb_created_time", graph.created_time ?? payload.created_time);

    const isTest = (vendorId?.startsWith(TEST_LEAD_PREFIX) ?? false) || graph.is_test === true;
    const adapted: Adapted = { lead: lead.build(), vendorId, isTest, unmapped: lead.unmapped };
    if (Array.isArray(graph.custom_disclaimer_responses) && graph.custom_disclaimer_responses.length) {
      adapted.consent = graph.custom_disclaimer_responses;
    }
    return adapted;
  },
});

import { AdapterError, type Adapted, type Adapter, type AdapterInput } from "./types.ts";
import { fieldForLabel, mappingFor, type LeadField } from "../lead/field-names.ts";
import { LeadBuilder, idText, isObject } from "./lead-builder.ts";

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
 * A Meta lead: the stored event `{leadgen_id, page_id, form_id, ad_id, adgroup_id, created_time,
 * graph}` where `graph` is the Graph API's answer for the lead (`{id, created_time, ad_id, form_id,
 * campaign_id, field_data: [{name, values}], is_organic, platform, …}`), added by the worker.
 */
export const facebookAdapter: Adapter = {
  format: "facebook",

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
};

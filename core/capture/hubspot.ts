import { AdapterError, captureVendor, type Adapted, type AdapterInput } from "./types.ts";
import { fieldForKey, mappingFor, normKey, type LeadField } from "../lead/field-names.ts";
import { LeadBuilder, cleanText, idText, isObject } from "./lead-builder.ts";
import { requirePartnerKey } from "./signatures.ts";

type Json = Record<string, unknown>;

/** HubSpot's default contact properties (internal names), as its forms submit them. */
const CONTACT: Record<string, LeadField> = {
  firstname: "first_name",
  lastname: "last_name",
  email: "email",
  phone: "phone",
  mobilephone: "phone",
  company: "company",
  jobtitle: "job_title",
  website: "website",
  industry: "industry",
  address: "address",
  city: "city",
  state: "state",
  country: "country",
  zip: "postal_code",
  message: "message",
  hs_language: "language",
};

/** Company object (objectTypeId 0-2) properties that describe the lead's company. */
const COMPANY: Record<string, LeadField> = { name: "company", domain: "website", website: "website", industry: "industry" };

/** CRM-internal properties a form may carry that mean nothing to another system. */
const IGNORED = new Set(["hs_lead_status", "lifecyclestage", "hubspot_owner_id", "hs_context"]);

const CONTACT_OBJECT = "0-1";
const COMPANY_OBJECT = "0-2";
const ID_NAMES = new Set(["conversionid", "submissionid"]);

function body(payload: unknown): Json {
  if (!isObject(payload) || !Array.isArray(payload.fields)) {
    throw new AdapterError("hubspot_shape", "not a HubSpot form submission: fields is missing");
  }
  return payload;
}

/** A submission's own id, when the sender included one (the Forms API itself sends none). */
function submissionId(p: Json): string | null {
  for (const [k, v] of Object.entries(p)) if (ID_NAMES.has(normKey(k)) && idText(v)) return idText(v);
  for (const f of p.fields as unknown[]) {
    if (isObject(f) && typeof f.name === "string" && ID_NAMES.has(normKey(f.name)) && idText(f.value)) return idText(f.value);
  }
  return null;
}

/** Fields grouped by object and name: a multi-checkbox sends one entry per ticked box, joined with ";" as HubSpot stores them. */
function groupFields(fields: unknown[]): { object: string; name: string; value: string | null }[] {
  const grouped = new Map<string, { object: string; name: string; values: string[] }>();
  for (const f of fields) {
    if (!isObject(f) || typeof f.name !== "string" || !f.name.trim()) continue;
    const object = typeof f.objectTypeId === "string" && f.objectTypeId.trim() ? f.objectTypeId.trim() : CONTACT_OBJECT;
    const name = f.name.trim();
    const k = `${object}\u0000${name}`;
    const entry = grouped.get(k) ?? { object, name, values: [] };
    const v = cleanText(f.value, true);
    if (v != null) entry.values.push(v);
    grouped.set(k, entry);
  }
  return [...grouped.values()].map((g) => ({ object: g.object, name: g.name, value: g.values.length ? g.values.join(";") : null }));
}

/** utm_* of the page the form was on, for senders that keep them only in the URL. */
function utmFromUrl(url: unknown): [LeadField, string][] {
  if (typeof url !== "string") return [];
  try {
    const params = new URL(url).searchParams;
    return (["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"] as const)
      .filter((k) => params.get(k))
      .map((k) => [k, params.get(k) as string]);
  } catch {
    return [];
  }
}

/**
 * HubSpot form submission (Forms API v3 body): `{fields: [{objectTypeId?, name, value}],
 * context: {hutk, pageUri, pageName, ipAddress}, legalConsentOptions?, submittedAt?}`.
 * The consent record is kept verbatim; `gdpr_consent` is its `consentToProcess`.
 */
export const hubspotAdapter = captureVendor({
  format: "hubspot",
  title: "HubSpot form submissions",
  authHelp: ["Partner key: Authorization: Bearer <API key> (or ?key=<API key>)"],
  bodyKinds: ["json"],
  secrets: [],
  authenticate: requirePartnerKey,

  sample: (stamp) => ({
    fields: [
      { name: "firstname", value: "Test" },
      { name: "lastname", value: "Lead" },
      { name: "email", value: `test.lead+${stamp}@example.com` },
      { name: "phone", value: "+91 98765 43210" },
    ],
    context: { pageUri: "https://www.example.com/contact", pageName: "Contact us" },
  }),

  vendorId(payload) {
    return isObject(payload) && Array.isArray(payload.fields) ? submissionId(payload) : null;
  },

  adapt({ payload, partner }: AdapterInput): Adapted {
    const p = body(payload);
    const lead = new LeadBuilder();
    const context = isObject(p.context) ? p.context : {};
    const vendorId = submissionId(p);

    lead.force("source", "hubspot");
    lead.assign("external_id", vendorId);
    lead.assign("subsource", context.pageName, "hubspot_page_name");
    lead.assign("landing_page", context.pageUri, "hubspot_page_uri");

    for (const { object, name, value } of groupFields(p.fields as unknown[])) {
      const n = name.toLowerCase();
      if (IGNORED.has(n) || ID_NAMES.has(normKey(name))) continue;
      const mapped = mappingFor(partner.settings.field_mapping, name);
      if (mapped) {
        if ("field" in mapped) lead.assign(mapped.field, value, name);
        else lead.addCustom(mapped.custom, value);
        continue;
      }
      if (object === COMPANY_OBJECT) {
        const field = COMPANY[n];
        if (field) lead.assign(field, value, `company_${name}`);
        else lead.addUnmapped(`company_${name}`, value);
        continue;
      }
      const field = object === CONTACT_OBJECT ? (CONTACT[n] ?? fieldForKey(name)) : null;
      if (field) lead.assign(field, value, name);
      else lead.addUnmapped(object === CONTACT_OBJECT ? name : `${object}:${name}`, value);
    }
    for (const [field, value] of utmFromUrl(context.pageUri)) lead.fallback(field, value);

    lead.addCustom("hubspot_utk", context.hutk);
    lead.addCustom("ip_address", context.ipAddress);
    lead.addCustom("hubspot_page_id", context.pageId);
    lead.addCustom("sfdc_campaign_id", context.sfdcCampaignId);
    lead.addCustom("hubspot_submitted_at", p.submittedAt);

    const legal = isObject(p.legalConsentOptions) ? p.legalConsentOptions : null;
    if (legal && isObject(legal.consent) && typeof legal.consent.consentToProcess === "boolean") {
      lead.assign("gdpr_consent", legal.consent.consentToProcess);
    }
    const adapted: Adapted = { lead: lead.build(), vendorId, isTest: false, unmapped: lead.unmapped };
    if (legal) adapted.consent = p.legalConsentOptions;
    return adapted;
  },
});

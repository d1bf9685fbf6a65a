// Where a sender's field can land on a lead: a canonical lead field, or `custom_fields.<name>`.
// The list mirrors the intake adapters' canonical fields (jobs/intake/adapters/field-names.ts);
// the console keeps its own copy so the browser bundle never imports worker code.

export interface MappingTarget {
  id: string;
  name: string;
  group: string;
}

const t = (group: string, pairs: [string, string][]): MappingTarget[] => pairs.map(([id, name]) => ({ id, name, group }));

export const LEAD_FIELD_TARGETS: readonly MappingTarget[] = [
  ...t("Contact", [
    ["name", "Full name"],
    ["first_name", "First name"],
    ["last_name", "Last name"],
    ["email", "Email"],
    ["phone", "Phone"],
    ["alt_phone", "Alternate phone"],
    ["language", "Language"],
  ]),
  ...t("Company", [
    ["company", "Company"],
    ["job_title", "Job title"],
    ["website", "Website"],
    ["industry", "Industry"],
    ["gstin", "GSTIN"],
  ]),
  ...t("Address", [
    ["address", "Address"],
    ["city", "City"],
    ["state", "State"],
    ["country", "Country"],
    ["postal_code", "Postal code"],
  ]),
  ...t("Attribution", [
    ["source", "Source"],
    ["subsource", "Subsource"],
    ["campaign", "Campaign"],
    ["utm_source", "UTM source"],
    ["utm_medium", "UTM medium"],
    ["utm_campaign", "UTM campaign"],
    ["utm_term", "UTM term"],
    ["utm_content", "UTM content"],
    ["referrer", "Referrer"],
    ["landing_page", "Landing page"],
  ]),
  ...t("Qualification", [
    ["budget", "Budget"],
    ["budget_currency", "Budget currency"],
    ["authority", "Authority"],
    ["need", "Need"],
    ["timeline", "Timeline"],
    ["product_interest", "Product interest"],
    ["message", "Message"],
    ["tags", "Tags"],
  ]),
  ...t("Consent", [
    ["gdpr_consent", "Consent"],
    ["dnd", "Do not disturb"],
  ]),
  ...t("Other", [["external_id", "External id"]]),
];

const KNOWN = new Set(LEAD_FIELD_TARGETS.map((f) => f.id));
export const CUSTOM_PREFIX = "custom_fields.";

/** True for a canonical field or `custom_fields.<name>`; intake ignores any other target. */
export function isValidMappingTarget(target: string): boolean {
  const v = target.trim();
  if (v.startsWith(CUSTOM_PREFIX)) return /^[\w.-]+$/.test(v.slice(CUSTOM_PREFIX.length));
  return KNOWN.has(v);
}

/** "city" → "City"; "custom_fields.plot_size" → "Custom: plot_size"; unknown targets as typed. */
export function mappingTargetLabel(target: string | null | undefined): string {
  if (!target) return "";
  if (target.startsWith(CUSTOM_PREFIX)) return `Custom: ${target.slice(CUSTOM_PREFIX.length)}`;
  return LEAD_FIELD_TARGETS.find((f) => f.id === target)?.name ?? target;
}

// A few common words people name fields by; anything else that equals a field id maps to it.
const SYNONYMS: Record<string, string> = {
  full_name: "name",
  your_name: "name",
  fname: "first_name",
  lname: "last_name",
  surname: "last_name",
  email_address: "email",
  mobile: "phone",
  mobile_number: "phone",
  phone_number: "phone",
  whatsapp: "phone",
  organisation: "company",
  organization: "company",
  company_name: "company",
  designation: "job_title",
  pincode: "postal_code",
  zip: "postal_code",
  comments: "message",
  requirement: "message",
  enquiry: "message",
  product: "product_interest",
  project: "product_interest",
};

/** The lead field a builder's field name most likely stands for, to pre-fill "maps to". */
export function guessMappingTarget(fieldName: string): string | undefined {
  const key = fieldName
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  if (KNOWN.has(key)) return key;
  return SYNONYMS[key];
}

import type { CanonicalLead } from "./canonical.ts";

export type LeadField = Exclude<keyof CanonicalLead, "custom_fields">;

/** "E-mail", "email_address", "Email Address" all read as "email…": case, spaces and punctuation ignored. */
export function normKey(key: string): string {
  return key
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

/**
 * Names senders use for each canonical field, as `normKey` leaves them. Ambiguous words ("title",
 * "url", "id" in a vendor's own payload) are left out on purpose: a wrong guess hides data, an
 * unmapped key only lands in custom fields.
 */
const SYNONYMS: Record<LeadField, string[]> = {
  name: [
    "name",
    "fullname",
    "yourname",
    "contactname",
    "contactperson",
    "customername",
    "leadname",
    "personname",
    "clientname",
    "applicantname",
    "buyername",
  ],
  first_name: ["firstname", "fname", "givenname", "forename"],
  last_name: ["lastname", "lname", "surname", "familyname"],
  email: ["email", "emailaddress", "emailid", "mail", "youremail", "workemail", "businessemail", "officialemail", "contactemail"],
  phone: [
    "phone",
    "phonenumber",
    "phoneno",
    "mobile",
    "mobileno",
    "mobilenumber",
    "mobilephone",
    "contactnumber",
    "contactno",
    "contactphone",
    "telephone",
    "tel",
    "cell",
    "cellphone",
    "cellnumber",
    "yourphone",
    "whatsapp",
    "whatsappnumber",
    "whatsappno",
  ],
  alt_phone: [
    "altphone",
    "alternatephone",
    "alternativephone",
    "alternatenumber",
    "alternatemobile",
    "altmobile",
    "phone2",
    "mobile2",
    "secondaryphone",
    "landline",
    "workphone",
    "officephone",
  ],
  company: [
    "company",
    "companyname",
    "organisation",
    "organization",
    "organisationname",
    "organizationname",
    "org",
    "business",
    "businessname",
    "firm",
    "firmname",
    "employer",
  ],
  job_title: ["jobtitle", "designation", "position", "jobrole", "role"],
  website: ["website", "websiteurl", "companywebsite", "web", "domain"],
  industry: ["industry", "sector", "vertical"],
  gstin: ["gstin", "gst", "gstno", "gstnumber", "gstinnumber"],
  address: ["address", "streetaddress", "street", "address1", "addressline1", "fulladdress", "postaladdress"],
  city: ["city", "town", "citytown", "location"],
  state: ["state", "region", "province", "stateregion", "stateprovince", "stateorregion", "county"],
  country: ["country", "countrycode", "countryname", "nation", "countryiso"],
  postal_code: ["postalcode", "postcode", "zip", "zipcode", "pincode", "pin"],
  language: ["language", "preferredlanguage", "lang", "locale"],
  source: ["source", "leadsource"],
  subsource: ["subsource", "leadsubsource"],
  campaign: ["campaign", "campaignname"],
  utm_source: ["utmsource"],
  utm_medium: ["utmmedium"],
  utm_campaign: ["utmcampaign"],
  utm_term: ["utmterm"],
  utm_content: ["utmcontent"],
  referrer: ["referrer", "referer", "referrerurl", "referringurl"],
  landing_page: ["landingpage", "landingpageurl", "pageurl", "pageuri", "sourceurl", "formurl"],
  budget: ["budget", "budgetamount", "estimatedbudget", "yourbudget"],
  budget_currency: ["budgetcurrency", "currency"],
  authority: ["authority", "decisionmaker"],
  need: ["need", "needs", "painpoint"],
  timeline: ["timeline", "timeframe", "purchasetimeline", "buyingtimeline"],
  product_interest: ["product", "productinterest", "productname", "interestedin", "service", "project", "property"],
  message: [
    "message",
    "comments",
    "comment",
    "requirement",
    "requirements",
    "enquiry",
    "inquiry",
    "query",
    "notes",
    "note",
    "description",
    "details",
    "yourmessage",
    "remarks",
  ],
  gdpr_consent: ["gdprconsent", "consent", "marketingconsent", "privacyconsent", "optin", "agree", "iagree"],
  dnd: ["dnd", "donotdisturb", "donotcall", "donotcontact", "optout"],
  tags: ["tags", "tag"],
  external_id: ["externalid", "id", "leadid"],
};

const BY_SYNONYM = new Map<string, LeadField>();
for (const [field, names] of Object.entries(SYNONYMS) as [LeadField, string[]][]) {
  for (const n of names) BY_SYNONYM.set(n, field);
}

const PERSON_OBJECTS = new Set([
  "contact",
  "lead",
  "person",
  "customer",
  "client",
  "user",
  "buyer",
  "sender",
  "applicant",
  "respondent",
  "prospect",
]);

export const LEAD_FIELDS = Object.keys(SYNONYMS) as LeadField[];

/**
 * The canonical field a sender's key stands for, or null. A dotted key from a nested object
 * ("contact.email") is tried whole ("contactemail") and then by its last part ("email").
 */
export function fieldForKey(key: string): LeadField | null {
  const whole = BY_SYNONYM.get(normKey(key));
  if (whole) return whole;
  const dot = key.lastIndexOf(".");
  if (dot < 0) return null;
  const last = BY_SYNONYM.get(normKey(key.slice(dot + 1))) ?? null;
  // "form.id" is some other object's id, never the lead's; "form.name" is the form's name,
  // while "contact.name" is the person's.
  if (last === "external_id") return null;
  if (last === "name") {
    const parent = normKey(key.slice(0, dot).split(".").pop() ?? "");
    return PERSON_OBJECTS.has(parent) ? "name" : null;
  }
  return last;
}

/** A `field_mapping` target: a canonical field, `custom_fields.<name>`, or null when it is neither. */
export type MappingTarget = { field: LeadField } | { custom: string };

export function parseMappingTarget(target: string): MappingTarget | null {
  const t = target.trim();
  if (t.startsWith("custom_fields.") && t.length > "custom_fields.".length) return { custom: t.slice("custom_fields.".length) };
  return (LEAD_FIELDS as string[]).includes(t) ? { field: t as LeadField } : null;
}

/** The partner's `field_mapping` entry for a sender key: exact first, then case/space-insensitive. */
export function mappingFor(mapping: Record<string, string> | undefined, key: string): MappingTarget | null {
  if (!mapping) return null;
  const exact = mapping[key];
  if (typeof exact === "string") return parseMappingTarget(exact);
  const k = normKey(key);
  for (const [from, to] of Object.entries(mapping)) {
    if (normKey(from) === k && typeof to === "string") return parseMappingTarget(to);
  }
  return null;
}

/**
 * A question's wording ("What's your work email?", "phone_number_(eg.98xxxxxxxx)") read for the
 * field it asks about. Only for vendors whose questions are free text (Typeform titles, Meta and
 * Google custom questions); the order matters: "company name" must not read as a person's name.
 */
const LABEL_RULES: [RegExp, LeadField][] = [
  [/\be-?mail\b/, "email"],
  [/\b(phone|mobile|whatsapp|cell|contact (number|no))\b/, "phone"],
  [/\b(first|given) name\b/, "first_name"],
  [/\b(last|family) name\b|\bsurname\b/, "last_name"],
  [/\b(company|organi[sz]ation|business|firm)\b(?!.*\b(size|employees|type|revenue|turnover|website|industry)\b)/, "company"],
  [/\b(job title|designation|your role|your position)\b/, "job_title"],
  [/\bwebsite\b/, "website"],
  [/\bgst(in)?\b/, "gstin"],
  [/\b(pin ?code|zip|postal code|post code)\b/, "postal_code"],
  [/\b(city|town)\b/, "city"],
  [/\bcountry\b/, "country"],
  [/\bbudget\b/, "budget"],
  [/\b(timeline|time ?frame)\b/, "timeline"],
  [/\b(full name|your name)\b|^name\b/, "name"],
  [/\b(message|comments?|requirements?|anything else|tell us more)\b/, "message"],
];

export function fieldForLabel(label: string): LeadField | null {
  const exact = fieldForKey(label);
  if (exact) return exact;
  const text = label
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[_\s]+/g, " ")
    .trim();
  for (const [re, field] of LABEL_RULES) if (re.test(text)) return field;
  return null;
}

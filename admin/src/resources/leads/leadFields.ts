import { type Choice, humanize } from "../../components/toneModel.ts";
import { LEAD_GRADES, LEAD_PRIORITIES, SETTABLE_LEAD_STATUSES, VALIDATION_STATUSES, customFieldsFromText } from "./leadModel.ts";

// One description of how a salesperson reads a lead, shared by the show page and the forms,
// so a field moved between groups moves everywhere.
export type FieldKind =
  "text" | "longtext" | "email" | "phone" | "url" | "select" | "boolean" | "datetime" | "number" | "money" | "tags" | "reference";

export interface LeadField {
  source: string;
  label: string;
  kind: FieldKind;
  choices?: readonly Choice[];
  reference?: "users" | "teams" | "leads";
  /** Computed by the pipeline: shown, never edited. */
  readOnly?: boolean;
  /** Spans the full width of its group. */
  wide?: boolean;
  min?: number;
  max?: number;
}

export interface LeadFieldGroup {
  id: string;
  label: string;
  fields: LeadField[];
}

const f = (source: string, label: string, kind: FieldKind = "text", extra: Partial<LeadField> = {}): LeadField => ({
  source,
  label,
  kind,
  ...extra,
});

export const LEAD_FIELD_GROUPS: LeadFieldGroup[] = [
  {
    id: "contact",
    label: "Contact",
    fields: [
      f("first_name", "First name"),
      f("last_name", "Last name"),
      f("email", "Email", "email"),
      f("phone", "Phone (as typed)", "phone"),
      f("phone_e164", "Phone (E.164)", "phone", { readOnly: true }),
      f("alt_phone", "Alternate phone", "phone"),
      // Kept when a returning person brought them (docs/dedup.md, Outcomes); read-only, matched by dedup.
      f("additional_emails", "Other emails", "tags", { readOnly: true }),
      f("additional_phones", "Other phones", "tags", { readOnly: true }),
      f("language", "Language"),
      f("address", "Address", "longtext", { wide: true }),
      f("city", "City"),
      f("state", "State"),
      f("country", "Country"),
      f("postal_code", "PIN / postal code"),
    ],
  },
  {
    id: "company",
    label: "Company",
    fields: [
      f("company", "Company"),
      f("job_title", "Job title"),
      f("industry", "Industry"),
      f("website", "Website", "url"),
      f("gstin", "GSTIN"),
    ],
  },
  {
    id: "source",
    label: "Source & attribution",
    fields: [
      f("source", "Source"),
      f("subsource", "Sub-source"),
      f("campaign", "Campaign"),
      f("utm_source", "UTM source"),
      f("utm_medium", "UTM medium"),
      f("utm_campaign", "UTM campaign"),
      f("utm_term", "UTM term"),
      f("utm_content", "UTM content"),
      f("referrer", "Referrer", "url", { wide: true }),
      f("landing_page", "Landing page", "url", { wide: true }),
    ],
  },
  {
    id: "qualification",
    label: "Qualification (BANT)",
    fields: [
      f("status", "Status", "select", { choices: SETTABLE_LEAD_STATUSES }),
      f("stage", "Stage"),
      f("priority", "Priority", "select", { choices: LEAD_PRIORITIES }),
      f("grade", "Grade", "select", { choices: LEAD_GRADES }),
      f("lead_score", "Lead score", "number", { min: 0, max: 100 }),
      f("owner_id", "Owner", "reference", { reference: "users" }),
      f("team_id", "Team", "reference", { reference: "teams" }),
      f("budget", "Budget", "money"),
      f("budget_currency", "Currency"),
      f("authority", "Authority"),
      f("timeline", "Timeline"),
      f("product_interest", "Product interest"),
      f("need", "Need", "longtext", { wide: true }),
      f("message", "Message", "longtext", { wide: true }),
      f("tags", "Tags", "tags", { wide: true }),
    ],
  },
  {
    id: "consent",
    label: "Consent & flags",
    fields: [
      f("gdpr_consent", "Consent given", "boolean"),
      f("consent_at", "Consent at", "datetime"),
      f("dnd", "Do not disturb (DND)", "boolean"),
      f("opt_in_at", "Opted in at", "datetime"),
      f("is_duplicate", "Duplicate", "boolean"),
      f("duplicate_of_id", "Duplicate of", "reference", { reference: "leads" }),
      f("spam_score", "Spam score", "number", { readOnly: true }),
      f("validation_status", "Validation", "select", { choices: VALIDATION_STATUSES, readOnly: true }),
      f("validation_notes", "Validation notes", "tags", { readOnly: true, wide: true }),
      f("converted_at", "Converted at", "datetime", { readOnly: true }),
    ],
  },
];

/** `["a", "b"]` ⇄ `"a, b"` for the tags text box. */
export function tagsToText(value: unknown): string {
  return Array.isArray(value) ? value.join(", ") : typeof value === "string" ? value : "";
}

export function textToTags(text: unknown): string[] {
  if (Array.isArray(text)) return text.map(String);
  if (typeof text !== "string") return [];
  return [
    ...new Set(
      text
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}

/** Pretty JSON for the custom-fields editor; text being typed is shown as typed. */
export function objectToJsonText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  return JSON.stringify(value, null, 2);
}

/** The lead form's values as the API wants them: custom fields as an object. */
export function leadFormToPayload<T extends Record<string, unknown>>(values: T): T {
  return "custom_fields" in values ? { ...values, custom_fields: customFieldsFromText(values.custom_fields) } : values;
}

/** Whether a lead has something to read in this field; yes/no flags always do. */
export function isFilled(field: LeadField, value: unknown): boolean {
  if (field.kind === "boolean") return true;
  if (value === null || value === undefined) return false;
  if (typeof value === "string") return value.trim() !== "";
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** A group's fields split into what the lead has and what is empty, so the show page leads with facts. */
export function splitFilled(group: LeadFieldGroup, lead: Record<string, unknown>): { filled: LeadField[]; empty: LeadField[] } {
  const filled: LeadField[] = [];
  const empty: LeadField[] = [];
  for (const field of group.fields) (isFilled(field, lead[field.source]) ? filled : empty).push(field);
  return { filled, empty };
}

const LABELS = new Map(LEAD_FIELD_GROUPS.flatMap((g) => g.fields.map((field) => [field.source, field.label] as const)));

/** What a person calls a lead column outside the forms (merge history, duplicate review); E.164 is just "Phone" there. */
export function leadFieldLabel(source: string): string {
  if (source === "phone_e164") return "Phone";
  return LABELS.get(source) ?? humanize(source);
}

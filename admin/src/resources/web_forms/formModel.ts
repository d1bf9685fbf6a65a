import { guessMappingTarget, isValidMappingTarget } from "../../components/mappingTargetModel.ts";
import { FORM_FIELD_TYPES as TYPES, type FormFieldType } from "../../../../core/vocabulary.ts";

// The form builder's rules, mirroring what `api/rest/forms.resource.ts` accepts, so mistakes show
// next to the field instead of as a 400 after "Save".

export type { FormFieldType };

export interface FormFieldDef {
  name: string;
  label?: string;
  type: FormFieldType;
  required: boolean;
  maps_to?: string;
  options?: string[];
}

const TYPE_NAMES: Record<FormFieldType, string> = {
  text: "Short text",
  email: "Email",
  tel: "Phone",
  textarea: "Long text",
  select: "Dropdown",
  checkbox: "Checkbox",
  number: "Number",
  url: "URL",
  hidden: "Hidden",
};
export const FORM_FIELD_TYPES: readonly { id: FormFieldType; name: string }[] = TYPES.map((id) => ({ id, name: TYPE_NAMES[id] }));

/** What a new form starts with: the API's own defaults, so a form saved untouched behaves the same. */
export const DEFAULT_FIELDS: readonly FormFieldDef[] = [
  { name: "name", label: "Full name", type: "text", required: true, maps_to: "name" },
  { name: "email", label: "Email", type: "email", required: false, maps_to: "email" },
  { name: "phone", label: "Mobile number", type: "tel", required: false, maps_to: "phone" },
  { name: "company", label: "Company", type: "text", required: false, maps_to: "company" },
  { name: "message", label: "How can we help?", type: "textarea", required: false, maps_to: "message" },
];

const NAME_RE = /^[\w.-]+$/;

/** "Your City?" → "your_city". Labels in other scripts give "" (the API allows ASCII names only). */
export function fieldNameFromLabel(label: string): string {
  return label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 60);
}

/** `base`, or `base_2`, `base_3` … when another field already has that name. */
export function uniqueFieldName(base: string, taken: readonly string[]): string {
  const root = base || "field";
  if (!taken.includes(root)) return root;
  for (let i = 2; ; i++) if (!taken.includes(`${root}_${i}`)) return `${root}_${i}`;
}

export function newField(fields: readonly FormFieldDef[]): FormFieldDef {
  return {
    name: uniqueFieldName(
      `field_${fields.length + 1}`,
      fields.map((f) => f.name),
    ),
    label: "",
    type: "text",
    required: false,
  };
}

/** A name the builder made up (or derived from the label) follows the label; one the user typed stays. */
function nameFollowsLabel(field: FormFieldDef): boolean {
  return field.name === "" || /^field_\d+(_\d+)?$/.test(field.name) || field.name === fieldNameFromLabel(field.label ?? "");
}

/** Applies an edit to one field; a label change renames the field (and guesses its lead field) while the name is still automatic. */
export function updateField(fields: readonly FormFieldDef[], index: number, patch: Partial<FormFieldDef>): FormFieldDef[] {
  return fields.map((field, i) => {
    if (i !== index) return field;
    const next: FormFieldDef = { ...field, ...patch };
    if (patch.label !== undefined && patch.name === undefined && nameFollowsLabel(field)) {
      const derived = fieldNameFromLabel(patch.label);
      if (derived) {
        next.name = uniqueFieldName(
          derived,
          fields.filter((_, j) => j !== index).map((f) => f.name),
        );
        if (!field.maps_to) next.maps_to = guessMappingTarget(next.name);
      }
    }
    if (patch.type !== undefined && patch.type !== "select") delete next.options;
    return next;
  });
}

/** Moves a field up (-1) or down (+1); out-of-range moves leave the list as it was. */
export function moveField<T>(fields: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  if (index < 0 || index >= fields.length || target < 0 || target >= fields.length) return [...fields];
  const out = [...fields];
  [out[index], out[target]] = [out[target], out[index]];
  return out;
}

export function removeField<T>(fields: readonly T[], index: number): T[] {
  return fields.filter((_, i) => i !== index);
}

/** Dropdown options typed one per line (or comma-separated on one line). */
export function optionsFromText(text: string): string[] {
  const parts = text.includes("\n") ? text.split("\n") : text.split(",");
  return parts.map((o) => o.trim()).filter(Boolean);
}

/** Everything wrong with the field list, in one message per problem (empty when it can be saved). */
export function formFieldProblems(fields: readonly FormFieldDef[] | null | undefined, honeypot?: string | null): string[] {
  const problems: string[] = [];
  const list = fields ?? [];
  if (list.length > 100) problems.push("A form holds at most 100 fields");
  const seen = new Set<string>();
  list.forEach((f, i) => {
    const where = `Field ${i + 1}${f.label ? ` (${f.label})` : ""}`;
    const name = (f.name ?? "").trim();
    if (!name) problems.push(`${where}: needs a name`);
    else if (!NAME_RE.test(name)) problems.push(`${where}: the name may hold letters, digits, _ . - only`);
    else if (seen.has(name)) problems.push(`${where}: another field is already named "${name}"`);
    else if (honeypot && name === honeypot) problems.push(`${where}: "${name}" is the spam trap field's name`);
    seen.add(name);
    if (f.type === "select" && !(f.options ?? []).some((o) => o.trim())) problems.push(`${where}: a dropdown needs options`);
    if (f.maps_to && !isValidMappingTarget(f.maps_to))
      problems.push(`${where}: "${f.maps_to}" is not a lead field (use one from the list or custom_fields.<name>)`);
  });
  const contact = list.some((f) => ["email", "phone", "alt_phone"].includes(f.maps_to ?? "") || ["email", "tel"].includes(f.type));
  if (list.length > 0 && !contact) problems.push("Add a field for an email or a phone number: a lead needs a way to reach them");
  return problems;
}

/** The field list as the API takes it: trimmed, no empty optional keys, options only on dropdowns. */
export function cleanFormFields(fields: readonly FormFieldDef[] | null | undefined): FormFieldDef[] {
  return (fields ?? []).map((f) => {
    const out: FormFieldDef = { name: f.name.trim(), type: f.type ?? "text", required: f.required === true };
    const label = (f.label ?? "").trim();
    if (label) out.label = label;
    const mapsTo = (f.maps_to ?? "").trim();
    if (mapsTo) out.maps_to = mapsTo;
    if (out.type === "select") out.options = (f.options ?? []).map((o) => o.trim()).filter(Boolean);
    return out;
  });
}

/** "https://www.example.com/contact" → "https://www.example.com"; "*" stays; anything else null. */
export function normalizeOrigin(input: string): string | null {
  const value = input.trim();
  if (value === "*") return "*";
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !/^https?:\/\//i.test(value)) return null;
  if (/^(javascript|data|mailto|file|about|vbscript|blob):/i.test(value)) return null;
  try {
    const url = new URL(/^https?:\/\//i.test(value) ? value : `https://${value}`);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    if (!url.hostname || /\s/.test(value)) return null;
    return url.origin;
  } catch {
    return null;
  }
}

const WRITABLE = [
  "name",
  "description",
  "allowed_origins",
  "redirect_url",
  "thank_you_message",
  "consent_text",
  "source",
  "subsource",
  "campaign",
  "honeypot_field",
  "owner_id",
  "is_active",
] as const;

/** The builder's values as `POST/PUT /api/forms` takes them: computed columns dropped, "" sent as null. */
export function formWritePayload(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of WRITABLE) {
    if (!(key in values)) continue;
    const v = values[key];
    out[key] = typeof v === "string" ? (v.trim() === "" && key !== "name" ? null : v.trim()) : v;
  }
  if ("allowed_origins" in values) {
    const origins = Array.isArray(values.allowed_origins) ? values.allowed_origins : [];
    out.allowed_origins = [...new Set(origins.map((o) => normalizeOrigin(String(o))).filter((o): o is string => o !== null))];
  }
  if ("fields" in values) out.fields = cleanFormFields(values.fields as FormFieldDef[]);
  return out;
}

/** react-admin validator for the redirect URL: the API takes absolute http(s) URLs only. */
export function validateRedirectUrl(value: unknown): string | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  const text = String(value).trim();
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? undefined : "Use an http(s) address";
  } catch {
    return "A full address like https://www.example.com/thank-you";
  }
}

/** react-admin validator for the spam-trap field's name (same characters as a field name). */
export function validateHoneypot(value: unknown): string | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  return NAME_RE.test(String(value)) ? undefined : "Letters, digits, _ . - only";
}

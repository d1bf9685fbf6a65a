// Tenant-defined fields on leads, accounts, contacts and deals, stored under a record's `custom_fields`.

import {
  CUSTOM_FIELD_TYPES as TYPES,
  RECORD_TYPES,
  type CustomFieldType,
  type RecordType as CustomFieldRecordType,
} from "../../../../core/vocabulary.ts";

export type { CustomFieldRecordType, CustomFieldType };

const RECORD_NAMES: Record<CustomFieldRecordType, string> = { lead: "Lead", account: "Account", contact: "Contact", opportunity: "Deal" };
export const CUSTOM_FIELD_RECORD_TYPES = RECORD_TYPES.map((id) => ({ id, name: RECORD_NAMES[id] }));

const TYPE_NAMES: Record<CustomFieldType, string> = { text: "Text", number: "Number", date: "Date", boolean: "Yes / no", select: "Choice" };
export const CUSTOM_FIELD_TYPES = TYPES.map((id) => ({ id, name: TYPE_NAMES[id] }));

export interface CustomFieldDefinition {
  id: string;
  record_type: CustomFieldRecordType;
  name: string;
  label: string;
  type: CustomFieldType;
  options?: string[] | null;
  required?: boolean | null;
  help?: string | null;
  position?: number | null;
}

export interface CustomInputProps {
  kind: CustomFieldType;
  source: string;
  label: string;
  helperText: string | false;
  /** The API's own wording ("<label> is required"), so a client-side refusal reads like the server's 422. */
  requiredMessage: string | null;
  choices?: { id: string; name: string }[];
}

/** What a form needs to render one definition as an input bound to `custom_fields.<name>`. */
export function customInputProps(def: CustomFieldDefinition): CustomInputProps {
  return {
    kind: CUSTOM_FIELD_TYPES.some((t) => t.id === def.type) ? def.type : "text",
    source: `custom_fields.${def.name}`,
    label: def.label || def.name,
    helperText: def.help?.trim() ? def.help.trim() : false,
    requiredMessage: def.required ? `${def.label || def.name} is required` : null,
    ...(def.type === "select" ? { choices: (def.options ?? []).map((o) => ({ id: o, name: o })) } : {}),
  };
}

/** Definitions in the order a tenant set: position, then label. */
export function sortDefinitions<T extends Pick<CustomFieldDefinition, "position" | "label">>(defs: readonly T[]): T[] {
  return [...defs].sort((a, b) => (a.position ?? 0) - (b.position ?? 0) || a.label.localeCompare(b.label));
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A stored value as a person reads it; "" when there is nothing to show. */
export function formatCustomValue(def: Pick<CustomFieldDefinition, "type">, value: unknown): string {
  if (value === null || value === undefined || value === "") return "";
  switch (def.type) {
    case "boolean":
      return value === true ? "Yes" : value === false ? "No" : String(value);
    case "number":
      return typeof value === "number" ? value.toLocaleString("en-IN") : String(value);
    case "date": {
      // Dates are calendar days (YYYY-MM-DD): read the parts, not a UTC instant that may shift a day.
      const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value));
      return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : String(value);
    }
    default:
      return typeof value === "object" ? JSON.stringify(value) : String(value);
  }
}

/** A choice's options as typed in the settings form (one a line) or as stored (an array): trimmed, no blanks, no repeats. */
export function optionList(value: unknown): string[] {
  const raw = Array.isArray(value) ? value : typeof value === "string" ? value.split(/\r?\n/) : [];
  return [...new Set(raw.map((o) => String(o ?? "").trim()).filter(Boolean))];
}

/** `["Gold", "Silver"]` → "Gold\nSilver" for the options text box; text being typed stays as typed. */
export function optionsToText(value: unknown): string {
  return Array.isArray(value) ? value.join("\n") : typeof value === "string" ? value : "";
}

/** The settings form's values as the API takes them: options only for a choice, as a list. */
export function definitionPayload(values: Record<string, unknown>): Record<string, unknown> {
  const { options, ...rest } = values;
  return {
    ...rest,
    ...(values.type === "select" ? { options: optionList(options) } : {}),
    help: typeof values.help === "string" && values.help.trim() ? values.help.trim() : null,
    required: values.required === true,
  };
}

/** Form-level checks the API would make, worded for the settings page. */
export function validateDefinition(values: Record<string, unknown>): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.record_type) errors.record_type = "Pick the record this field belongs to";
  if (typeof values.name !== "string" || !/^[a-z][a-z0-9_]{0,62}$/.test(values.name))
    errors.name = "snake_case, starting with a letter (e.g. plot_size)";
  if (typeof values.label !== "string" || !values.label.trim()) errors.label = "A label is required";
  if (!values.type) errors.type = "Pick a type";
  if (values.type === "select" && optionList(values.options).length === 0) errors.options = "A choice needs at least one option";
  return errors;
}

import type { ZodType } from "zod";
import { canonicalLeadSchema, type CanonicalLead } from "./canonical.ts";

type LeadField = Exclude<keyof CanonicalLead, "custom_fields">;

/** Longest text each field takes, read from the canonical schema so the two never drift apart. */
export const MAX_LENGTH: Partial<Record<LeadField, number>> = {};
for (const [field, schema] of Object.entries(canonicalLeadSchema.shape)) {
  let s = schema as ZodType & { def: { type: string; innerType?: ZodType }; maxLength?: number | null };
  while ((s.def.type === "optional" || s.def.type === "nullable") && s.def.innerType) s = s.def.innerType as typeof s;
  if (s.def.type === "string" && typeof s.maxLength === "number") MAX_LENGTH[field as LeadField] = s.maxLength;
}

/** Fields whose line breaks mean something; every other field is one line. */
export const MULTILINE = new Set<LeadField>(["message", "need", "address"]);
export const CUSTOM_KEY_MAX = 100;
export const CUSTOM_TEXT_MAX = 10_000;
export const TAG_MAX = 100;
export const TAGS_MAX = 50;

/** Cut to `max` UTF-16 units (what zod counts) without splitting a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

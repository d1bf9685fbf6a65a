import { canonicalLeadSchema, type CanonicalLead } from "../lead/canonical.ts";
import { clip, CUSTOM_KEY_MAX, CUSTOM_TEXT_MAX, MAX_LENGTH, MULTILINE, TAG_MAX, TAGS_MAX } from "../lead/limits.ts";
import type { LeadField } from "../lead/field-names.ts";

type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

const BUDGET_MAX = 1e13;

export { clip };

/** A vendor value as text, or null when it carries nothing: numbers kept as written, lists joined. */
export function toText(raw: unknown): string | null {
  if (raw == null) return null;
  if (typeof raw === "string") return raw;
  if (typeof raw === "number") return Number.isFinite(raw) ? String(raw) : null;
  if (typeof raw === "bigint" || typeof raw === "boolean") return String(raw);
  if (Array.isArray(raw)) {
    const parts = raw.map(toText).filter((p): p is string => !!p && p.trim() !== "");
    return parts.length ? parts.join(", ") : null;
  }
  // fast-xml-parser keeps an element's text under "#text" when the element also has attributes.
  if (isObject(raw) && "#text" in raw) return toText(raw["#text"]);
  return null;
}

/** One-line text: NFC, whitespace runs collapsed; multi-line text keeps its line breaks. */
export function cleanText(raw: unknown, multiline = false): string | null {
  const t = toText(raw);
  if (t == null) return null;
  const n = t.normalize("NFC");
  const cleaned = multiline
    ? n
        .replace(/\r\n?/g, "\n")
        .replace(/[^\S\n]+/g, " ")
        .replace(/ *\n */g, "\n")
        .replace(/\n{3,}/g, "\n\n")
        .trim()
    : n.replace(/\s+/g, " ").trim();
  return cleaned || null;
}

const TRUE = new Set([
  "true",
  "yes",
  "y",
  "1",
  "on",
  "checked",
  "agree",
  "agreed",
  "accept",
  "accepted",
  "optin",
  "opted in",
  "subscribed",
  "granted",
]);
const FALSE = new Set([
  "false",
  "no",
  "n",
  "0",
  "off",
  "unchecked",
  "disagree",
  "declined",
  "decline",
  "optout",
  "opted out",
  "unsubscribed",
  "denied",
]);

/** Consent-style answers: "yes", "true", "1", "on", a ticked checkbox… → boolean; null when unreadable. */
export function toBool(raw: unknown): boolean | null {
  if (typeof raw === "boolean") return raw;
  if (typeof raw === "number") return raw === 1 ? true : raw === 0 ? false : null;
  const t = cleanText(raw)?.toLowerCase().replace(/[-_]/g, " ").replace(/^opt /, "opt");
  if (!t) return null;
  if (TRUE.has(t) || TRUE.has(t.replace(/ /g, ""))) return true;
  if (FALSE.has(t) || FALSE.has(t.replace(/ /g, ""))) return false;
  return null;
}

const CURRENCY_SIGNS: Record<string, string> = { "₹": "INR", rs: "INR", "rs.": "INR", $: "USD", "€": "EUR", "£": "GBP" };

/**
 * Ids as text; 0 means "none" (Google and Meta send 0 for a missing ad or ad group). A 64-bit id
 * that arrived as a JSON number may already have lost digits (see google-ads.ts).
 */
export function idText(raw: unknown): string | null {
  if (typeof raw === "number") return Number.isFinite(raw) && raw !== 0 ? (Number.isInteger(raw) ? raw.toFixed(0) : String(raw)) : null;
  const t = cleanText(raw);
  return t && t !== "0" ? clip(t, 200) : null;
}

export type Outcome = "set" | "empty" | "kept";

/**
 * Builds one canonical lead from vendor values: the first value for a field wins, a second one
 * lands in custom fields under the sender's key (a second phone becomes `alt_phone`), and every
 * value is cut to the schema's limits, so a long vendor value never fails the lead.
 */
export class LeadBuilder {
  private readonly lead: Json = {};
  private readonly custom: Json = {};
  private readonly drift: string[] = [];

  has(field: LeadField): boolean {
    return this.lead[field] != null;
  }

  get(field: LeadField): unknown {
    return this.lead[field];
  }

  /** Puts a vendor value into a field; when the field is taken or the value does not fit it, into custom fields as `key`. */
  assign(field: LeadField, raw: unknown, key: string = field): Outcome {
    const outcome = this.trySet(field, raw);
    if (outcome === "rejected" || outcome === "taken") {
      if (outcome === "taken" && field === "phone" && this.trySet("alt_phone", raw) === "set") return "set";
      return this.addCustom(key, raw) ? "kept" : "empty";
    }
    return outcome;
  }

  /** Sets a field only when it is still empty; used for defaults such as `source`. */
  fallback(field: LeadField, raw: unknown): void {
    if (!this.has(field)) this.trySet(field, raw);
  }

  /** Overwrites a field (vendor facts such as `source` that payload values must not replace). */
  force(field: LeadField, raw: unknown): void {
    delete this.lead[field];
    this.trySet(field, raw);
  }

  /** A custom field; empty values are dropped. Returns whether anything was kept. */
  addCustom(key: string, raw: unknown): boolean {
    const value = customValue(raw);
    if (value === undefined) return false;
    let k = clip(key.trim() || "field", CUSTOM_KEY_MAX);
    for (let i = 2; k in this.custom; i++) {
      if (JSON.stringify(this.custom[k]) === JSON.stringify(value)) return true;
      k = `${clip(key.trim() || "field", CUSTOM_KEY_MAX - String(i).length - 1)}_${i}`;
    }
    this.custom[k] = value;
    return true;
  }

  /** A field the sender sent that no mapping uses: kept in custom fields and reported as drift. */
  addUnmapped(key: string, raw: unknown): void {
    this.addCustom(key, raw);
    if (!this.drift.includes(key)) this.drift.push(key);
  }

  get unmapped(): string[] {
    return [...this.drift];
  }

  /** The lead, checked against the canonical schema (a bug here must fail loudly, not store junk). */
  build(): CanonicalLead {
    const lead = { ...this.lead };
    if (Object.keys(this.custom).length) lead.custom_fields = { ...this.custom };
    return canonicalLeadSchema.parse(lead);
  }

  private trySet(field: LeadField, raw: unknown): Outcome | "taken" | "rejected" {
    const value = coerce(field, raw);
    if (value === undefined) return "empty";
    if (value === null) return "rejected";
    if (field === "tags") {
      const tags = [...((this.lead.tags as string[] | undefined) ?? [])];
      for (const t of value as string[]) if (!tags.includes(t) && tags.length < TAGS_MAX) tags.push(t);
      this.lead.tags = tags;
      return "set";
    }
    const current = this.lead[field];
    if (current != null) return current === value ? "set" : "taken";
    this.lead[field] = value;
    return "set";
  }
}

/** The value a field takes; undefined when the vendor sent nothing, null when it cannot go in this field. */
function coerce(field: LeadField, raw: unknown): unknown {
  switch (field) {
    case "gdpr_consent":
    case "dnd": {
      if (cleanText(raw) == null && typeof raw !== "boolean") return undefined;
      return toBool(raw);
    }
    case "tags": {
      const list = Array.isArray(raw) ? raw : (toText(raw)?.split(/[,;]/) ?? []);
      const tags = list
        .map((t) => cleanText(t))
        .filter((t): t is string => !!t)
        .map((t) => clip(t, TAG_MAX));
      return tags.length ? tags : undefined;
    }
    case "budget": {
      if (typeof raw === "number") return Number.isFinite(raw) && raw >= 0 && raw <= BUDGET_MAX ? raw : clip(String(raw), 50);
      const t = cleanText(raw);
      return t == null ? undefined : clip(t, 50);
    }
    case "budget_currency": {
      const t = cleanText(raw);
      if (t == null) return undefined;
      if (/^[a-z]{3}$/i.test(t)) return t.toUpperCase();
      return CURRENCY_SIGNS[t.toLowerCase()] ?? null;
    }
    default: {
      const t = cleanText(raw, MULTILINE.has(field));
      if (t == null) return undefined;
      const max = MAX_LENGTH[field];
      return max ? clip(t, max) : t;
    }
  }
}

function customValue(raw: unknown): unknown {
  if (raw == null) return undefined;
  if (typeof raw === "string") {
    const t = cleanText(raw, raw.includes("\n"));
    return t == null ? undefined : clip(t, CUSTOM_TEXT_MAX);
  }
  if (typeof raw === "number") return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw === "boolean") return raw;
  if (typeof raw === "bigint") return raw.toString();
  if (Array.isArray(raw)) {
    const items = raw.map(customValue).filter((v) => v !== undefined);
    return items.length ? items : undefined;
  }
  if (isObject(raw)) return Object.keys(raw).length ? raw : undefined;
  return undefined;
}

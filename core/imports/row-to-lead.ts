import type { CanonicalLead } from "../lead/canonical.ts";
import { clip, CUSTOM_KEY_MAX, CUSTOM_TEXT_MAX, MAX_LENGTH, MULTILINE, TAG_MAX, TAGS_MAX } from "../lead/limits.ts";
import { normKey, parseMappingTarget, type LeadField } from "../lead/field-names.ts";
import { snakeKey } from "./header-synonyms.ts";
import { restoreCell } from "./mapping.ts";

export interface ImportDefaults {
  source?: string;
  subsource?: string;
  campaign?: string;
  /** Added to every row's own tags. */
  tags?: string[];
}

export interface RowLead {
  /** Accepted by `canonicalLeadSchema`; contacts are not checked here. */
  lead: CanonicalLead;
  /** Headers with a value in this row and no entry in the mapping. */
  unmapped: string[];
  /** Values cut to the schema's limits, unreadable yes/no answers… one sentence each. */
  notes: string[];
}

const BUDGET_TEXT_MAX = 50;
const CURRENCY_SIGNS: Record<string, string> = {
  "₹": "INR",
  rs: "INR",
  "rs.": "INR",
  inr: "INR",
  $: "USD",
  us$: "USD",
  "€": "EUR",
  "£": "GBP",
};
/** What spreadsheets and CRMs write for "no value". */
const NO_VALUE = /^(null|nil|undefined|n\/?a|#n\/a|-+)$/i;

type Slot =
  | { index: number; header: string; kind: "field"; field: LeadField }
  | { index: number; header: string; kind: "custom"; key: string }
  | { index: number; header: string; kind: "unmapped"; key: string | null };

/**
 * One row as a canonical lead. `mapping` is header → lead field, `custom_fields.<name>` or
 * "skip" (matched exactly, else ignoring case and punctuation); a header with no entry goes to
 * custom fields when `opts.unmapped` is "custom". Cells are trimmed, empty ones and "N/A"-style
 * placeholders are absent, a leading `'` put by `neutralizeCell` is taken off. Text too long for
 * the schema is cut with a note instead of failing the row. A second value for a taken field goes
 * to `alt_phone` (phones) or to a custom field; yes/no columns for `dnd` add up (any "yes" wins).
 */
export function rowToLead(
  headers: string[],
  cells: string[],
  mapping: Record<string, string>,
  defaults: ImportDefaults = {},
  opts: { unmapped: "custom" | "skip" } = { unmapped: "custom" },
): RowLead {
  const lead: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  const notes: string[] = [];
  const unmapped: string[] = [];

  const addCustom = (key: string, value: string, header: string) => {
    const base = clip(key, CUSTOM_KEY_MAX) || "field";
    let k = base;
    for (let n = 2; k in custom; n++) {
      if (custom[k] === value) return;
      k = `${clip(base, CUSTOM_KEY_MAX - String(n).length - 1)}_${n}`;
    }
    custom[k] = cut(value, CUSTOM_TEXT_MAX, header, notes);
  };

  for (const slot of planFor(headers, mapping, opts.unmapped)) {
    const value = cellValue(cells[slot.index]);
    if (value === null) continue;
    if (slot.kind === "unmapped") {
      unmapped.push(slot.header);
      if (slot.key) addCustom(slot.key, value, slot.header);
      continue;
    }
    if (slot.kind === "custom") {
      addCustom(slot.key, value, slot.header);
      continue;
    }
    const { field, header } = slot;
    const spare = () => addCustom(snakeKey(header, slot.index), value, header);
    switch (field) {
      case "dnd":
      case "gdpr_consent": {
        const yes = readBool(value, field);
        if (yes === null) {
          notes.push(`"${header}": "${clip(value, 50)}" is neither yes nor no; kept as a custom field`);
          spare();
        } else if (field === "dnd") lead.dnd = lead.dnd === true || yes;
        else if (lead.gdpr_consent == null) lead.gdpr_consent = yes;
        else spare();
        break;
      }
      case "tags":
        addTags(lead, value.split(/[;,]/), header, notes);
        break;
      case "budget":
        if (lead.budget == null) lead.budget = cut(oneLine(value), BUDGET_TEXT_MAX, header, notes);
        else spare();
        break;
      case "budget_currency": {
        const code = currency(value);
        if (code && lead.budget_currency == null) lead.budget_currency = code;
        else {
          if (!code) notes.push(`"${header}": "${clip(value, 50)}" is no currency code; kept as a custom field`);
          spare();
        }
        break;
      }
      default: {
        const text = MULTILINE.has(field) ? multiLine(value) : oneLine(value);
        const target = lead[field] == null ? field : field === "phone" && lead.alt_phone == null ? "alt_phone" : null;
        if (!target) {
          spare();
          break;
        }
        const max = MAX_LENGTH[target];
        lead[target] = max ? cut(text, max, header, notes) : text;
      }
    }
  }

  for (const f of ["source", "subsource", "campaign"] as const) {
    const d = defaults[f]?.trim();
    if (lead[f] == null && d) lead[f] = clip(oneLine(d), MAX_LENGTH[f] ?? 200);
  }
  if (defaults.tags?.length) addTags(lead, defaults.tags, "default tags", notes);
  if (Object.keys(custom).length) lead.custom_fields = custom;
  return { lead: lead as CanonicalLead, unmapped, notes };
}

/** Where each column goes, worked out once per mapping and header list (a file's rows all share them). */
const plans = new WeakMap<Record<string, string>, { headers: string[]; unmapped: string; slots: Slot[] }>();

function planFor(headers: string[], mapping: Record<string, string>, unmappedMode: "custom" | "skip"): Slot[] {
  const cached = plans.get(mapping);
  if (cached && cached.headers === headers && cached.unmapped === unmappedMode) return cached.slots;
  const loose = new Map<string, string>();
  for (const [from, to] of Object.entries(mapping)) if (typeof to === "string" && !loose.has(normKey(from))) loose.set(normKey(from), to);
  const slots: Slot[] = [];
  headers.forEach((header, index) => {
    const to = Object.hasOwn(mapping, header) && typeof mapping[header] === "string" ? mapping[header] : loose.get(normKey(header));
    if (to !== undefined && to.trim() === "skip") return;
    const target = to === undefined ? null : parseMappingTarget(to);
    if (target && "field" in target) slots.push({ index, header, kind: "field", field: target.field });
    else if (target) slots.push({ index, header, kind: "custom", key: target.custom });
    else slots.push({ index, header, kind: "unmapped", key: unmappedMode === "custom" ? snakeKey(header, index) : null });
  });
  plans.set(mapping, { headers, unmapped: unmappedMode, slots });
  return slots;
}

/** A cell's value, or null when it holds nothing. */
function cellValue(raw: string | undefined): string | null {
  if (raw == null) return null;
  let v = raw.includes("\0") ? raw.replace(/\0/g, "") : raw;
  v = restoreCell(v);
  v = v.trim();
  return v === "" || NO_VALUE.test(v) ? null : v.normalize("NFC");
}

const oneLine = (v: string) => v.replace(/\s+/g, " ");
const multiLine = (v: string) =>
  v
    .replace(/\r\n?/g, "\n")
    .replace(/[^\S\n]+/g, " ")
    .replace(/ *\n */g, "\n")
    .replace(/\n{3,}/g, "\n\n");

function cut(text: string, max: number, header: string, notes: string[]): string {
  if (text.length <= max) return text;
  notes.push(`"${header}" cut to ${max} characters`);
  return clip(text, max);
}

function addTags(lead: Record<string, unknown>, raw: string[], header: string, notes: string[]): void {
  const tags = (lead.tags as string[] | undefined) ?? [];
  let dropped = 0;
  for (const t of raw) {
    const tag = oneLine(t.trim());
    if (!tag || tags.some((x) => x.toLowerCase() === tag.toLowerCase())) continue;
    if (tags.length >= TAGS_MAX) dropped++;
    else tags.push(cut(tag, TAG_MAX, header, notes));
  }
  if (dropped) notes.push(`"${header}": ${dropped} tags past the first ${TAGS_MAX} dropped`);
  if (tags.length) lead.tags = tags;
}

function currency(value: string): string | null {
  const v = value.trim();
  if (/^[a-z]{3}$/i.test(v)) return v.toUpperCase();
  return CURRENCY_SIGNS[v.toLowerCase()] ?? null;
}

const YES = new Set(["yes", "y", "true", "t", "1", "on", "x", "checked", "✓", "✔"]);
const NO = new Set(["no", "n", "false", "f", "0", "off", "unchecked"]);
/** Words that say the person opted out: true for `dnd`, false for `gdpr_consent`. */
const OUT = new Set([
  "opted out",
  "opt out",
  "optout",
  "unsubscribed",
  "do not call",
  "do not contact",
  "do not email",
  "dnd",
  "blocked",
  "withdrawn",
  "denied",
  "declined",
]);
/** Words that say the person opted in: false for `dnd`, true for `gdpr_consent`. */
const IN = new Set(["opted in", "opt in", "optin", "subscribed", "granted", "agreed", "accepted", "consented", "given"]);

/** A yes/no cell for `dnd` or `gdpr_consent`; null when it is neither. */
function readBool(value: string, field: "dnd" | "gdpr_consent"): boolean | null {
  const v = value.toLowerCase().replace(/[-_]/g, " ").replace(/\s+/g, " ").replace(/\.$/, "").trim();
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  if (OUT.has(v)) return field === "dnd";
  if (IN.has(v)) return field !== "dnd";
  return null;
}

import { type Tone, choicesOf, humanize, toneOf } from "../../components/toneModel.ts";
import {
  LEAD_GRADES as GRADES,
  LEAD_PRIORITIES as PRIORITIES,
  LEAD_STATUSES as STATUSES,
  VALIDATION_STATUSES as VALIDATIONS,
  type LeadStatus,
} from "../../../../core/vocabulary.ts";

export interface Lead {
  id: string;
  lead_number?: string;
  first_name?: string | null;
  last_name?: string | null;
  email?: string | null;
  company?: string | null;
  phone?: string | null;
  phone_e164?: string | null;
  status?: LeadStatus;
  lead_score?: number | null;
  budget?: number | string | null;
  budget_currency?: string | null;
  custom_fields?: Record<string, unknown> | null;
  [key: string]: unknown;
}

export const LEAD_STATUSES = choicesOf(STATUSES, {
  new: ["New", "blue"],
  contacted: ["Contacted", "indigo"],
  qualified: ["Qualified", "teal"],
  nurturing: ["Nurturing", "amber"],
  converted: ["Converted", "green"],
  unqualified: ["Unqualified", "grey"],
  lost: ["Lost", "red"],
});

/** Statuses a person sets by hand: a lead becomes "converted" by conversion only (the API answers lead_convert_instead). */
export const SETTABLE_LEAD_STATUSES = LEAD_STATUSES.filter((s) => s.id !== "converted");

/** A lead still being worked: not converted, lost or disqualified. */
export const OPEN_LEAD_STATUSES: LeadStatus[] = STATUSES.filter((s) => !["converted", "lost", "unqualified"].includes(s));

/** "My leads" as a rep opens it: open leads, the SLA due soonest first (no SLA last), then the newest. */
export const MY_LEADS_DEFAULTS = {
  filter: { status: OPEN_LEAD_STATUSES },
  sort: { field: "sla_due_at", order: "ASC" as const },
};

export const LEAD_PRIORITIES = choicesOf(PRIORITIES, {
  low: ["Low", "grey"],
  medium: ["Medium", "blue"],
  high: ["High", "orange"],
  urgent: ["Urgent", "red"],
});

export const LEAD_GRADES = choicesOf(GRADES, { A: ["A", "green"], B: ["B", "teal"], C: ["C", "amber"], D: ["D", "grey"] });

export const VALIDATION_STATUSES = choicesOf(VALIDATIONS, {
  valid: ["Valid", "green"],
  partial: ["Partial", "amber"],
  invalid: ["Invalid", "red"],
});

/** What a salesperson calls the lead: the person's name, else how we can reach them, else the number. */
export function leadDisplayName(lead: Partial<Lead> | null | undefined): string {
  if (!lead) return "";
  const name = [lead.first_name, lead.last_name]
    .map((p) => (p ?? "").trim())
    .filter(Boolean)
    .join(" ");
  return name || lead.email?.trim() || lead.company?.trim() || lead.lead_number || String(lead.id ?? "");
}

/** Up to two initials for the avatar; grapheme-aware so Devanagari names keep their vowel signs. */
export function leadInitials(lead: Partial<Lead> | null | undefined): string {
  const parts = [lead?.first_name, lead?.last_name].map((p) => (p ?? "").trim()).filter(Boolean);
  const source = parts.length ? parts : [leadDisplayName(lead)].filter(Boolean);
  return (
    source
      .slice(0, 2)
      // Skip leading punctuation so "<script>" or "(Mr) Rao" still give a letter.
      .map((p) => firstGrapheme(p.replace(/^[^\p{L}\p{N}]+/u, "") || p).toUpperCase())
      .join("")
  );
}

function firstGrapheme(text: string): string {
  const Segmenter = (Intl as { Segmenter?: typeof Intl.Segmenter }).Segmenter;
  if (Segmenter) {
    for (const { segment } of new Segmenter(undefined, { granularity: "grapheme" }).segment(text)) return segment;
  }
  return Array.from(text)[0] ?? "";
}

export const statusTone = (status: unknown): Tone => toneOf(LEAD_STATUSES, status);
export const priorityTone = (priority: unknown): Tone => toneOf(LEAD_PRIORITIES, priority);

/** Score bands as reps use them: cold below 40, warm to 69, hot from 70 (the default conversion rule). */
export function scoreBand(score: unknown): { label: "cold" | "warm" | "hot"; tone: Tone; value: number } {
  const n = Number(score);
  const value = Number.isFinite(n) ? Math.max(0, Math.min(100, Math.round(n))) : 0;
  if (value >= 70) return { label: "hot", tone: "green", value };
  if (value >= 40) return { label: "warm", tone: "amber", value };
  return { label: "cold", tone: "grey", value };
}

/** `₹12,50,000` in Indian grouping for INR, the currency's own symbol otherwise; unknown codes stay readable. */
export function formatBudget(amount: unknown, currency?: string | null): string {
  if (amount === null || amount === undefined || amount === "") return "—";
  const n = Number(amount);
  if (!Number.isFinite(n)) return String(amount);
  const code = (currency || "INR").toUpperCase();
  try {
    return new Intl.NumberFormat(code === "INR" ? "en-IN" : "en", {
      style: "currency",
      currency: code,
      maximumFractionDigits: n % 1 === 0 ? 0 : 2,
    }).format(n);
  } catch {
    return `${code} ${n.toLocaleString("en-IN")}`;
  }
}

/** Custom fields as label/value rows; nested values as compact JSON so nothing is hidden. */
export function customFieldRows(custom: unknown): { key: string; label: string; value: string }[] {
  if (!custom || typeof custom !== "object" || Array.isArray(custom)) return [];
  return Object.entries(custom as Record<string, unknown>)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => ({
      key,
      label: humanize(key),
      value: value === null || value === undefined ? "—" : typeof value === "object" ? JSON.stringify(value) : String(value),
    }));
}

/** Fields the API computes; the edit form never sends them back (PUT carries only what a person may change). */
export const LEAD_READ_ONLY_FIELDS = [
  "id",
  "tenant_id",
  "lead_number",
  "phone_e164",
  "email_canonical",
  "company_normalized",
  "spam_score",
  "validation_status",
  "validation_notes",
  "converted_at",
  "converted_account_id",
  "converted_contact_id",
  "converted_opportunity_id",
  "inbound_event_id",
  "last_activity_at",
  "first_contacted_at",
  "created_by",
  "created_at",
  "updated_at",
  "deleted_at",
  "search",
] as const;

/** Local calendar day → ISO instants for `created_at_gte` / `created_at_lte` so "to 22 Nov" includes that day. */
export function startOfDayIso(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(y, m - 1, d, 0, 0, 0, 0).toISOString();
}

export function endOfDayIso(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(y, m - 1, d, 23, 59, 59, 999).toISOString();
}

/** ISO instant (or day) → the `YYYY-MM-DD` a date input shows, in local time. */
export function toDayInput(value: unknown): string {
  if (typeof value !== "string" || !value) return "";
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Only http(s) links leave the console: a lead's `website` could be `javascript:…`. Bare domains get https. */
export function safeExternalUrl(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (!text) return null;
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text.replace(/^\/+/, "")}`;
  try {
    const url = new URL(candidate);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The custom-fields editor keeps what the person typed (re-formatting on every valid keystroke would move
 * the caret); it becomes an object only when saved, via `customFieldsFromText`.
 */
export function customFieldsFromText(value: unknown): unknown {
  if (typeof value !== "string") return value ?? {};
  if (!value.trim()) return {};
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

export function validateJsonObject(value: unknown): string | undefined {
  const parsed = customFieldsFromText(value);
  if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return undefined;
  return 'Custom fields must be a JSON object, e.g. {"plot_size": "2400 sq ft"}';
}

/** A lead needs a way to reach the person: an email or a phone (the API answers `validation_failed` otherwise). */
export function validateLeadForm(values: Record<string, unknown>): Record<string, string> {
  const errors: Record<string, string> = {};
  const has = (k: string) => typeof values[k] === "string" && (values[k] as string).trim() !== "";
  if (!has("email") && !has("phone")) {
    errors.email = "A lead needs an email or a phone";
  }
  if (has("email") && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test((values.email as string).trim())) {
    errors.email = "This does not look like an email address";
  }
  const score = values.lead_score;
  if (score !== undefined && score !== null && score !== "" && !(Number(score) >= 0 && Number(score) <= 100)) {
    errors.lead_score = "Lead score is between 0 and 100";
  }
  const budget = values.budget;
  if (budget !== undefined && budget !== null && budget !== "" && !(Number(budget) >= 0)) {
    errors.budget = "Budget cannot be negative";
  }
  // react-admin ignores input-level validators when the form has a `validate`: every rule lives here.
  const custom = validateJsonObject(values.custom_fields);
  if (custom) errors.custom_fields = custom;
  return errors;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A list cell's date on two short lines: "22 Nov" (year only when not this year) over "2:35 pm". */
export function dayAndTime(iso: unknown, now: Date = new Date()): { day: string; time: string } | null {
  if (typeof iso !== "string" || !iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  const day = `${d.getDate()} ${MONTHS[d.getMonth()]}${d.getFullYear() === now.getFullYear() ? "" : ` ${d.getFullYear()}`}`;
  const hours = d.getHours() % 12 || 12;
  const time = `${hours}:${String(d.getMinutes()).padStart(2, "0")} ${d.getHours() < 12 ? "am" : "pm"}`;
  return { day, time };
}

/**
 * Where the lead stands against its assignment SLA, for the header: missed (reassigned or escalated),
 * overdue (the timer job has not run yet), or due; nothing once the owner made contact or without an SLA.
 */
export function slaState(lead: Partial<Lead>, now: Date = new Date()): { label: string; tone: Tone } | null {
  if (typeof lead.sla_breached_at === "string" && lead.sla_breached_at) return { label: "SLA missed", tone: "red" };
  if (lead.first_contacted_at || typeof lead.sla_due_at !== "string" || !lead.sla_due_at) return null;
  const due = new Date(lead.sla_due_at);
  if (Number.isNaN(due.getTime())) return null;
  if (due <= now) return { label: "SLA overdue", tone: "red" };
  const sameDay = due.toDateString() === now.toDateString();
  const time = due.toLocaleTimeString("en-IN", { hour: "numeric", minute: "2-digit" });
  return {
    label: `Contact by ${sameDay ? time : `${due.toLocaleDateString("en-IN", { day: "numeric", month: "short" })}, ${time}`}`,
    tone: "amber",
  };
}

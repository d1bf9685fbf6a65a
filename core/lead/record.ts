import type { CanonicalLead } from "./canonical.ts";
import { canonicalEmail, checkContact, cleanText, nationalNumber, normalizeCompany, regionFor, splitName, tidyName } from "./normalize.ts";

/** Lead columns a canonical lead fills, normalised. */
export interface LeadFields {
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  email_canonical: string | null;
  phone: string | null;
  phone_e164: string | null;
  alt_phone: string | null;
  company: string | null;
  company_normalized: string | null;
  [column: string]: unknown;
}

const PLAIN_TEXT = [
  "job_title",
  "website",
  "industry",
  "address",
  "city",
  "state",
  "country",
  "postal_code",
  "language",
  "source",
  "subsource",
  "campaign",
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "utm_term",
  "utm_content",
  "referrer",
  "landing_page",
  "authority",
  "need",
  "timeline",
  "product_interest",
] as const;

/** The largest budget a lead's numeric(15,2) column holds (the API's schema says the same of a number). */
const MAX_BUDGET = 1e13;

/** "5,00,000", "₹5 lakh", "2.5 cr", 500000 → 500000; anything else, or more than fits, → null (kept in custom fields). */
export function parseBudget(raw: string | number | null | undefined): number | null {
  if (raw == null) return null;
  if (typeof raw === "number") return raw <= MAX_BUDGET ? raw : null;
  const m = /^([\d.,]+)\s*(k|thousand|l|lac|lakh|lakhs|cr|crore|crores|m|mn|million)?$/i.exec(
    raw.replace(/[₹$€£]|rs\.?|inr|usd/gi, "").trim(),
  );
  if (!m) return null;
  const n = Number(m[1].replace(/,/g, ""));
  if (!Number.isFinite(n)) return null;
  const unit = (m[2] ?? "").toLowerCase();
  const factor =
    unit.startsWith("k") || unit === "thousand" ? 1e3 : /^l/.test(unit) ? 1e5 : /^c/.test(unit) ? 1e7 : /^m/.test(unit) ? 1e6 : 1;
  const budget = Math.round(n * factor * 100) / 100;
  return budget <= MAX_BUDGET ? budget : null;
}

/**
 * Normalises a canonical lead into lead columns: trimmed and tidied names (a full name is split),
 * canonical email, E.164 phones read in the lead's country (else the tenant's region), company
 * without legal suffix for matching, and notes on what was dropped.
 */
export function toLeadFields(
  lead: CanonicalLead,
  tenantRegion: string,
): { fields: LeadFields; notes: string[]; valid: boolean; droppedEmail: string | null } {
  const region = regionFor(lead.country, tenantRegion);
  const contact = checkContact(lead, region);
  let first = tidyName(lead.first_name);
  let last = tidyName(lead.last_name);
  const full = tidyName(lead.name);
  if (!first && !last && full) ({ first, last } = splitName(full));
  const company = cleanText(lead.company);
  const fields: LeadFields = {
    first_name: first,
    last_name: last,
    email: contact.email,
    email_canonical: contact.email ? canonicalEmail(contact.email) : null,
    phone: cleanText(lead.phone) ?? cleanText(lead.alt_phone),
    phone_e164: contact.phone,
    phone_national: nationalNumber(contact.phone),
    alt_phone: contact.altPhone,
    company,
    company_normalized: normalizeCompany(company),
    gstin: cleanText(lead.gstin)?.toUpperCase().replace(/\s/g, "") ?? null,
    budget: parseBudget(lead.budget),
    budget_currency: cleanText(lead.budget_currency)?.toUpperCase() ?? null,
    message: lead.message?.trim() || null,
    gdpr_consent: lead.gdpr_consent ?? false,
    dnd: lead.dnd ?? false,
    tags: lead.tags ?? [],
    custom_fields: { ...(lead.custom_fields ?? {}) },
  };
  for (const k of PLAIN_TEXT) fields[k] = cleanText(lead[k]);
  const notes = [...contact.notes];
  if (lead.budget != null && fields.budget === null) {
    notes.push(`budget "${String(lead.budget).slice(0, 50)}" is not a number; kept in custom fields`);
    (fields.custom_fields as Record<string, unknown>).budget_text = lead.budget;
  }
  if (lead.external_id) (fields.custom_fields as Record<string, unknown>).external_id = lead.external_id;
  return { fields, notes, valid: contact.problem === null, droppedEmail: contact.droppedEmail };
}

/** How a lead is named to people (titles, mails, previews): its name, else how to reach it, else its number. */
export function leadDisplayName(l: {
  first_name?: unknown;
  last_name?: unknown;
  email?: unknown;
  phone_e164?: unknown;
  lead_number?: unknown;
}): string {
  return [l.first_name, l.last_name].filter(Boolean).join(" ") || String(l.email || l.phone_e164 || l.lead_number || "");
}

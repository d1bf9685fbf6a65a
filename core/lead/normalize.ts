import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
import { z } from "zod";
import type { CanonicalLead } from "./canonical.ts";

const emailShape = z.email({ pattern: z.regexes.html5Email });

/** Trimmed and lower-cased, or null when it is not an address. */
export function normalizeEmail(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const email = raw
    .trim()
    .replace(/^mailto:/i, "")
    .toLowerCase();
  if (!emailShape.safeParse(email).success || !/\.[a-z\p{L}]{2,}$/u.test(email)) return null;
  return email;
}

/** The identity of a mailbox: +tags dropped everywhere, dots dropped where Gmail ignores them. */
export function canonicalEmail(email: string): string {
  const at = email.lastIndexOf("@");
  let local = email.slice(0, at);
  let domain = email.slice(at + 1);
  local = local.split("+")[0] || local;
  if (domain === "googlemail.com") domain = "gmail.com";
  if (domain === "gmail.com") local = local.replaceAll(".", "");
  return `${local}@${domain}`;
}

/** A phone read as E.164: `verified` when libphonenumber-js's tables know the number as allocated. */
export interface PhoneReading {
  number: string;
  verified: boolean;
}

/**
 * The number in E.164, or null when it cannot be one. Accepts the ways people write numbers:
 * `+91 98765 43210`, `098765 43210`, `(+91) 98765-43210`, `919876543210`, `0091…`, `+91-98…`
 * (IndiaMART). A number of a possible length for its country that the allocation tables do not
 * know (a new series, an old table) is kept, unverified: only impossible numbers are dropped, and a
 * placeholder of one repeated digit (0000000000) is no number.
 */
export function readPhone(raw: string | null | undefined, region: string): PhoneReading | null {
  if (!raw) return null;
  const trimmed = raw.trim().replace(/^00/, "+");
  if (!/\d/.test(trimmed)) return null;
  const tries = [trimmed];
  const digits = trimmed.replace(/\D/g, "");
  if (!trimmed.startsWith("+") && digits.length > 10) tries.push(`+${digits}`);
  let possible: string | null = null;
  for (const candidate of tries) {
    const parsed = parsePhoneNumberFromString(candidate, region as CountryCode);
    if (parsed?.isValid()) return { number: parsed.number, verified: true };
    if (!possible && parsed?.isPossible() && !/^(\d)\1*$/.test(parsed.nationalNumber)) possible = parsed.number;
  }
  return possible ? { number: possible, verified: false } : null;
}

/** E.164 (verified or not, see readPhone), or null. */
export const normalizePhone = (raw: string | null | undefined, region: string): string | null => readPhone(raw, region)?.number ?? null;

/** The number as dialled inside its country (9876543210 for +919876543210), for search. */
export function nationalNumber(e164: string | null): string | null {
  if (!e164) return null;
  // India's numbers are the ten digits after +91: no need to parse again (a parse costs ~20 µs).
  if (e164.length === 13 && e164.startsWith("+91")) return e164.slice(3);
  return parsePhoneNumberFromString(e164)?.nationalNumber ?? null;
}

const LEGAL_SUFFIX =
  /\b(private limited|pvt\.? ?ltd\.?|pvt|private|limited|ltd\.?|l\.?l\.?p\.?|inc\.?|incorporated|corp\.?|corporation|co\.?|llc|gmbh|plc|s\.?a\.?|ag|bv|pty)\b/gi;

/** Company for matching: no legal suffix, punctuation or case. */
export function normalizeCompany(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const n = raw
    .normalize("NFKC")
    .toLowerCase()
    .replace(LEGAL_SUFFIX, " ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  return n || null;
}

export function cleanText(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const t = raw.normalize("NFC").replace(/\s+/g, " ").trim();
  return t || null;
}

/** "RAHUL PATIL" and "rahul patil" read as "Rahul Patil"; mixed case is left as the person typed it. */
export function tidyName(raw: string | null | undefined): string | null {
  const t = cleanText(raw);
  if (!t) return null;
  const letters = t.replace(/[^\p{L}]/gu, "");
  if (letters !== letters.toUpperCase() && letters !== letters.toLowerCase()) return t;
  return t.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

export function splitName(full: string): { first: string; last: string | null } {
  const parts = full.split(" ");
  if (parts.length === 1) return { first: parts[0], last: null };
  return { first: parts.slice(0, -1).join(" "), last: parts[parts.length - 1] };
}

const COUNTRY_CODES: Record<string, string> = {
  india: "IN",
  bharat: "IN",
  "united states": "US",
  usa: "US",
  "united kingdom": "GB",
  uk: "GB",
  uae: "AE",
  "united arab emirates": "AE",
  singapore: "SG",
  australia: "AU",
  canada: "CA",
};

/** The phone region a lead's number is read in: its country when we recognise it, else the tenant's. */
export function regionFor(country: string | null | undefined, fallback: string): string {
  if (!country) return fallback;
  const c = country.trim();
  if (/^[A-Za-z]{2}$/.test(c)) return c.toUpperCase();
  return COUNTRY_CODES[c.toLowerCase()] ?? fallback;
}

export interface ContactCheck {
  email: string | null;
  phone: string | null;
  altPhone: string | null;
  notes: string[];
  /** The sender's email, when it was not an address and was dropped because a phone reaches the person. */
  droppedEmail: string | null;
  /** Why nothing can reach this person, when that is the case. */
  problem: null | { code: "invalid_email" | "invalid_phone" | "no_contact"; message: string };
}

/**
 * Can we reach this person? An invalid phone beside a valid email is dropped with a note, so a lead
 * is not lost to a typo; a number the tables do not know is kept with a note (unverified). An
 * invalid email is refused when `badEmail` is "refuse" (a web form: the person can correct it);
 * otherwise it is dropped with a note when a phone reaches the person (senders rarely retry), and
 * refused only when nothing else does.
 */
export function checkContact(lead: CanonicalLead, region: string, opts: { badEmail?: "refuse" | "drop" } = {}): ContactCheck {
  const notes: string[] = [];
  const rawEmail = cleanText(lead.email);
  const email = normalizeEmail(rawEmail);
  const phone = readPhone(lead.phone, region);
  const altPhone = readPhone(lead.alt_phone, region);
  const reached = phone ?? altPhone;
  const check: ContactCheck = {
    email,
    phone: reached?.number ?? null,
    altPhone: phone ? (altPhone?.number ?? null) : null,
    notes,
    droppedEmail: null,
    problem: null,
  };
  if (rawEmail && !email) {
    const problem = { code: "invalid_email" as const, message: `email "${rawEmail.slice(0, 100)}" is not a valid address` };
    if (opts.badEmail === "refuse" || !reached) {
      check.problem = problem;
      return check;
    }
    check.droppedEmail = rawEmail.slice(0, 100);
    notes.push(`${problem.message} and was dropped (the phone reaches the person)`);
  }
  if (lead.phone?.trim() && !phone) {
    if (!email && !altPhone) {
      check.problem = { code: "invalid_phone", message: `phone "${lead.phone.slice(0, 40)}" is not a valid number` };
      return check;
    }
    notes.push(`phone "${lead.phone.slice(0, 40)}" is not a valid number and was dropped`);
  }
  for (const [raw, read] of [
    [lead.phone, phone],
    [lead.alt_phone, altPhone],
  ] as const) {
    if (read && !read.verified)
      notes.push(
        `unverified number: "${String(raw).slice(0, 40)}" is kept as ${read.number}, a possible number the numbering plan does not list`,
      );
  }
  if (!email && !check.phone) {
    check.problem = { code: "no_contact", message: "a lead needs a valid email or phone" };
  }
  return check;
}

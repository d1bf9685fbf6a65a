import { canonicalEmail, normalizeCompany, normalizeEmail, normalizePhone, regionFor, splitName } from "../lead/normalize.ts";
import { editDistance, nameKeyOf, nameTokens } from "./names.ts";

/** What a lead offers for matching: the columns a lead row or a normalised canonical lead has. */
export interface LeadLike {
  first_name?: string | null;
  last_name?: string | null;
  /** A full name, used when first and last are both empty. */
  name?: string | null;
  email?: string | null;
  /** Already canonical (a lead row's email_canonical); the email is used when absent. */
  email_canonical?: string | null;
  phone?: string | null;
  /** Already E.164 (a lead row's phone_e164); the phone is parsed when absent. */
  phone_e164?: string | null;
  alt_phone?: string | null;
  /** Contact points kept from merges (a lead row's columns): more emails and E.164 phones of the person. */
  additional_emails?: string[] | null;
  additional_phones?: string[] | null;
  company?: string | null;
  gstin?: string | null;
  pan?: string | null;
  city?: string | null;
  country?: string | null;
}

export interface MatchKeys {
  /** Canonical email with the domain's typo fixed (rahul.patil@gmial.com → rahulpatil@gmail.com). */
  emailKey: string | null;
  /** Local part without . _ - when the domain is free mail (a person's handle); null for company domains. */
  emailLocal: string | null;
  /** The (fixed) email domain. */
  emailDomain: string | null;
  /** info@, sales@ …: a mailbox many people write from. */
  roleEmail: boolean;
  /** E.164 numbers: phone, then alt phone, then the additional phones merges kept. */
  phoneKeys: string[];
  /** Keys of the additional emails merges kept; undefined when the lead-like does not carry them. */
  otherEmailKeys?: string[];
  /** Name tokens in written order (transliterated, case-folded, no accents, punctuation or titles). */
  nameTokens: string[];
  /** Sorted tokens with the first given name's nickname expanded: "patil rahul". */
  nameKey: string | null;
  /** Company without legal suffix, spacing, punctuation or "and"/"&": "acmeinfra". */
  companyKey: string | null;
  /** A GSTIN whose check character is right. */
  gstin: string | null;
  /** PAN, given or taken from the GSTIN (characters 3–12). */
  pan: string | null;
  cityKey: string | null;
  /** For people reading reasons: the name as written. */
  displayName: string | null;
}

/** Mailbox providers whose addresses belong to one person each, and whose local part is a handle. */
export const FREE_MAIL = new Set([
  "gmail.com",
  "yahoo.com",
  "yahoo.co.in",
  "yahoo.in",
  "yahoo.co.uk",
  "ymail.com",
  "rocketmail.com",
  "hotmail.com",
  "hotmail.co.uk",
  "hotmail.co.in",
  "outlook.com",
  "outlook.in",
  "live.com",
  "live.in",
  "msn.com",
  "rediffmail.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "aol.com",
  "protonmail.com",
  "proton.me",
  "zoho.com",
  "zohomail.in",
  "mail.com",
  "gmx.com",
  "gmx.de",
  "yandex.com",
  "yandex.ru",
  "mail.ru",
  "qq.com",
  "163.com",
  "web.de",
  "fastmail.com",
  "tutanota.com",
]);

/** Typos seen in real sign-ups; the edit-distance rule below catches the rest. */
const DOMAIN_TYPOS: Record<string, string> = {
  "gmial.com": "gmail.com",
  "gmai.com": "gmail.com",
  "gamil.com": "gmail.com",
  "gmail.co": "gmail.com",
  "gmal.com": "gmail.com",
  "gmil.com": "gmail.com",
  "gmaill.com": "gmail.com",
  "gmail.con": "gmail.com",
  "gmail.cm": "gmail.com",
  "gmail.om": "gmail.com",
  "gnail.com": "gmail.com",
  "gmali.com": "gmail.com",
  "gmail.in": "gmail.com",
  "gmail.co.in": "gmail.com",
  "g.mail.com": "gmail.com",
  "gmail.comm": "gmail.com",
  "yaho.com": "yahoo.com",
  "yahoo.co": "yahoo.com",
  "yhoo.com": "yahoo.com",
  "yahooo.com": "yahoo.com",
  "yahoo.con": "yahoo.com",
  "yaoo.com": "yahoo.com",
  "yahho.com": "yahoo.com",
  "yahoo.cm": "yahoo.com",
  "yaho.co.in": "yahoo.co.in",
  "yahoo.co.n": "yahoo.co.in",
  "yahoo.coin": "yahoo.co.in",
  "yahoo.coi.in": "yahoo.co.in",
  "hotmial.com": "hotmail.com",
  "hotmal.com": "hotmail.com",
  "hotmai.com": "hotmail.com",
  "hotmail.co": "hotmail.com",
  "hotnail.com": "hotmail.com",
  "hotmil.com": "hotmail.com",
  "hotmail.con": "hotmail.com",
  "homail.com": "hotmail.com",
  "outlok.com": "outlook.com",
  "outllok.com": "outlook.com",
  "outlook.co": "outlook.com",
  "otlook.com": "outlook.com",
  "outloo.com": "outlook.com",
  "outlook.con": "outlook.com",
  "redifmail.com": "rediffmail.com",
  "rediffmai.com": "rediffmail.com",
  "rediffmal.com": "rediffmail.com",
  "redffmail.com": "rediffmail.com",
  "rediffmial.com": "rediffmail.com",
  "rediffmail.co": "rediffmail.com",
  "rediifmail.com": "rediffmail.com",
  "rediffmail.con": "rediffmail.com",
  "reddifmail.com": "rediffmail.com",
  "iclod.com": "icloud.com",
  "icoud.com": "icloud.com",
  "icloud.co": "icloud.com",
  "iclould.com": "icloud.com",
};
/** Only long, well-known domains are corrected by distance: "mail.com" or "ymail.com" are real, not typos of gmail. */
const TYPO_TARGETS = ["gmail.com", "yahoo.com", "yahoo.co.in", "hotmail.com", "outlook.com", "rediffmail.com", "icloud.com"];

const ROLE_LOCALS = new Set([
  "info",
  "sales",
  "contact",
  "admin",
  "enquiry",
  "enquiries",
  "inquiry",
  "office",
  "hr",
  "accounts",
  "support",
  "hello",
  "marketing",
  "team",
  "mail",
  "care",
  "help",
  "booking",
  "bookings",
  "reception",
  "careers",
  "jobs",
  "noreply",
  "no-reply",
  "billing",
  "finance",
  "purchase",
  "service",
  "services",
  "customercare",
  "feedback",
  "admissions",
]);

/** The domain as its owner meant it: gmial.com → gmail.com. Real domains are left alone. */
export function fixEmailDomain(domain: string): string {
  const d = domain.toLowerCase().replace(/\.+$/, "");
  if (FREE_MAIL.has(d)) return d;
  if (DOMAIN_TYPOS[d]) return DOMAIN_TYPOS[d];
  for (const target of TYPO_TARGETS) if (editDistance(d, target, 1) === 1) return target;
  return d;
}

/** canonicalEmail after the domain typo is fixed (so Gmail's dot rule applies to gmial.com too). */
export function emailKey(raw: string | null | undefined): string | null {
  const email = normalizeEmail(raw);
  if (!email) return null;
  const at = email.lastIndexOf("@");
  return canonicalEmail(`${email.slice(0, at)}@${fixEmailDomain(email.slice(at + 1))}`);
}

/** The local part of a free-mail address without . _ - (rahul.patil@yahoo.com → rahulpatil); else null. */
export function emailLocal(key: string | null): string | null {
  if (!key) return null;
  const at = key.lastIndexOf("@");
  if (!FREE_MAIL.has(key.slice(at + 1))) return null;
  const local = key.slice(0, at).replace(/[._-]/g, "");
  return local.length >= 4 ? local : null;
}

/** E.164 numbers of the phone and alt phone, in `region` unless written with a country code. */
export function phoneKeys(phones: (string | null | undefined)[], region: string): string[] {
  const out: string[] = [];
  for (const p of phones) {
    const e164 = p?.startsWith("+") && /^\+\d{8,15}$/.test(p) ? p : normalizePhone(p, region);
    if (e164 && !out.includes(e164)) out.push(e164);
  }
  return out;
}

/**
 * The name as one comparable string (see nameKeyOf): "Rahul", "Patil" and "PATIL, Rahul" and
 * "राहुल पाटील" all give "patil rahul"; "Bob Smith" gives "robert smith". For a trigram index.
 */
export function nameKey(...parts: (string | null | undefined)[]): string | null {
  return nameKeyOf(nameTokens(...parts));
}

/** normalizeCompany plus spacing, "&"/"and" and a leading "the" removed: "The Acme & Co Infra" → "acmeinfra". */
export function companyKey(raw: string | null | undefined): string | null {
  const n = normalizeCompany(raw?.replace(/&/g, " and "));
  if (!n) return null;
  const key = n
    .split(" ")
    .filter((t, i) => t !== "and" && !(i === 0 && t === "the"))
    .join("");
  return key || null;
}

const GSTIN_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const PAN_SHAPE = /^[A-Z]{5}[0-9]{4}[A-Z]$/;
const GSTIN_SHAPE = /^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z][A-Z0-9][0-9A-Z]$/;

/** The GSTIN check character for its first 14 characters (CBIC's mod-36 scheme). */
export function gstinCheckChar(first14: string): string {
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    const product = GSTIN_CHARS.indexOf(first14[i]) * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(product / 36) + (product % 36);
  }
  return GSTIN_CHARS[(36 - (sum % 36)) % 36];
}

/**
 * Tax identity of a business: a GSTIN (15 characters, check character right) gives itself and its
 * PAN (characters 3–12); a PAN alone is a key too. Anything malformed gives nothing.
 */
export function taxKey(gstinRaw: string | null | undefined, panRaw?: string | null): { gstin: string | null; pan: string | null } {
  const g = gstinRaw?.toUpperCase().replace(/[\s-]/g, "") ?? "";
  const p = panRaw?.toUpperCase().replace(/\s/g, "") ?? "";
  let gstin: string | null = null;
  let pan: string | null = PAN_SHAPE.test(p) ? p : null;
  if (GSTIN_SHAPE.test(g) && gstinCheckChar(g.slice(0, 14)) === g[14]) {
    gstin = g;
    pan ??= g.slice(2, 12);
  } else if (!pan && PAN_SHAPE.test(g)) {
    pan = g;
  }
  return { gstin, pan };
}

function cityKey(raw: string | null | undefined): string | null {
  const c = raw
    ?.normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}]+/gu, "");
  const aliases: Record<string, string> = {
    bombay: "mumbai",
    bangalore: "bengaluru",
    calcutta: "kolkata",
    madras: "chennai",
    poona: "pune",
    gurgaon: "gurugram",
    trivandrum: "thiruvananthapuram",
    baroda: "vadodara",
  };
  return c ? (aliases[c] ?? c) : null;
}

export interface MatchKeyOptions {
  /** The tenant's phone region (ISO 3166 alpha-2) for numbers without a country code; default IN. */
  region?: string;
}

/**
 * Whether `matchKeys` reads this lead from the columns a stored lead row has: not when the name is
 * only one text (`name`, split here) or the phone is only as written (`phone`, parsed here), the
 * two fallbacks below that a row's first/last name and phone_e164 do not carry.
 */
export function keysFromColumns(lead: LeadLike): boolean {
  const name = Boolean(lead.first_name?.trim() || lead.last_name?.trim()) || !lead.name?.trim();
  const phone = Boolean(lead.phone_e164) || !lead.phone;
  return name && phone;
}

/** Every matching key of a lead. Pure and cheap (~µs): call it for the newcomer and for each candidate row. */
export function matchKeys(lead: LeadLike, opts: MatchKeyOptions = {}): MatchKeys {
  const region = regionFor(lead.country, opts.region ?? "IN");
  let first = lead.first_name;
  let last = lead.last_name;
  if (!first?.trim() && !last?.trim() && lead.name?.trim()) ({ first, last } = splitName(lead.name.trim().replace(/\s+/g, " ")));
  const tokens = nameTokens(first, last);
  const eKey = lead.email_canonical && !lead.email ? emailKey(lead.email_canonical) : emailKey(lead.email);
  const at = eKey?.lastIndexOf("@") ?? -1;
  const { gstin, pan } = taxKey(lead.gstin, lead.pan);
  const display = [first, last]
    .filter((s) => s?.trim())
    .join(" ")
    .trim();
  return {
    emailKey: eKey,
    emailLocal: emailLocal(eKey),
    emailDomain: eKey ? eKey.slice(at + 1) : null,
    roleEmail: eKey ? ROLE_LOCALS.has(eKey.slice(0, at)) : false,
    phoneKeys: phoneKeys([lead.phone_e164 ?? lead.phone, lead.alt_phone, ...(lead.additional_phones ?? [])], region),
    nameTokens: tokens,
    nameKey: nameKeyOf(tokens),
    companyKey: companyKey(lead.company),
    gstin,
    pan,
    cityKey: cityKey(lead.city),
    displayName: display || null,
    ...(lead.additional_emails ? { otherEmailKeys: otherEmailKeys(lead.additional_emails, eKey) } : {}),
  };
}

function otherEmailKeys(emails: readonly string[], own: string | null): string[] {
  const keys = emails.map((e) => emailKey(e)).filter((k): k is string => !!k && k !== own);
  return [...new Set(keys)];
}

/** Whether the newcomer's email is one of the lead's, its own or one a merge kept. */
export function sharesEmail(newcomer: MatchKeys, lead: MatchKeys): boolean {
  return !!newcomer.emailKey && (newcomer.emailKey === lead.emailKey || !!lead.otherEmailKeys?.includes(newcomer.emailKey));
}

/**
 * Strings to lock on (pg_advisory_xact_lock(hashtext(key))) before looking for candidates, so two
 * arrivals of one person wait for each other: one per exact key, within the tenant.
 */
export function lockKeys(tenantId: string, keys: MatchKeys): string[] {
  const out = new Set<string>();
  if (keys.emailKey) out.add(`dedup:${tenantId}:e:${keys.emailKey}`);
  for (const p of keys.phoneKeys) out.add(`dedup:${tenantId}:p:${p}`);
  return [...out].sort();
}

/**
 * Who a person is, from what an email shows of them: the display name of an address, and the
 * signature at the end of what they wrote (phone numbers, company, job title).
 */
import { findPhoneNumbersInText, isSupportedCountry, type CountryCode } from "libphonenumber-js/max";
import { tidyName } from "../../lead/normalize.ts";

/** Shared mailboxes' display names ("Sales Team", "Accounts Dept"): no person's name. */
const ROLE_MAILBOX =
  /^(the )?(info|information|sales|support|admin|accounts?|purchase|purchasing|procurement|hr|team|office|contact|enquiry|enquiries|inquiry|marketing|customer care|customer service|help ?desk|reception|billing|orders?)( (team|dept\.?|department|desk|office))?$/i;
const HONORIFIC = /^(mr|mrs|ms|miss|mx|shri|sri|smt|kum|kumari|sh)\.?\s+/i;

/**
 * A display name as a person's name: quotes and "(Acme)" / "via Group" dropped, "Patil, Rahul"
 * turned round, honorifics (Mr, Shri, Smt …) dropped. Null when it is no name (an address, a role).
 */
export function personName(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let n = raw
    .normalize("NFC")
    .replace(/["“”‘’`]/g, "")
    .replace(/^'+|'+$/g, "")
    .replace(/\s+via\s+.+$/i, "")
    .replace(/\s*[([{][^)\]}]*[)\]}]\s*/g, " ")
    .replace(/\s*[|–—]\s.*$/, "")
    .replace(/\s+/g, " ")
    .trim();
  if (!n || n.includes("@") || !/\p{L}/u.test(n) || /\d{3,}/.test(n) || ROLE_MAILBOX.test(n)) return null;
  // "rahul.patil" or "rahul_patil": a mailbox name standing in for a display name.
  if (!/\s/.test(n) && /^[\p{L}]+([._][\p{L}]+)+$/u.test(n)) n = n.replace(/[._]/g, " ");
  const comma = n.split(",").map((p) => p.trim());
  if (comma.length === 2 && comma[0] && comma[1] && !/\s/.test(comma[0])) n = `${comma[1]} ${comma[0]}`;
  else if (comma.length > 1) n = comma[0];
  n = n.replace(HONORIFIC, "").trim();
  if (!n || n.length > 120 || n.split(" ").length > 6) return null;
  return tidyName(n);
}

export interface FoundPhone {
  e164: string;
  mobile: boolean;
  /** Written with its country code, so it reads the same in every region. */
  international: boolean;
}

/** Valid phone numbers in a text, in order, each once. */
export function phonesIn(text: string, region: string): FoundPhone[] {
  const country = (isSupportedCountry(region) ? region : "IN") as CountryCode;
  const seen = new Set<string>();
  const out: FoundPhone[] = [];
  // Dotted dates and ids ("03.06.2024", "27AAACA1234A1Z5") are not numbers; blank them first.
  const cleaned = text.replace(/\b\d{1,4}[./]\d{1,2}[./]\d{2,4}\b/g, " ").replace(/\b(?=\w*[A-Za-z])(?=\w*\d)\w{12,}\b/g, " ");
  for (const found of findPhoneNumbersInText(cleaned, { defaultCountry: country })) {
    const n = found.number;
    if (!n.isValid() || seen.has(n.number)) continue;
    seen.add(n.number);
    const type = n.getType();
    // Toll-free and premium lines are businesses' helplines, never a person's number.
    if (type === "TOLL_FREE" || type === "PREMIUM_RATE" || type === "SHARED_COST") continue;
    out.push({
      e164: n.number,
      mobile: type === "MOBILE" || type === "FIXED_LINE_OR_MOBILE",
      international: cleaned.slice(found.startsAt, found.endsAt).trimStart().startsWith("+"),
    });
  }
  return out;
}

const CLOSING =
  /^(thanks( (and|&) regards)?|thanks,? regards|thank you|regards|best regards|warm regards|kind regards|warmest regards|best|best wishes|cheers|sincerely|yours (truly|sincerely|faithfully)|with (best )?regards|rgds|thx|warmly|respectfully|dhanyavaad|dhanyawad|shukriya|धन्यवाद|सादर|mit freundlichen grüßen|viele grüße|cordialement|saludos|atentamente|un saludo)[\s,.!]*$/i;
const BOILERPLATE = /^(sent from my |get outlook for |sent from (yahoo|mail|outlook)|sent via |download the .* app)/i;

export interface Signature {
  lines: string[];
  /** The signature opened with a closing ("Regards,"), so its first line is the writer's name. */
  afterClosing: boolean;
  /** The text above the signature. */
  body: string;
}

/** The writer's signature: after "-- " (RFC 3676 §4.3), else after the last closing, else the last lines. */
export function signatureOf(text: string): Signature {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+$/, ""))
    .filter((l) => !BOILERPLATE.test(l.trim()));
  const delimiter = lines.findIndex((l) => l === "--" || l === "-- ");
  if (delimiter >= 0) {
    return { lines: clean(lines.slice(delimiter + 1)), afterClosing: false, body: lines.slice(0, delimiter).join("\n") };
  }
  for (let i = lines.length - 1; i >= 0 && i >= lines.length - 25; i--) {
    const l = lines[i].trim();
    if (CLOSING.test(l)) return { lines: clean(lines.slice(i + 1)), afterClosing: true, body: lines.slice(0, i).join("\n") };
    // "Regards, Rahul Patil" on one line.
    const inline = /^(thanks( (and|&) regards)?|regards|best regards|warm regards|kind regards|best|cheers|sincerely)\s*,\s*(\S.*)$/i.exec(
      l,
    );
    if (inline && inline[4].split(/\s+/).length <= 4) {
      return { lines: clean([inline[4], ...lines.slice(i + 1)]), afterClosing: true, body: lines.slice(0, i).join("\n") };
    }
  }
  const nonEmpty = lines.map((l, i) => [l, i] as const).filter(([l]) => l.trim());
  const from = nonEmpty.length > 6 ? nonEmpty[nonEmpty.length - 6][1] : 0;
  return { lines: clean(lines.slice(from)), afterClosing: false, body: lines.slice(0, from).join("\n") };
}

function clean(lines: string[]): string[] {
  return lines.map((l) => l.replace(/^[\s|*•]+|[\s|*]+$/g, "")).filter((l) => l);
}

const COMPANY_HINT =
  /\b(pvt|private|ltd|limited|llp|inc|llc|gmbh|plc|corp|corporation|technologies|technology|solutions|realty|realtors|developers|builders|infra|infrastructure|infratech|industries|enterprises|systems|group|associates|consultants|consultancy|properties|estates?|constructions?|pharma|pharmaceuticals|exports|imports|traders|trading|agency|studios?|labs|ventures|holdings|company|foundation|hospitals?|clinic|motors|engineering|engineers|textiles|foods|logistics|services|infotech|software|homes|housing|projects|finance|capital|bank|sarl|sas|srl|bv|pty|ag)\b\.?|\bs\.(l|a|r\.l|p\.a)\.(?=\s|$)|株式会社|有限会社|公司|集团/i;
const TITLE_HINT =
  /\b(manager|director|head|engineer|founder|co-?founder|ceo|cto|cfo|coo|cmo|president|vp|partner|proprietor|owner|consultant|executive|officer|analyst|architect|designer|developer|administrator|assistant|associate|specialist|coordinator|supervisor|advisor|adviser|accountant|agent|broker|md|gm|agm|dgm|avp|svp|chairman|principal|professor|purchase|procurement|sales|marketing|hr|admin|directeur|directrice|gérant|responsable|geschäftsführer|leiter|gerente|jefe)\b|部長|課長|社長|取締役/i;
/** Words that make a line a role, whatever else it names ("Head of Sales, Acme Realty" is split first). */
const ROLE =
  /\b(manager|director|head|engineer|founder|co-?founder|ceo|cto|cfo|coo|cmo|president|vp|proprietor|executive|officer|analyst|consultant|chairman|md)\b/i;
const CONTACT_LINE =
  /@|https?:|www\.|\d[\d\s()+-]{6,}\d|^(tel|ph|phone|mob|mobile|m|t|cell|fax|email|e-mail|web|website|address|addr|office)\b\.?\s*[:.]/i;

export interface SignatureFacts {
  name: string | null;
  company: string | null;
  jobTitle: string | null;
}

/** Name, company and title from a signature block, given the name we already know (if any). */
export function signatureFacts(sig: Signature, knownName: string | null): SignatureFacts {
  const lines = sig.lines.slice(0, 10);
  const facts: SignatureFacts = { name: null, company: null, jobTitle: null };
  const first = knownName?.split(" ")[0]?.toLowerCase();
  let nameAt = first ? lines.findIndex((l) => l.toLowerCase().includes(first) && l.split(/\s+/).length <= 5) : -1;
  if (nameAt < 0 && sig.afterClosing && lines[0] && looksLikeName(lines[0])) nameAt = 0;
  if (nameAt >= 0) facts.name = personName(lines[nameAt]);
  const candidates = lines.map((l, i) => [l, i] as const).filter(([l, i]) => i !== nameAt && !CONTACT_LINE.test(l) && l.length <= 100);
  for (const [line] of candidates) {
    // A whole line that is only a role ("Head - Admin & Facilities") is not split into pieces.
    const whole = TITLE_HINT.test(line) && !COMPANY_HINT.test(line);
    const parts = whole ? [line] : line.split(/\s+[-–|@]\s+|,\s+|\s+at\s+/);
    for (const part of parts) {
      if (!facts.company && COMPANY_HINT.test(part) && !ROLE.test(part)) facts.company = part.trim();
      else if (!facts.jobTitle && TITLE_HINT.test(part) && !COMPANY_HINT.test(part) && part.split(/\s+/).length <= 6)
        facts.jobTitle = part.trim();
    }
  }
  if (!facts.company && nameAt >= 0) {
    // The line under the name (or under the title) is the company, when it reads like a name of one.
    for (const [line, i] of candidates) {
      if (i <= nameAt || i > nameAt + 2) continue;
      if (facts.jobTitle && line.includes(facts.jobTitle)) continue;
      if (line.includes(",") || line.split(/\s+/).length < 2 || line.split(/\s+/).length > 7 || /[.?!]$/.test(line)) continue;
      if (!/^[\p{Lu}\p{N}]/u.test(line)) continue;
      facts.company = line;
      break;
    }
  }
  return facts;
}

function looksLikeName(line: string): boolean {
  const words = line.split(/\s+/);
  return (
    words.length >= 1 &&
    words.length <= 4 &&
    line.length <= 50 &&
    /^[\p{L}][\p{L}\p{M} .'-]*$/u.test(line) &&
    !COMPANY_HINT.test(line) &&
    !TITLE_HINT.test(line)
  );
}

/** Words a short message ends on that are no one's name ("call me – urgent", "– Sent from Pune"). */
const NOT_A_NAME =
  /^(urgent|asap|today|tomorrow|tonight|now|please|pls|thanks|thank|thx|regards|sir|madam|mam|team|sales|admin|office|enquiry|inquiry|hi|hello|dear|ok|okay|yes|no)$/i;
/** A dash sign-off on the same line follows a request or a thank-you, not a place ("2BHK – Baner"). */
const ASKS =
  /\b(call|ring|phone|text|sms|whats ?app|message|contact|reach|revert|reply|get back|thanks|thank you|thx|pls|please|cheers)\b/i;
const SIGNED = /(?:^|\s)[-–—~]\s*(\p{Lu}[\p{Ll}'’-]+(?:\s+\p{Lu}[\p{Ll}'’-]*\.?){0,2})\s*[.!]?$/u;

/**
 * The name a short message is signed with at its end, when it has no signature block: "ring me
 * tomorrow – Farhan", "– Asha" on its own line. Contact lines after it (a phone, an email) are
 * passed over. Null for a long message, where the last words are seldom a signature.
 */
export function signOffName(body: string): string | null {
  const lines = body
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !BOILERPLATE.test(l));
  if (!lines.length || lines.length > 8 || body.length > 800) return null;
  let last = lines.length - 1;
  while (last > 0 && CONTACT_LINE.test(lines[last]) && !/\p{L}{3,}\s+\p{L}{3,}/u.test(lines[last].replace(CONTACT_LINE, ""))) last--;
  const line = lines[last];
  const m = SIGNED.exec(line);
  if (!m) return null;
  const before = line.slice(0, m.index).trim();
  if (before && !ASKS.test(before)) return null;
  if (!before && last === 0) return null;
  const name = m[1].trim();
  if (name.split(/\s+/).some((w) => NOT_A_NAME.test(w.replace(/\.$/, ""))) || COMPANY_HINT.test(name) || TITLE_HINT.test(name)) return null;
  return personName(name);
}

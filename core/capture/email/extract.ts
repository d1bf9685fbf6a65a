/**
 * Who the lead in an email is. In order: a forwarded message's original sender, a portal or form
 * notification's labelled fields, the sender (or the Reply-To of a no-reply sender).
 */
import type { CanonicalLead } from "../../lead/canonical.ts";
import { cleanText, normalizeEmail, splitName } from "../../lead/normalize.ts";
import {
  companyFromDomain,
  domainOf,
  isAutomatedAddress,
  isFormMailerText,
  isOurs,
  portalForDomain,
  portalMentioned,
  regionOfDomain,
} from "./domains.ts";
import { readPairs, type LabelledPair } from "./labels.ts";
import { personName, phonesIn, signatureFacts, signatureOf, signOffName } from "./person.ts";
import { bareSubject, findForward, parseAddressLine, stripQuoted, type ForwardedBlock } from "./quotes.ts";

export interface Mailbox {
  name: string | null;
  address: string | null;
}

/** One message as the extractor sees it: the outer mail, a forwarded block, or an attached message. */
export interface View {
  from: Mailbox;
  replyTo: Mailbox | null;
  subject: string | null;
  text: string;
  /** The HTML part as text (tables as "Label: value" lines), when there is one. */
  htmlText: string | null;
  /** A message/rfc822 attachment, already read. */
  attached: View | null;
}

export interface ExtractContext {
  ourDomains: string[];
  region: string;
  depth: number;
}

export type ExtractedFrom = "sender" | "portal_body" | "forwarded" | "reply_to";

export type Extraction =
  { ok: true; lead: CanonicalLead; extractedFrom: ExtractedFrom; note: string | null } | { ok: false; reason: string; note: string | null };

export const NOTE_MAX = 10_000;

export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = /[\ud800-\udbff]/.test(s[max - 1]) ? max - 1 : max;
  return s.slice(0, cut);
}

export function composeNote(subject: string | null, body: string): string | null {
  const parts = [subject?.trim(), body.replace(/\n{3,}/g, "\n\n").trim()].filter((p): p is string => !!p);
  return parts.length ? clip(parts.join("\n\n"), NOTE_MAX) : null;
}

// Bounded repeats (RFC 5321 lengths) keep the scan linear on long runs of letters.
const EMAIL_IN_TEXT = /[\p{L}\p{N}._%+'-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,8}\.\p{L}{2,24}/gu;

/** A mailbox that belongs to a person we could sell to: not a machine, not us, not a portal. */
function isPerson(box: Mailbox | null, ctx: ExtractContext): box is Mailbox & { address: string } {
  if (!box?.address || !normalizeEmail(box.address)) return false;
  return !isAutomatedAddress(box.address) && !isOurs(box.address, ctx.ourDomains) && !portalForDomain(domainOf(box.address));
}

function contactEmail(value: string, ctx: ExtractContext): string | null {
  for (const m of value.matchAll(EMAIL_IN_TEXT)) {
    const email = normalizeEmail(m[0]);
    if (email && !isAutomatedAddress(email) && !isOurs(email, ctx.ourDomains)) return email;
  }
  return null;
}

function setName(lead: CanonicalLead, full: string | null): void {
  if (!full || lead.name) return;
  const { first, last } = splitName(full);
  lead.name = full;
  lead.first_name ??= first;
  lead.last_name ??= last;
}

function currencyOf(budget: string): string | null {
  if (/₹|\binr\b|\brs\.?|\b(lakhs?|lacs?|crores?|cr)\b/i.test(budget)) return "INR";
  if (/\baed\b|\bdirhams?\b/i.test(budget)) return "AED";
  if (/£|\bgbp\b/i.test(budget)) return "GBP";
  if (/€|\beur\b/i.test(budget)) return "EUR";
  if (/\$|\busd\b/i.test(budget)) return "USD";
  return null;
}

const PLAIN_FIELDS = [
  "company",
  "job_title",
  "city",
  "state",
  "country",
  "postal_code",
  "address",
  "need",
  "product_interest",
  "timeline",
  "website",
  "external_id",
  "campaign",
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "utm_term",
  "utm_content",
  "landing_page",
  "referrer",
] as const;

/** Labelled pairs as lead fields; `only` limits them (a person's own email may say "City: Pune"). */
function fieldsOf(
  pairs: LabelledPair[],
  ctx: ExtractContext,
  region: string,
  only?: Set<string>,
): { lead: CanonicalLead; known: Set<string> } {
  const lead: CanonicalLead = {};
  const known = new Set<string>();
  const custom: Record<string, string> = {};
  const phones: string[] = [];
  const altPhones: string[] = [];
  for (const { label, field, value } of pairs) {
    if (!value || field === "ignore") continue;
    if (only && (!field || !only.has(field))) continue;
    if (field) known.add(field);
    switch (field) {
      case null:
        if (Object.keys(custom).length < 30 && !(label in custom)) custom[clip(label, 100)] = clip(value, 1000);
        break;
      case "name":
        setName(lead, personName(value));
        break;
      case "first_name":
        lead.first_name ??= personName(value);
        break;
      case "last_name":
        lead.last_name ??= personName(value);
        break;
      case "email":
        lead.email ??= contactEmail(value, ctx);
        break;
      case "phone":
        phones.push(...phonesIn(value, region).map((p) => p.e164));
        break;
      case "alt_phone":
        altPhones.push(...phonesIn(value, region).map((p) => p.e164));
        break;
      case "contact":
      case "from": {
        const email = contactEmail(value, ctx);
        const found = phonesIn(value, region).map((p) => p.e164);
        if (email) lead.email ??= email;
        phones.push(...found);
        // "Priya S, +91 98860 12345, priya.s@gmail.com": what is left beside the email and number is the name.
        const rest = value
          .replace(EMAIL_IN_TEXT, " ")
          .replace(/\+?\d[\d\s().-]{6,}\d/g, " ")
          .split(/[,;|/]/)
          .map((p) => p.trim())
          .find((p) => /\p{L}/u.test(p));
        setName(lead, personName(field === "from" ? parseAddressLine(value).name : (rest ?? null)));
        break;
      }
      case "budget":
        lead.budget ??= cleanText(value);
        if (lead.budget) lead.budget_currency ??= currencyOf(value);
        break;
      case "gstin":
        lead.gstin ??= value.replace(/\s+/g, "").toUpperCase();
        break;
      case "message":
        break;
      default:
        if ((PLAIN_FIELDS as readonly string[]).includes(field)) {
          const key = field as (typeof PLAIN_FIELDS)[number];
          lead[key] ??= field === "need" || field === "address" ? value.trim() : cleanText(value);
        }
    }
  }
  if (!lead.name && (lead.first_name || lead.last_name)) lead.name = [lead.first_name, lead.last_name].filter(Boolean).join(" ");
  const all = [...new Set([...phones, ...altPhones])];
  if (all[0]) lead.phone = all[0];
  if (all[1]) lead.alt_phone = all[1];
  if (Object.keys(custom).length) lead.custom_fields = custom;
  return { lead, known };
}

function bestPairs(view: View): LabelledPair[] {
  const score = (pairs: LabelledPair[]) => pairs.filter((p) => p.field && p.field !== "ignore" && p.value).length;
  const fromText = readPairs(view.text);
  if (!view.htmlText || view.htmlText === view.text) return fromText;
  const fromHtml = readPairs(view.htmlText);
  return score(fromHtml) > score(fromText) ? fromHtml : fromText;
}

/** A portal or form notification: the lead is in the labelled body (and the Reply-To). */
function fromLabels(view: View, ctx: ExtractContext): Extraction | null {
  const pairs = bestPairs(view);
  const { lead, known } = fieldsOf(pairs, ctx, ctx.region);
  const labelledContact = !!(lead.email || lead.phone);
  const fromDomain = domainOf(view.from.address);
  const portal = portalForDomain(fromDomain);
  const automated = !view.from.address || isAutomatedAddress(view.from.address) || !!portal || isOurs(view.from.address, ctx.ourDomains);
  const replyToPerson = isPerson(view.replyTo, ctx) && view.replyTo?.address !== view.from.address;
  const formy = automated || replyToPerson || isFormMailerText(view.text);
  const identity = ["name", "first_name", "email", "phone", "contact", "from"].filter((f) => known.has(f)).length;
  const enough = formy ? identity >= 1 && known.size >= 2 : identity >= 2 && known.has("name") && known.size >= 3;
  if (!enough) return null;
  if (!lead.email && view.replyTo && replyToPerson) lead.email = normalizeEmail(view.replyTo.address);
  if (!lead.name && replyToPerson) setName(lead, personName(view.replyTo?.name));
  if (!labelledContact && !(lead.email && known.size >= 2)) return null;
  if (!lead.phone) {
    // Forms without a phone field: people write their number in the message ("call me on 98…").
    const said = pairs
      .filter((p) => p.field === "message" || p.field === "need")
      .map((p) => p.value)
      .join("\n");
    const found = phonesIn(said, ctx.region).filter((p) => p.mobile || p.international);
    if (found[0]) lead.phone = found[0].e164;
  }
  lead.subsource = portal ?? portalMentioned(view.text);
  return { ok: true, lead, extractedFrom: "portal_body", note: composeNote(view.subject, view.text) };
}

/** The signature and body of a person's own message. */
function fromSender(view: View, ctx: ExtractContext, inner: boolean): Extraction {
  const body = stripQuoted(view.text);
  const note = composeNote(view.subject, body);
  let who: Mailbox;
  let via: ExtractedFrom = "sender";
  if (isPerson(view.from, ctx)) who = view.from;
  else if (isPerson(view.replyTo, ctx)) {
    who = view.replyTo as Mailbox;
    via = "reply_to";
  } else if (view.from.name && !normalizeEmail(view.from.address)) who = { name: view.from.name, address: null };
  else if (!view.from.address) return { ok: false, reason: "no sender address and no enquiry details", note };
  else if (isOurs(view.from.address, ctx.ourDomains))
    return { ok: false, reason: `sent from our own domain (${view.from.address}) with no enquiry in it`, note };
  else {
    const portal = portalForDomain(domainOf(view.from.address));
    if (portal) return { ok: false, reason: `${portal} notification without the enquirer's email or phone`, note };
    return { ok: false, reason: `automated sender (${view.from.address ?? "no address"}) with no enquiry details`, note };
  }

  const email = normalizeEmail(who.address) ?? (inner ? contactEmail(body, ctx) : null);
  const domain = domainOf(email);
  const domainRegion = regionOfDomain(domain);
  const sig = signatureOf(body);
  const sigText = sig.lines.join("\n");
  const region = domainRegion ?? ctx.region;
  let phones = phonesIn(sigText, region);
  if (!phones.length) phones = phonesIn(body.slice(0, 20_000), region).filter((p) => p.mobile || p.international);
  if (domainRegion && domainRegion !== ctx.region && !phones.length) phones = phonesIn(sigText, ctx.region);
  phones.sort((a, b) => Number(b.mobile) - Number(a.mobile));

  const lead: CanonicalLead = {};
  const facts = signatureFacts(sig, personName(who.name));
  setName(lead, personName(who.name) ?? facts.name ?? signOffName(body));
  lead.email = email;
  if (phones[0]) lead.phone = phones[0].e164;
  if (phones[1]) lead.alt_phone = phones[1].e164;
  lead.company = facts.company ?? (portalForDomain(domain) ? null : companyFromDomain(domain));
  lead.job_title = facts.jobTitle;
  // A person's own mail may still say "City: Pune" or "Budget: 80 lakh"; who they are stays the sender.
  const extra = fieldsOf(
    readPairs(body),
    ctx,
    region,
    new Set([
      "company",
      "job_title",
      "city",
      "state",
      "country",
      "postal_code",
      "budget",
      "product_interest",
      "need",
      "timeline",
      "website",
      "gstin",
    ]),
  ).lead;
  for (const [k, v] of Object.entries(extra) as [keyof CanonicalLead, never][]) if (v != null && lead[k] == null) lead[k] = v;
  if (!lead.email && !lead.phone)
    return { ok: false, reason: `no email or phone to reach the sender${who.name ? ` (${who.name})` : ""}`, note };
  return { ok: true, lead, extractedFrom: via, note };
}

function fromForward(fwd: ForwardedBlock, view: View, ctx: ExtractContext): Extraction {
  const inner: View = {
    from: parseAddressLine(fwd.from ?? ""),
    replyTo: null,
    subject: fwd.subject ?? bareSubject(view.subject),
    text: fwd.body,
    htmlText: null,
    attached: null,
  };
  return asForwarded(extract(inner, { ...ctx, depth: ctx.depth + 1 }, true), view, stripQuoted(fwd.comment));
}

function asForwarded(found: Extraction, outer: View, comment: string): Extraction {
  if (!found.ok) return found;
  const by = [personName(outer.from.name) ?? outer.from.name, outer.from.address && `<${outer.from.address}>`].filter(Boolean).join(" ");
  const tail = by ? `\n\nForwarded by ${by}${comment ? `:\n${comment}` : ""}` : "";
  const note = found.note ? clip(found.note + tail, NOTE_MAX) : null;
  return { ...found, extractedFrom: "forwarded", note };
}

export function extract(view: View, ctx: ExtractContext, inner = false): Extraction {
  const fwd = ctx.depth < 4 ? findForward(view.text, view.subject) : null;
  if (fwd?.certain) {
    const found = fromForward(fwd, view, ctx);
    if (found.ok) return found;
    return { ...found, reason: `forwarded message: ${found.reason}` };
  }
  if (view.attached && ctx.depth < 4) {
    const comment = stripQuoted(view.text);
    const found = asForwarded(extract(view.attached, { ...ctx, depth: ctx.depth + 1 }, true), view, comment);
    if (found.ok) return found;
  }
  const labelled = fromLabels(view, ctx);
  if (labelled) return labelled;
  if (fwd) {
    const found = fromForward(fwd, view, ctx);
    if (found.ok) return found;
  }
  return fromSender(view, ctx, inner);
}

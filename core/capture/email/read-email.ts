/**
 * One inbound email, read: is it a lead, a reply to us, an auto-reply or a bounce, and who is the
 * person behind it. Pure (no db, no network): the intake job decides what to do with the reading.
 */
import { simpleParser, type AddressObject, type Attachment, type ParsedMail } from "mailparser";
import { canonicalLeadSchema, type CanonicalLead } from "../../lead/canonical.ts";
import { readAutoReply, readBounce, readContentSpam } from "./classify.ts";
import { clip, composeNote, extract, type ExtractedFrom, type Mailbox, type View } from "./extract.ts";
import { htmlToText } from "../../text/html-text.ts";
import { storableText } from "../../text/storable.ts";
import { knownLabel } from "./labels.ts";
import { stripQuoted } from "./quotes.ts";

export interface EmailReading {
  kind: "lead" | "auto_reply" | "bounce" | "reply" | "no_lead" | "spam";
  messageId: string | null;
  /** Message-IDs this message answers (In-Reply-To and References, angle brackets stripped). */
  inReplyTo: string[];
  subject: string | null;
  from: { name: string | null; address: string | null };
  /** The lead, when kind is "lead" (and for "reply", the replier's details). */
  lead: CanonicalLead | null;
  /** How the lead was found: "sender", "portal_body", "forwarded", "reply_to". */
  extractedFrom: ExtractedFrom | null;
  /** Subject + text of the enquiry, to become the lead's first note. */
  note: string | null;
  attachments: { filename: string | null; contentType: string; size: number; content: Buffer | null }[];
  /** Why it is auto_reply / bounce / no_lead / spam (or a reply with no reachable sender). */
  reason?: string;
  /** The address a bounce reports as failed, when it names one. */
  bounceRecipient?: string | null;
}

export interface ReadEmailOptions {
  /** Our own domains: their senders are never the lead (a rep forwarding an enquiry). */
  ourDomains?: string[];
  /** Total attachment bytes kept in memory; past it an attachment is listed without content. Default 5 MB. */
  maxAttachmentBytes?: number;
  /** Region for numbers written without a country code (the tenant's default region). Default "IN". */
  region?: string;
}

export const DEFAULT_MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
/** Bodies longer than this are read as their head and their tail (where the signature is). */
const MAX_TEXT = 200_000;
const TAIL = 20_000;

function bounded(text: string): string {
  if (text.length <= MAX_TEXT) return text;
  return `${text.slice(0, MAX_TEXT - TAIL)}\n…\n${text.slice(-TAIL)}`;
}

const PARSE_OPTIONS = { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true } as const;

function firstMailbox(a: AddressObject | AddressObject[] | undefined): Mailbox | null {
  const box = (Array.isArray(a) ? a[0] : a)?.value?.[0];
  if (!box) return null;
  return {
    name: box.name ? storableText(box.name).trim() || null : null,
    address: box.address ? storableText(box.address).trim().toLowerCase() || null : null,
  };
}

function ids(v: string | string[] | undefined): string[] {
  const list = Array.isArray(v) ? v : v ? [v] : [];
  return list.flatMap((s) => s.match(/<[^<>\s]+>|[^<>\s,]+@[^<>\s,]+/g) ?? []).map((s) => s.replace(/^<|>$/g, ""));
}

/** The readable text of a message: its text part, or its HTML as text when that says more. */
function bodyText(text: string, htmlText: string | null): string {
  if (!htmlText || text.trim().length >= 200) return text;
  // A stub ("view this mail in a browser") beside a real HTML body: the HTML says more.
  return htmlText.length > text.trim().length * 2 ? htmlText : text;
}

async function viewOf(parsed: ParsedMail, depth: number): Promise<View> {
  const from = firstMailbox(parsed.from) ?? { name: null, address: null };
  const attachedRaw = parsed.attachments.find((a) => /^message\/(rfc822|global)$/i.test(a.contentType));
  const text = bounded(storableText(parsed.text ?? "").replace(/\r\n?/g, "\n"));
  const htmlText =
    typeof parsed.html === "string" && parsed.html ? htmlToText(bounded(storableText(parsed.html)), (s) => !!knownLabel(s)) : null;
  return {
    from,
    replyTo: firstMailbox(parsed.replyTo),
    subject: parsed.subject ? storableText(parsed.subject).trim() || null : null,
    text: bodyText(text, htmlText),
    htmlText,
    attached: attachedRaw && depth < 2 ? await viewOf(await simpleParser(attachedRaw.content, PARSE_OPTIONS), depth + 1) : null,
  };
}

function keepAttachments(list: Attachment[], cap: number): EmailReading["attachments"] {
  let kept = 0;
  // Inline images referenced by the HTML (logos, signatures) are part of the body, not attachments.
  return list
    .filter((a) => !(a.related && a.contentId && a.contentType.startsWith("image/")))
    .map((a) => {
      const size = a.size ?? a.content.length;
      const fits = kept + size <= cap;
      if (fits) kept += size;
      return {
        filename: a.filename ? storableText(a.filename) : null,
        contentType: storableText(a.contentType),
        size,
        content: fits ? a.content : null,
      };
    });
}

/**
 * The lead made to pass the canonical schema: a too-long text is cut to its maximum, and a field
 * the schema still refuses is dropped, so one odd value never costs the whole lead.
 */
function fitLead(lead: CanonicalLead): CanonicalLead {
  const draft = Object.fromEntries(Object.entries(lead).filter(([, v]) => v != null && v !== "")) as Record<string, unknown>;
  for (let attempt = 0; attempt < 3; attempt++) {
    const result = canonicalLeadSchema.safeParse(draft);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const [key, sub] = issue.path as [string, string | number | undefined];
      if (issue.code !== "too_big" || issue.origin !== "string") delete draft[key];
      else if (sub === undefined) draft[key] = clip(String(draft[key]), Number(issue.maximum));
      else (draft[key] as Record<string, unknown>)[sub] = clip(String((draft[key] as Record<string, unknown>)[sub]), Number(issue.maximum));
    }
  }
  return canonicalLeadSchema.parse(draft);
}

export async function readEmail(raw: Buffer | string, opts: ReadEmailOptions = {}): Promise<EmailReading> {
  const parsed = await simpleParser(raw, PARSE_OPTIONS);
  const view = await viewOf(parsed, 0);
  const reading: EmailReading = {
    kind: "no_lead",
    messageId: ids(parsed.messageId)[0] ?? null,
    inReplyTo: [...new Set([...ids(parsed.inReplyTo), ...ids(parsed.references)])],
    subject: view.subject,
    from: view.from,
    lead: null,
    extractedFrom: null,
    note: null,
    attachments: keepAttachments(parsed.attachments, opts.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES),
  };

  const bounce = readBounce(parsed, view.text);
  if (bounce) {
    const who = bounce.recipient ?? "recipient unknown";
    // The returned message's id tells the caller which of our mails bounced.
    reading.inReplyTo = [...new Set([...reading.inReplyTo, ...bounce.originalIds])];
    reading.note = composeNote(view.subject, view.text);
    return bounce.delayed
      ? { ...reading, kind: "auto_reply", reason: `delivery delayed: ${who}` }
      : { ...reading, kind: "bounce", reason: `bounce: ${who}`, bounceRecipient: bounce.recipient };
  }
  const auto = readAutoReply(parsed);
  if (auto?.strong) return { ...reading, kind: "auto_reply", reason: auto.reason, note: composeNote(view.subject, stripQuoted(view.text)) };

  const found = extract(view, { ourDomains: opts.ourDomains ?? [], region: opts.region ?? "IN", depth: 0 });
  reading.note = found.note;
  // A portal's notification or a colleague's forward carries an enquiry someone vouched for; the rest is read for spam.
  const vouched = found.ok && (found.extractedFrom === "portal_body" || found.extractedFrom === "forwarded");
  const spam = vouched ? null : readContentSpam(parsed, view.subject ?? "", stripQuoted(view.text));
  if (spam) return { ...reading, kind: "spam", reason: spam };
  // Bulk and auto-generated mail is no enquiry, unless it is a portal's notification carrying one.
  if (auto && !(found.ok && (found.extractedFrom === "portal_body" || found.extractedFrom === "forwarded"))) {
    return { ...reading, kind: "auto_reply", reason: auto.reason };
  }
  if (found.ok) {
    reading.lead = fitLead({ ...found.lead, source: "email", subsource: found.lead.subsource ?? null, message: found.note });
    reading.extractedFrom = found.extractedFrom;
  }
  if (reading.inReplyTo.length) return found.ok ? { ...reading, kind: "reply" } : { ...reading, kind: "reply", reason: found.reason };
  return found.ok ? { ...reading, kind: "lead" } : { ...reading, kind: "no_lead", reason: found.reason };
}

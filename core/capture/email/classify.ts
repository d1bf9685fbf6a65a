/**
 * Messages that machines send back: bounces (delivery status notifications, RFC 3464) and
 * auto-replies (RFC 3834 and the headers mail systems actually use). Neither is a lead.
 */
import type { Attachment, HeaderValue, ParsedMail } from "mailparser";

function header(parsed: ParsedMail, name: string): string | null {
  const v: HeaderValue | undefined = parsed.headers.get(name);
  if (v == null) return null;
  if (typeof v === "string") return v.trim();
  if (Array.isArray(v)) return v.map(String).join(", ");
  if (typeof v === "object" && "value" in v) return String((v as { value: unknown }).value);
  return String(v);
}

export interface Bounce {
  /** The address that failed, lower-cased, when the report names one. */
  recipient: string | null;
  /** Only delayed (a warning, the mail system is still trying): not a failure. */
  delayed: boolean;
  /** Message-IDs of the returned message: the outbound mail that bounced. */
  originalIds: string[];
}

const BOUNCE_SUBJECT =
  /^(undelivered mail returned to sender|undeliver(able|ed)\b|delivery status notification \((failure|delay)\)|mail delivery (failed|failure)|delivery (has )?failed|returned mail\b|failure notice|mail system error|delivery failure|non-?delivery|message not delivered|warning: message .* delayed|delayed mail)/i;
const DAEMON = /^(mailer-daemon|postmaster|mail-daemon)$/i;

/** A delivery failure (or delay) report, or null. `text` is the body mailparser read. */
export function readBounce(parsed: ParsedMail, text: string): Bounce | null {
  const type = parsed.headers.get("content-type") as { value?: string; params?: Record<string, string> } | undefined;
  const reportType = Object.entries(type?.params ?? {}).find(([k]) => k.toLowerCase() === "report-type")?.[1];
  const dsn = type?.value?.toLowerCase() === "multipart/report" && /delivery-status/i.test(reportType ?? "");
  const sender = parsed.from?.value[0]?.address ?? "";
  const daemon = DAEMON.test(sender.slice(0, sender.lastIndexOf("@")));
  const failedHeader = header(parsed, "x-failed-recipients");
  if (!dsn && !daemon && !failedHeader && !BOUNCE_SUBJECT.test(parsed.subject ?? "")) return null;

  const reports = [text, ...statusParts(parsed.attachments)].join("\n");
  const actions = [...reports.matchAll(/^Action:\s*([a-z]+)/gim)].map((m) => m[1].toLowerCase());
  const delayed =
    (actions.length > 0 && !actions.includes("failed")) ||
    (actions.length === 0 && /\((delay)\)|delayed/i.test(parsed.subject ?? "") && !/fail/i.test(parsed.subject ?? ""));
  return { recipient: failedRecipient(reports, failedHeader), delayed, originalIds: returnedIds(parsed.attachments) };
}

function statusParts(attachments: Attachment[]): string[] {
  return attachments.filter((a) => /^message\/(global-)?delivery-status$/i.test(a.contentType)).map((a) => a.content.toString("utf8"));
}

const ADDRESS = String.raw`([^\s<>;"']{1,64}@[^\s<>;"',]{1,255}\.[A-Za-z]{2,24})`;

function failedRecipient(text: string, failedHeader: string | null): string | null {
  const patterns = [
    new RegExp(String.raw`^Original-Recipient:\s*rfc822\s*;\s*<?${ADDRESS}`, "im"),
    new RegExp(String.raw`^Final-Recipient:\s*rfc822\s*;\s*<?${ADDRESS}`, "im"),
    // Postfix: "<rahul@example.com>: host mx.example.com said: 550 …"
    new RegExp(String.raw`^\s*<${ADDRESS}>\s*:`, "m"),
    // Gmail: "Your message wasn't delivered to rahul@example.com because …"
    new RegExp(String.raw`wasn't delivered to\s+<?${ADDRESS}`, "i"),
    // Exim: "The following address(es) failed:\n\n  rahul@example.com"
    new RegExp(String.raw`following (?:address(?:\(es\)|es)?|recipients?) failed:?\s*<?${ADDRESS}`, "i"),
    // Exchange: "Your message to rahul@example.com couldn't be delivered."
    new RegExp(String.raw`your message to\s+<?${ADDRESS}>?\s+couldn't be delivered`, "i"),
  ];
  if (failedHeader) {
    const m = new RegExp(ADDRESS).exec(failedHeader);
    if (m) return m[1].toLowerCase();
  }
  for (const re of patterns) {
    const m = re.exec(text);
    if (m) return m[1].replace(/[.>]+$/, "").toLowerCase();
  }
  return null;
}

function returnedIds(attachments: Attachment[]): string[] {
  const ids: string[] = [];
  for (const a of attachments) {
    if (!/^(text\/rfc822-headers|message\/rfc822|message\/global|message\/global-headers)$/i.test(a.contentType)) continue;
    const head = a.content
      .subarray(0, 64 * 1024)
      .toString("utf8")
      .split(/\r?\n\r?\n/)[0];
    const m = /^Message-ID:\s*<([^>\s]+)>/im.exec(head);
    if (m && !ids.includes(m[1])) ids.push(m[1]);
  }
  return ids;
}

const OOF_SUBJECT =
  /\b(out of (the )?office|automatic reply|auto[- ]?reply|autoreply|auto[- ]?response|autoresponder|abwesenheitsnotiz|réponse automatique|respuesta automática|risposta automatica|automatisch antwoord|fuera de la oficina|away from (the )?office)\b/i;
// Anchored and narrow: "Vacation home in Goa" or "Absence management software" are enquiries.
const OOF_SUBJECT_START =
  /^\s*(re:\s*)?((absence|absent)\b\s*(:|-|–|notice|du bureau|until|till|from|$)|on leave\b|on vacation\b|ooo\b|annual leave\b)/i;

export interface AutoReply {
  /** Strong signals always win; weak ones (bulk mail, auto-generated) yield to a portal notification. */
  strong: boolean;
  reason: string;
}

export function readAutoReply(parsed: ParsedMail): AutoReply | null {
  const subject = parsed.subject ?? "";
  const auto = header(parsed, "auto-submitted")?.toLowerCase().split(/[;\s]/)[0] ?? null;
  const precedence = (header(parsed, "precedence") ?? header(parsed, "x-precedence"))?.toLowerCase() ?? null;
  const oofSubject = OOF_SUBJECT.test(subject) || OOF_SUBJECT_START.test(subject);
  const suppress = header(parsed, "x-auto-response-suppress");

  if (auto === "auto-replied") return { strong: true, reason: "auto-reply: Auto-Submitted: auto-replied" };
  for (const name of ["x-autoreply", "x-autorespond", "x-mail-autoreply", "x-autoreply-from"]) {
    const v = header(parsed, name);
    if (v != null && !/^(no|false|0)$/i.test(v)) return { strong: true, reason: `auto-reply: ${name}: ${v.slice(0, 60)}` };
  }
  if (/^reply$/i.test(header(parsed, "x-autogenerated") ?? "")) return { strong: true, reason: "auto-reply: X-Autogenerated: Reply" };
  if (precedence === "auto_reply") return { strong: true, reason: "auto-reply: Precedence: auto_reply" };
  if (oofSubject) {
    const why = suppress ? `X-Auto-Response-Suppress: ${suppress.slice(0, 30)} and subject` : "subject";
    return { strong: true, reason: `auto-reply: ${why} "${subject.slice(0, 80)}"` };
  }
  if (auto && auto !== "no") return { strong: false, reason: `auto-generated: Auto-Submitted: ${auto}` };
  if (precedence === "bulk" || precedence === "junk") return { strong: false, reason: `auto-generated: Precedence: ${precedence}` };
  return null;
}

/** Lottery, prize and advance-fee scams: two of these in one message is never an enquiry. */
const SCAM = [
  /\blotter(y|ies)\b/i,
  /\blucky draw\b/i,
  /\bjackpot\b/i,
  /\byou (have|'ve) (been selected|won)\b|\byour (e-?mail|mobile|number) (address )?(has )?won\b/i,
  /\bclaim (your|the) (prize|reward|winnings|funds?|compensation)\b/i,
  /\b(prize|winning|award) (money|amount|notification)\b/i,
  /\b(usd|us\$|\$|£|gbp|eur|€)\s?\d{1,3}([,.]\d{3}){2,}|\b\d+(\.\d+)? million (usd|us dollars|dollars|pounds|euros)\b/i,
  /\b(processing|clearance|transfer|release) fee\b/i,
  /\b(next of kin|beneficiary|inheritance|unclaimed (funds|deposit))\b/i,
  /\bwestern union\b|\bmoneygram\b/i,
];
/** What marketing mail says; an enquiry seldom says two of them. */
const MARKETING = [
  /\bunsubscribe\b|\bopt[- ]out\b|\bremove in the subject\b/i,
  /\b\d{1,3}\s?% (off|discount)\b/i,
  /\b100\s?% (guaranteed|free|satisfaction)\b|\bguaranteed (results|ranking|returns)\b/i,
  /\blimited[- ](period|time) offer\b|\boffer (ends|valid till)\b|\bact now\b|\bbuy now\b|\border now\b/i,
  /\bclick here\b|\bview (this|it) in (your|a) browser\b/i,
  /\bfree (trial|audit|gift|report|consultation|seo)\b|\bclaim your free\b/i,
  /\b(seo|backlinks?|page #?1 (of|on) google|digital marketing packages?|bulk sms|email list|database of \d)\b/i,
  /\bearn (rs\.?|₹|\$)?\s?[\d,]+ (per|a|every) (day|week|month)\b|\bwork from home\b/i,
];
/** Mailing-list software stamps these (RFC 2369, RFC 8058; Mailchimp, SendGrid and the like). */
const MASS_MAILER =
  /\b(mailchimp|mcsv|sendgrid|sendinblue|brevo|mailerlite|constant ?contact|campaign ?monitor|klaviyo|moosend|phplist)\b/i;

/**
 * Content spam, or null: a lottery or prize scam, a link farm, a mass mailing (list headers or a
 * bulk precedence) that sells something, a SHOUTING subject that sells something, or a message
 * that is mostly sales talk. The reason names what was seen, for the inbound event's record.
 */
export function readContentSpam(parsed: ParsedMail, subject: string, text: string): string | null {
  const all = `${subject}\n${text.slice(0, 50_000)}`;
  const scam = SCAM.filter((re) => re.test(all));
  if (scam.length >= 2) return `spam: lottery or prize scam (${scam.map((re) => re.exec(all)![0].trim()).join(", ")})`;

  const links = all.match(/\bhttps?:\/\/[^\s<>"')]+/gi) ?? [];
  const hosts = new Set(
    links.map((l) =>
      l
        .replace(/^https?:\/\//i, "")
        .split(/[/?#:]/)[0]
        .toLowerCase()
        .replace(/^www\./, ""),
    ),
  );
  const words = all.split(/\s+/).filter(Boolean).length;
  if (hosts.size >= 5 || (links.length >= 8 && links.length * 12 >= words))
    return `spam: link farm (${links.length} links to ${hosts.size} sites)`;

  const selling = MARKETING.filter((re) => re.test(all)).map((re) => re.exec(all)![0].trim());
  const precedence = (header(parsed, "precedence") ?? "").toLowerCase();
  // mailparser folds List-* headers into one parsed object; the raw lines still name them.
  const list = ["list-unsubscribe", "list-id"].find((h) => parsed.headerLines.some((l) => l.key === h));
  const mailer = [header(parsed, "x-mailer"), header(parsed, "x-campaign"), header(parsed, "feedback-id")].find(
    (v) => v && MASS_MAILER.test(v),
  );
  const bulk = list
    ? `${list} header`
    : precedence === "bulk" || precedence === "list"
      ? `Precedence: ${precedence}`
      : mailer
        ? `sent by ${mailer}`
        : null;
  if (bulk && selling.length) return `spam: mass mailing (${bulk}; ${selling.join(", ")})`;

  const letters = subject.replace(/[^\p{L}]/gu, "");
  const shouting = letters.length >= 12 && letters.replace(/[^\p{Lu}]/gu, "").length >= letters.length * 0.7;
  if (shouting && (selling.length || /!{2,}|\$\$|₹₹/.test(subject))) return `spam: shouting subject selling ("${subject.slice(0, 60)}")`;
  if (selling.length >= 3) return `spam: marketing (${selling.slice(0, 4).join(", ")})`;
  return null;
}

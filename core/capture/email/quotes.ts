/**
 * Quoted replies and forwarded blocks in a plain-text body, as Gmail, Outlook, Apple Mail and
 * Thunderbird write them (in English and a few other languages).
 */

/** Markers that only a forward writes. */
const FORWARD_MARKER =
  /^[>\s]*(-{2,}\s*(forwarded message|forwarded message follows|weitergeleitete nachricht|message transféré|mensaje reenviado|messaggio inoltrato|doorgestuurd bericht|mensagem encaminhada)\s*-{2,}|begin forwarded message:?|anfang der weitergeleiteten nachricht:?|début du message réexpédié\s*:?)\s*$/i;
/** Markers a reply and a forward both write (Outlook). */
const ORIGINAL_MARKER =
  /^[>\s]*(-{2,}\s*(original message|ursprüngliche nachricht|message d'origine|mensaje original|messaggio originale)\s*-{2,}|_{8,})\s*$/i;
const ON_WROTE =
  /^(on\b.*\bwrote|le\b.*\ba écrit|am\b.*\bschrieb|el\b.*\bescribió|il\b.*\bha scritto|op\b.*\bschreef|em\b.*\bescreveu)\s*:?\s*$/i;
const ON_START = /^(on|le|am|el|il|op|em)\s/i;

const HEADER =
  /^[>\s]*\*?(from|von|de|van|da|sent|date|datum|gesendet|envoyé|enviado|verzonden|data|to|an|à|a|para|aan|cc|bcc|subject|betreff|objet|asunto|oggetto|onderwerp|assunto|reply-to)\*?\s*:\s*(.*)$/i;
const HEADER_NAMES: Record<string, "from" | "date" | "to" | "cc" | "subject" | "other"> = {
  from: "from",
  von: "from",
  de: "from",
  van: "from",
  da: "from",
  sent: "date",
  date: "date",
  datum: "date",
  gesendet: "date",
  envoyé: "date",
  enviado: "date",
  verzonden: "date",
  data: "date",
  to: "to",
  an: "to",
  à: "to",
  a: "to",
  para: "to",
  aan: "to",
  cc: "cc",
  bcc: "cc",
  subject: "subject",
  betreff: "subject",
  objet: "subject",
  asunto: "subject",
  oggetto: "subject",
  onderwerp: "subject",
  assunto: "subject",
};

const FORWARD_SUBJECT = /^\s*\[?\s*(fwd?|fw|wg|tr|rv|enc|doorst|vs|vb|i)\s*:/i;
const REPLY_SUBJECT = /^\s*\[?\s*(re|aw|sv|antw|odp|ref|r|ris|res|vá)\s*:/i;

function headerOf(line: string): { key: string; value: string } | null {
  const m = HEADER.exec(line);
  if (!m) return null;
  return { key: HEADER_NAMES[m[1].toLowerCase()] ?? "other", value: m[2].replace(/\*/g, "").trim() };
}

/** A block of quoted headers starting at `i`: From plus (Sent or Date) or Subject within a few lines. */
function isHeaderBlock(lines: string[], i: number): boolean {
  if (headerOf(lines[i])?.key !== "from") return false;
  let date = false;
  let subject = false;
  for (let j = i + 1; j < Math.min(lines.length, i + 8); j++) {
    const h = headerOf(lines[j]);
    if (h?.key === "date") date = true;
    if (h?.key === "subject") subject = true;
  }
  return date || subject;
}

function onWroteAt(lines: string[], i: number): boolean {
  const l = lines[i].trim();
  if (ON_WROTE.test(l)) return true;
  // Gmail wraps long attributions: "On Mon, 3 Jun 2024 at 10:15, Rahul Patil <\nrahul@x.com> wrote:"
  if (!ON_START.test(l)) return false;
  const joined = [l, lines[i + 1]?.trim() ?? "", lines[i + 2]?.trim() ?? ""];
  return ON_WROTE.test(`${joined[0]} ${joined[1]}`) || ON_WROTE.test(joined.join(" "));
}

const DEVICE_LINE = /^(sent from my |sent from (yahoo mail|mail for windows|outlook)|get outlook for )/i;

/** The text a person wrote, without the message they answer (attribution line onward, "> " lines). */
export function stripQuoted(text: string): string {
  const lines = text.split(/\r?\n/);
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i].trim();
    if (onWroteAt(lines, i) || FORWARD_MARKER.test(l) || (ORIGINAL_MARKER.test(l) && i + 1 < lines.length) || isHeaderBlock(lines, i)) {
      if (ORIGINAL_MARKER.test(l) && /^_+$/.test(l) && !lines.slice(i + 1, i + 3).some((n) => headerOf(n)?.key === "from")) continue;
      end = i;
      break;
    }
  }
  const kept = lines.slice(0, end).filter((l) => !/^\s*>/.test(l));
  // Client boilerplate closing the message ("Sent from my iPhone") is not what the person wrote.
  while (kept.length && (!kept[kept.length - 1].trim() || DEVICE_LINE.test(kept[kept.length - 1].trim()))) kept.pop();
  return kept
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export interface ForwardedBlock {
  /** Written as a forward for sure (a forward marker or an FW: subject), not just a header block. */
  certain: boolean;
  /** What the forwarder wrote above the forwarded message. */
  comment: string;
  from: string | null;
  subject: string | null;
  date: string | null;
  /** The forwarded message's own text (its quotes not yet removed). */
  body: string;
}

/**
 * The first forwarded message in a body. Outlook's "-----Original Message-----" and bare header
 * blocks count as a forward only when the subject says so (FW:) or, without a RE:, when little was
 * written above them; in a reply they are the quoted message.
 */
export function findForward(text: string, subject: string | null): ForwardedBlock | null {
  const lines = text.split(/\r?\n/);
  const forwardSubject = FORWARD_SUBJECT.test(subject ?? "");
  const replySubject = REPLY_SUBJECT.test(subject ?? "");
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i].trim();
    if (onWroteAt(lines, i)) return null;
    const marker = FORWARD_MARKER.test(l) || ORIGINAL_MARKER.test(l);
    const block = !marker && isHeaderBlock(lines, i);
    if (!marker && !block) continue;
    const comment = lines.slice(0, i).join("\n").trim();
    const certain = FORWARD_MARKER.test(l) || forwardSubject;
    if (!certain && (replySubject || comment.replace(/\s+/g, " ").length > 300)) return null;
    const headers = readHeaders(lines, marker ? i + 1 : i);
    if (!headers) {
      if (marker) continue;
      return null;
    }
    let body = lines.slice(headers.end);
    const quoted = body.filter((b) => b.trim()).filter((b) => /^\s*>/.test(b)).length;
    if (quoted > 0 && quoted >= 0.8 * body.filter((b) => b.trim()).length) body = body.map((b) => b.replace(/^\s*> ?/, ""));
    return { certain, comment, from: headers.from, subject: headers.subject, date: headers.date, body: body.join("\n").trim() };
  }
  return null;
}

function readHeaders(
  lines: string[],
  start: number,
): { from: string | null; subject: string | null; date: string | null; end: number } | null {
  let i = start;
  while (i < lines.length && !lines[i].trim()) i++;
  const found: Record<string, string> = {};
  let last: string | null = null;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (!line.trim()) break;
    const h = headerOf(line);
    if (h) {
      last = h.key;
      if (!(h.key in found)) found[h.key] = h.value;
    } else if (last) {
      // A wrapped header line (long To: lists, Gmail's "<\naddress>" wraps) continues the last one.
      found[last] = `${found[last]} ${line.replace(/^[\s>]+/, "")}`;
    } else return null;
  }
  if (!found.from) return null;
  return { from: found.from, subject: found.subject ?? null, date: found.date ?? null, end: i };
}

/** "Rahul Patil <rahul@x.com>", "Rahul Patil [mailto:rahul@x.com]", "rahul@x.com" → name and address. */
export function parseAddressLine(value: string): { name: string | null; address: string | null } {
  const email = /[\p{L}\p{N}._%+'-]{1,64}@[\p{L}\p{N}.-]{1,255}\.\p{L}{2,24}/u.exec(value);
  const address = email ? email[0].toLowerCase() : null;
  const name = (email ? value.slice(0, email.index) : value)
    .replace(/(\[|<)?\s*mailto:\s*$/i, "")
    .replace(/[<[(]+\s*$/, "")
    .replace(/^["'\s]+|["'\s]+$/g, "")
    .trim();
  return { name: name || null, address };
}

/** "Fwd: RE: Enquiry" → "Enquiry". */
export function bareSubject(subject: string | null): string | null {
  if (!subject) return null;
  let s = subject;
  for (let k = 0; k < 5; k++) {
    const next = s
      .replace(FORWARD_SUBJECT, "")
      .replace(REPLY_SUBJECT, "")
      .replace(/^\s*\]?\s*/, "");
    if (next === s) break;
    s = next;
  }
  return s.trim() || null;
}

/**
 * "Label: value" lines, as portals and form mailers write a lead: `Name: Rahul Patil`,
 * `Mobile No.: +91-9876543210`, `Message:` followed by lines of text. Labels are matched after
 * folding case and punctuation, so "E-mail ID", "email id" and "*Email Id:*" are one label.
 */

export type LabelField =
  | "name"
  | "first_name"
  | "last_name"
  | "email"
  | "phone"
  | "alt_phone"
  | "contact"
  | "from"
  | "company"
  | "job_title"
  | "city"
  | "state"
  | "country"
  | "postal_code"
  | "address"
  | "message"
  | "need"
  | "product_interest"
  | "budget"
  | "timeline"
  | "website"
  | "gstin"
  | "external_id"
  | "campaign"
  | "utm_source"
  | "utm_medium"
  | "utm_campaign"
  | "utm_term"
  | "utm_content"
  | "landing_page"
  | "referrer"
  | "ignore";

const LABELS: [LabelField, string[]][] = [
  [
    "name",
    [
      "name",
      "full name",
      "contact person",
      "contact name",
      "customer name",
      "buyer name",
      "sender name",
      "your name",
      "client name",
      "lead name",
      "person name",
      "visitor name",
      "enquirer name",
      "applicant name",
      "buyer",
      "customer",
      "contact person name",
      "requester",
      "requested by",
      "enquiry by",
      "enquired by",
      "caller name",
      "user name",
      "name of the person",
    ],
  ],
  ["first_name", ["first name", "fname", "given name"]],
  ["last_name", ["last name", "lname", "surname", "family name"]],
  [
    "email",
    [
      "email",
      "e mail",
      "email id",
      "e mail id",
      "email address",
      "e mail address",
      "mail",
      "mail id",
      "your email",
      "sender email",
      "buyer email",
      "buyer email id",
      "customer email",
      "contact email",
      "email adress",
    ],
  ],
  [
    "phone",
    [
      "mobile",
      "mobile no",
      "mobile number",
      "mob",
      "mob no",
      "phone",
      "phone no",
      "phone number",
      "contact no",
      "contact number",
      "cell",
      "cell phone",
      "cell no",
      "telephone",
      "telephone no",
      "tel",
      "tel no",
      "ph",
      "ph no",
      "your phone",
      "your mobile",
      "buyer mobile",
      "buyer phone",
      "customer mobile",
      "mobile phone",
      "whatsapp",
      "whatsapp no",
      "whatsapp number",
      "primary phone",
      "mobile phone number",
      "caller number",
      "phone mobile",
      "mobile phone no",
    ],
  ],
  [
    "alt_phone",
    [
      "alternate number",
      "alternate phone",
      "alternate mobile",
      "alternative number",
      "alternate contact",
      "landline",
      "landline no",
      "other phone",
      "phone 2",
      "secondary phone",
      "office phone",
    ],
  ],
  ["contact", ["contact", "contact details", "contact info"]],
  ["from", ["from"]],
  [
    "company",
    [
      "company",
      "company name",
      "organisation",
      "organization",
      "organisation name",
      "organization name",
      "firm",
      "firm name",
      "business name",
      "your company",
      "buyer company",
      "company organisation",
      "company organization",
    ],
  ],
  ["job_title", ["designation", "job title", "position", "role"]],
  ["city", ["city", "location", "buyer city", "your city", "town", "preferred location", "city name", "buyer location"]],
  ["state", ["state", "buyer state", "province", "state province"]],
  ["country", ["country", "buyer country"]],
  ["postal_code", ["pincode", "pin code", "pin", "zip", "zip code", "postal code", "postcode"]],
  ["address", ["address", "locality", "area", "full address", "buyer address"]],
  [
    "need",
    [
      "requirement",
      "requirements",
      "requirement details",
      "requirement detail",
      "buy requirement",
      "buyer requirement",
      "other requirement",
      "other requirements",
      "looking for",
    ],
  ],
  [
    "message",
    [
      "message",
      "your message",
      "message body",
      "comments",
      "comment",
      "query",
      "enquiry",
      "enquiry details",
      "inquiry",
      "inquiry details",
      "description",
      "details",
      "remarks",
      "additional information",
      "additional details",
      "buyer message",
      "note",
      "notes",
      "enquiry message",
      "query details",
      "message details",
      "questions",
      "question",
    ],
  ],
  [
    "product_interest",
    [
      "project",
      "project name",
      "property",
      "property name",
      "product",
      "product name",
      "interested in",
      "service",
      "service required",
      "services",
      "product interest",
      "listing",
      "property title",
      "product enquired",
      "interested product",
      "product service",
      "enquiry for",
      "enquired for",
    ],
  ],
  ["budget", ["budget", "budget range", "price range", "approx budget", "expected budget", "your budget", "price"]],
  ["timeline", ["timeline", "purchase timeline", "timeframe", "time frame", "when do you plan to buy", "possession"]],
  ["website", ["website", "company website", "web site", "your website"]],
  ["gstin", ["gstin", "gst no", "gst number", "gst", "gstin no", "gstin number"]],
  [
    "external_id",
    [
      "enquiry id",
      "enquiry no",
      "enquiry number",
      "lead id",
      "query id",
      "inquiry id",
      "reference id",
      "reference no",
      "ref no",
      "ref id",
      "response id",
      "lead no",
      "enquiry ref",
    ],
  ],
  ["campaign", ["campaign", "campaign name"]],
  ["utm_source", ["utm source"]],
  ["utm_medium", ["utm medium"]],
  ["utm_campaign", ["utm campaign"]],
  ["utm_term", ["utm term"]],
  ["utm_content", ["utm content"]],
  ["landing_page", ["page url", "landing page", "source url", "form url", "page", "submitted from", "form page"]],
  ["referrer", ["referrer", "referer", "referring url", "referral url"]],
  [
    "ignore",
    [
      "date",
      "time",
      "user agent",
      "remote ip",
      "ip",
      "ip address",
      "powered by",
      "submitted on",
      "sent on",
      "to",
      "subject",
      "cc",
      "sent",
      "form",
      "form name",
      "form id",
    ],
  ],
];

const BY_KEY = new Map<string, LabelField>();
for (const [field, keys] of LABELS) for (const k of keys) BY_KEY.set(k, field);

/** "Mobile No.:" → "mobile no"; "Your-Email" → "your email" (CF7 writes its tags so). */
export function labelKey(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export function knownLabel(label: string): LabelField | null {
  return BY_KEY.get(labelKey(label)) ?? null;
}

/** Fields whose value may run over several lines when the label stands alone. */
const MULTILINE = new Set<LabelField>(["message", "need", "address"]);

export interface LabelledPair {
  label: string;
  field: LabelField | null;
  value: string;
}

const PAIR = /^[\s*•·>-]*\**([\p{L}][\p{L}\p{N} .()/&'#_-]{0,40}?)\**\s*[:：]\**\s*(.*)$/u;

function asPair(line: string): LabelledPair | null {
  const m = PAIR.exec(line);
  if (!m) return null;
  const label = m[1].trim();
  if (label.split(/\s+/).length > 6 || /^(https?|mailto)$/i.test(label)) return null;
  return { label, field: knownLabel(label), value: m[2].replace(/\*+$/, "").trim() };
}

/** A line that carries several pairs ("Name: Rahul   Mobile: 98…" or "Name: Rahul | Mobile: 98…"). */
function splitLine(line: string): string[] {
  const parts = line.split(/\t+| {3,}|\s+\|\s+/);
  if (parts.length < 2) return [line];
  const known = parts.filter((p) => asPair(p)?.field);
  return known.length >= 2 ? parts : [line];
}

const STOP = /^(--\s*|-{3,}|_{3,}|={3,})$|^this e-?mail was sent from|^powered by\b|^regards\b|^thanks\b|^thank you\b/i;

/**
 * The pairs of a body, in order. A known label standing alone takes the lines under it (all of
 * them, to the next known label, for message-like fields; else the next line).
 */
export function readPairs(text: string): LabelledPair[] {
  const lines = text.split(/\r?\n/).flatMap(splitLine);
  const pairs: LabelledPair[] = [];
  for (let i = 0; i < lines.length; i++) {
    const pair = asPair(lines[i]);
    if (!pair) continue;
    if (!pair.value && pair.field && pair.field !== "ignore") {
      const taken: string[] = [];
      let j = i + 1;
      for (; j < lines.length; j++) {
        const line = lines[j].trim();
        const next = asPair(line);
        if (next?.field || STOP.test(line)) break;
        if (!MULTILINE.has(pair.field)) {
          if (!line) continue;
          taken.push(line);
          j++;
          break;
        }
        taken.push(line);
      }
      pair.value = taken.join("\n").trim();
      i = j - 1;
    }
    pairs.push(pair);
  }
  return pairs;
}

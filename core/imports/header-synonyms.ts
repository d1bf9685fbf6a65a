import { fieldForKey, fieldForLabel, normKey, type LeadField } from "../lead/field-names.ts";

/**
 * What a column header of a CRM export or a hand-typed sheet stands for. The intake synonyms
 * (field-names.ts) come first; this table adds the column names of real exports (HubSpot,
 * Salesforce, Zoho, IndiaMART lead manager) and of sheets typed by hand.
 */
export type HeaderIntent =
  /** A lead field; `secondary` for a second phone or email ("Alternate No.", "Secondary Email"). */
  | { kind: "field"; field: LeadField; secondary?: boolean }
  /** Kept as a custom field: CRM state (owner, status, dates…) that must not be guessed into lead fields. */
  | { kind: "custom" }
  | { kind: "skip" }
  | { kind: "unknown" };

const field = (f: LeadField, secondary = false): HeaderIntent => ({ kind: "field", field: f, ...(secondary ? { secondary } : {}) });

/** Import-only names, as `normKey` leaves them. */
const IMPORT_NAMES = new Map<string, HeaderIntent>(
  Object.entries({
    // vendor record ids
    recordid: field("external_id"),
    contactid: field("external_id"),
    uniquequeryid: field("external_id"),
    queryid: field("external_id"),
    zohoid: field("external_id"),
    hubspotid: field("external_id"),
    salesforceid: field("external_id"),
    crmid: field("external_id"),
    // names
    custname: field("name"),
    customer: field("name"),
    nameofthecustomer: field("name"),
    nameoftheperson: field("name"),
    nameofthecontact: field("name"),
    sendername: field("name"),
    // companies
    companyaccount: field("company"),
    account: field("company"),
    accountname: field("company"),
    nameofthecompany: field("company"),
    nameofcompany: field("company"),
    companyorganisation: field("company"),
    companyorganization: field("company"),
    // phones
    phone1: field("phone"),
    mob: field("phone"),
    mobno: field("phone"),
    mobile1: field("phone"),
    mobilephonenumber: field("phone"),
    primaryphone: field("phone"),
    telephoneno: field("phone"),
    telno: field("phone"),
    whatsappnumber: field("phone"),
    alternateno: field("alt_phone"),
    altno: field("alt_phone"),
    alternatecontactno: field("alt_phone"),
    alternatecontactnumber: field("alt_phone"),
    alternatemobileno: field("alt_phone"),
    alternatemobilenumber: field("alt_phone"),
    landlineno: field("alt_phone"),
    landlinenumber: field("alt_phone"),
    homephone: field("alt_phone"),
    otherphone: field("alt_phone"),
    contactno2: field("alt_phone"),
    mobilealt: field("phone", true),
    sendermobilealt: field("phone", true),
    senderphonealt: field("phone", true),
    phonealt: field("phone", true),
    secondaryphone: field("phone", true),
    secondarymobile: field("phone", true),
    // emails
    primaryemail: field("email"),
    email1: field("email"),
    emailaddress1: field("email"),
    secondaryemail: field("email", true),
    alternateemail: field("email", true),
    alternateemailid: field("email", true),
    altemail: field("email", true),
    emailalt: field("email", true),
    senderemailalt: field("email", true),
    email2: field("email", true),
    otheremail: field("email", true),
    // places
    countryregion: field("country"),
    zippostalcode: field("postal_code"),
    postalzipcode: field("postal_code"),
    mailingzippostalcode: field("postal_code"),
    companydomain: field("website"),
    companydomainname: field("website"),
    // origin
    originalsource: field("source"),
    // consent: any opt-out column means "do not disturb"
    emailoptout: field("dnd"),
    hasoptedoutofemail: field("dnd"),
    donotemail: field("dnd"),
    donotsms: field("dnd"),
    unsubscribed: field("dnd"),
    // preserved, not guessed
    marketingcontactstatus: { kind: "custom" },
    emailconsent: { kind: "custom" },
    receivermobile: { kind: "custom" },
    salutation: { kind: "custom" },
    skypeid: { kind: "custom" },
    // European sheets (Excel with `;`), looked up without accents
    nom: field("last_name"),
    prenom: field("first_name"),
    vorname: field("first_name"),
    nachname: field("last_name"),
    apellido: field("last_name"),
    apellidos: field("last_name"),
    nombre: field("name"),
    nome: field("name"),
    cognome: field("last_name"),
    societe: field("company"),
    entreprise: field("company"),
    empresa: field("company"),
    firma: field("company"),
    azienda: field("company"),
    ville: field("city"),
    ciudad: field("city"),
    stadt: field("city"),
    citta: field("city"),
    pays: field("country"),
    pais: field("country"),
    land: field("country"),
    adresse: field("address"),
    direccion: field("address"),
    strasse: field("address"),
    codepostal: field("postal_code"),
    codigopostal: field("postal_code"),
    plz: field("postal_code"),
    postleitzahl: field("postal_code"),
    telephone: field("phone"),
    telefono: field("phone"),
    telefon: field("phone"),
    handy: field("phone"),
    portable: field("phone"),
    movil: field("phone"),
    correo: field("email"),
    correoelectronico: field("email"),
    courriel: field("email"),
    remarques: field("message"),
    commentaire: field("message"),
    commentaires: field("message"),
    comentarios: field("message"),
    bemerkung: field("message"),
    anmerkungen: field("message"),
    // serial numbers of hand-typed sheets
    sno: { kind: "skip" },
    srno: { kind: "skip" },
    slno: { kind: "skip" },
    serialno: { kind: "skip" },
    serialnumber: { kind: "skip" },
  } satisfies Record<string, HeaderIntent>),
);

/** Words that put a vendor's prefix before a plain field name: SENDER_CITY, QUERY_MESSAGE, Mailing Street. */
const PREFIXES = ["sender", "query", "contact", "lead", "customer", "client", "buyer", "primary", "mailing"];

/**
 * CRM state and the account's own people: kept as custom fields even when the header also names
 * a lead field ("Lead Owner Email", "Email Opt-in Date", "Phone Type").
 */
const PRESERVE =
  /\b(owner|owners|status|stage|lifecycle|date|time|created|modified|updated|rating|revenue|turnover|employees|score|probability|priority|consent|opted|unsubscribed|bounced?|verified|type|receiver|agent|assigned|salesperson|rep)\b|opt ?(out|in)\b|last activity/;

const withoutAccents = (key: string) => key.normalize("NFD").replace(/\p{M}/gu, "").replace(/ß/g, "ss");

/** Header text as words: snake_case and punctuation split, lower-cased; camelCase split only in a one-word header ("leadStatus", not "WhatsApp No"). */
export function headerWords(header: string): string {
  const text = header.normalize("NFKC");
  return (/[\s_\-./]/.test(text.trim()) ? text : text.replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2"))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

const SALUTATION = /^(mr|mrs|ms|miss|mx|dr|prof|shri|smt|sri|kumari|km|sir|madam|m\/s)\.?$/i;

/** What a header stands for, by its name only; `values` (the preview's cells) only tell a Salesforce "Title" from a salutation. */
export function headerIntent(header: string, values: string[] = []): HeaderIntent {
  const key = normKey(header);
  if (header.trim() === "#") return { kind: "skip" };
  if (key === "") return { kind: "unknown" };
  if (key === "title") {
    const filled = values.filter((v) => v.trim() !== "");
    const salutations = filled.filter((v) => SALUTATION.test(v.trim())).length;
    return filled.length && salutations / filled.length >= 0.6 ? { kind: "custom" } : field("job_title");
  }
  const known = fieldForKey(header);
  if (known) return field(known);
  const listed = IMPORT_NAMES.get(key) ?? IMPORT_NAMES.get(withoutAccents(key));
  if (listed) return listed;
  const words = headerWords(header);
  if (PRESERVE.test(words)) return { kind: "custom" };
  for (const prefix of PREFIXES) {
    if (key.startsWith(prefix) && key.length > prefix.length + 1) {
      const rest = key.slice(prefix.length);
      const byRest = fieldForKey(rest) ?? null;
      if (byRest) return field(byRest);
      const listedRest = IMPORT_NAMES.get(rest);
      if (listedRest) return listedRest;
    }
  }
  const label = fieldForLabel(header);
  return label ? field(label) : { kind: "unknown" };
}

/** A header that reads as a column name rather than a value: used to tell a header row from data. */
export function isHeaderLike(cell: string): boolean {
  const intent = headerIntent(cell);
  return intent.kind !== "unknown" || /^(column|field|col)\s*\d+$/i.test(cell.trim());
}

const EMAIL = /^(mailto:)?[^\s@<>(),;:"']+@[^\s@<>(),;:"']+\.[\p{L}]{2,}$/iu;

export function looksLikeEmail(value: string): boolean {
  return EMAIL.test(value.trim());
}

/** 10 to 15 digits with only phone punctuation around them: "+91 98765-43210", "(415) 555-2671 1". */
export function looksLikePhone(value: string): boolean {
  const v = value.trim();
  if (!/^\+?[\d\s().\-/]+$/.test(v)) return false;
  const digits = v.replace(/\D/g, "").length;
  return digits >= 10 && digits <= 15;
}

/** A custom field key for a header: "No. of Employees" → "no_of_employees". */
export function snakeKey(header: string, index?: number): string {
  const key = headerWords(header).replace(/ /g, "_").slice(0, 100).replace(/_+$/, "");
  return key || `column_${(index ?? 0) + 1}`;
}

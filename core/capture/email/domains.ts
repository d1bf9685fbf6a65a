/**
 * What an address's domain tells us: free-mail or a company, a lead portal or a form mailer, a
 * person or a machine. Lists are data, kept here so adding a portal is a one-line change.
 */

/** Consumer mailboxes: their domain says nothing about the person's company. */
const FREE_MAIL = new Set([
  "gmail.com",
  "googlemail.com",
  "ymail.com",
  "rocketmail.com",
  "msn.com",
  "rediffmail.com",
  "rediff.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "proton.me",
  "protonmail.com",
  "protonmail.ch",
  "pm.me",
  "zoho.com",
  "zoho.in",
  "zohomail.com",
  "zohomail.in",
  "tutanota.com",
  "tuta.io",
  "fastmail.com",
  "hey.com",
  "mail.com",
  "email.com",
  "usa.com",
  "inbox.com",
  "gmx.com",
  "gmx.net",
  "gmx.de",
  "web.de",
  "t-online.de",
  "mail.ru",
  "bk.ru",
  "list.ru",
  "inbox.ru",
  "qq.com",
  "163.com",
  "126.com",
  "sina.com",
  "naver.com",
  "hanmail.net",
  "daum.net",
  "seznam.cz",
  "libero.it",
  "orange.fr",
  "free.fr",
  "laposte.net",
  "wanadoo.fr",
  "att.net",
  "comcast.net",
  "verizon.net",
  "sbcglobal.net",
  "btinternet.com",
  "sky.com",
  "bigpond.com",
  "optusnet.com.au",
  "shaw.ca",
  "rogers.com",
  "sify.com",
  "indiatimes.com",
  "vsnl.com",
  "vsnl.net",
  "dataone.in",
  "bsnl.in",
  "lycos.com",
  "excite.com",
]);
/** Providers with one domain per country (yahoo.co.in, hotmail.co.uk, outlook.in …). */
const FREE_MAIL_BRANDS = /^(yahoo|hotmail|outlook|live|aol|gmx|yandex|windowslive)\.[a-z.]+$/;

export function isFreeMail(domain: string): boolean {
  return FREE_MAIL.has(domain) || FREE_MAIL_BRANDS.test(domain);
}

/** Lead portals and form services, by the domain their notifications come from. */
const PORTAL_DOMAINS: [string, string][] = [
  ["99acres.com", "99acres"],
  ["magicbricks.com", "MagicBricks"],
  ["housing.com", "Housing.com"],
  ["indiamart.com", "IndiaMART"],
  ["justdial.com", "JustDial"],
  ["sulekha.com", "Sulekha"],
  ["tradeindia.com", "TradeIndia"],
  ["exportersindia.com", "ExportersIndia"],
  ["nobroker.in", "NoBroker"],
  ["nobroker.com", "NoBroker"],
  ["squareyards.com", "Square Yards"],
  ["proptiger.com", "PropTiger"],
  ["makaan.com", "Makaan"],
  ["commonfloor.com", "CommonFloor"],
  ["quikr.com", "Quikr"],
  ["bayut.com", "Bayut"],
  ["propertyfinder.ae", "Property Finder"],
  ["dubizzle.com", "dubizzle"],
  ["zillow.com", "Zillow"],
  ["realtor.com", "Realtor.com"],
  ["rightmove.co.uk", "Rightmove"],
  ["zoopla.co.uk", "Zoopla"],
  ["alibaba.com", "Alibaba"],
  ["webflow.com", "Webflow"],
  ["formspree.io", "Formspree"],
  ["jotform.com", "Jotform"],
  ["typeform.com", "Typeform"],
  ["wix.com", "Wix"],
  ["wixforms.com", "Wix"],
  ["squarespace.com", "Squarespace"],
  ["hubspot.com", "HubSpot"],
];

export function portalForDomain(domain: string | null): string | null {
  if (!domain) return null;
  for (const [d, name] of PORTAL_DOMAINS) if (domain === d || domain.endsWith(`.${d}`)) return name;
  return null;
}

/** Names a notification's text may carry when it came through a relay (an agency, a forward). */
const PORTAL_MENTIONS: [RegExp, string][] = [
  [/this e-?mail was sent from a contact form on/i, "Contact Form 7"],
  [/powered by:?\s*elementor/i, "Elementor"],
  [/new form submission on your webflow site|webflow\.com/i, "Webflow"],
  [/\bWPForms\b/, "WPForms"],
  [/\bgravity forms\b/i, "Gravity Forms"],
  [/\b99acres\b/i, "99acres"],
  [/\bmagic ?bricks\b/i, "MagicBricks"],
  [/\bhousing\.com\b/i, "Housing.com"],
  [/\bindiamart\b/i, "IndiaMART"],
  [/\bjust ?dial\b/i, "JustDial"],
  [/\bsulekha\b/i, "Sulekha"],
  [/\btrade ?india\b/i, "TradeIndia"],
  [/\bnobroker\b/i, "NoBroker"],
  [/\bsquare ?yards\b/i, "Square Yards"],
  [/\bbayut\b/i, "Bayut"],
  [/\bproperty ?finder\b/i, "Property Finder"],
  [/\bzillow\b/i, "Zillow"],
  [/\brightmove\b/i, "Rightmove"],
];

export function portalMentioned(text: string): string | null {
  for (const [re, name] of PORTAL_MENTIONS) if (re.test(text)) return name;
  return null;
}

/** A form mailer's own words, which mark a body as a form submission whoever sent it. */
export function isFormMailerText(text: string): boolean {
  return PORTAL_MENTIONS.slice(0, 5).some(([re]) => re.test(text));
}

const AUTOMATED_LOCAL =
  /(^|[-_.+])(no-?reply|do-?not-?reply|donotreply|noreply)([-_.+]|$)|^(notifications?|alerts?|mailer|mailer-daemon|postmaster|wordpress|bounces?|automailer|system|forms?)([-_.+]|$)/;

/** noreply@, notifications@, wordpress@ …: a machine's address, never a lead's. */
export function isAutomatedAddress(address: string | null): boolean {
  if (!address) return false;
  const local = address.slice(0, address.lastIndexOf("@")).toLowerCase();
  return AUTOMATED_LOCAL.test(local);
}

export function domainOf(address: string | null): string | null {
  if (!address) return null;
  const at = address.lastIndexOf("@");
  return at < 0
    ? null
    : address
        .slice(at + 1)
        .toLowerCase()
        .replace(/\.$/, "");
}

export function isOurs(address: string | null, ourDomains: string[]): boolean {
  const domain = domainOf(address);
  if (!domain) return false;
  return ourDomains.some((d) => {
    const ours = d.toLowerCase().replace(/^@/, "");
    return domain === ours || domain.endsWith(`.${ours}`);
  });
}

/** Second-level labels under a country code that are not the organisation (acme.co.in, acme.com.au). */
const SECOND_LEVEL = new Set(["co", "com", "net", "org", "gov", "ac", "edu", "firm", "gen", "ind", "ltd", "plc", "ne", "or"]);

/** "sales@acme-realty.co.in" → "Acme Realty": the organisation label, words split on - and _. */
export function companyFromDomain(domain: string | null): string | null {
  if (!domain || isFreeMail(domain)) return null;
  const labels = domain.split(".").filter(Boolean);
  if (labels.length < 2) return null;
  let i = labels.length - 2;
  if (labels.length >= 3 && labels[labels.length - 1].length === 2 && SECOND_LEVEL.has(labels[i])) i -= 1;
  const label = labels[i];
  if (!label || /^\d+$/.test(label)) return null;
  return label
    .split(/[-_]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(" ");
}

/** Country-code TLDs sold to everyone as generic names (.io, .ai, .co …): no country in them. */
const VANITY_TLDS = new Set(["io", "ai", "co", "me", "tv", "ly", "to", "cc", "fm", "gg", "ws", "eu", "su", "vc", "sh", "so"]);

/** The phone region a domain suggests (acme.co.uk → GB), or null for generic TLDs. */
export function regionOfDomain(domain: string | null): string | null {
  const tld = domain?.split(".").pop();
  if (!tld || tld.length !== 2 || VANITY_TLDS.has(tld)) return null;
  return tld === "uk" ? "GB" : tld.toUpperCase();
}

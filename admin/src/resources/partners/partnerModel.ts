export interface PartnerSecrets {
  apiKey: string;
  signingSecret: string;
}

/** The one response that carries the credentials (`POST /api/partners`); snake_case accepted too. */
export function secretsFromCreateResponse(data: unknown): PartnerSecrets | null {
  if (!data || typeof data !== "object") return null;
  const d = data as Record<string, unknown>;
  const apiKey = d.apiKey ?? d.api_key;
  const signingSecret = d.signingSecret ?? d.signing_secret;
  if (typeof apiKey !== "string" || typeof signingSecret !== "string") return null;
  return { apiKey, signingSecret };
}

/** A copy-paste example for the partner's developer; the key stays a placeholder unless given. */
export function ingestCurlExample(origin: string, apiKey = "<your-api-key>"): string {
  const body = JSON.stringify(
    {
      first_name: "Aarav",
      last_name: "Mehta",
      email: "aarav.mehta@example.in",
      phone: "+91 98200 12345",
      company: "Mehta Realty Pvt Ltd",
      city: "Pune",
      source: "partner",
      message: "Interested in 2BHK near Hinjewadi",
    },
    null,
    2,
  );
  return [
    `curl -X POST ${origin.replace(/\/+$/, "")}/ingest/leads \\`,
    `  -H "Authorization: Bearer ${apiKey}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -H "Idempotency-Key: <unique-id-per-lead>" \\`,
    `  -d '${body.replace(/'/g, "'\\''")}'`,
  ].join("\n");
}

/** The vendor formats `POST /ingest/webhooks/:partnerId/:format` takes, with what each sender must prove. */
export const WEBHOOK_FORMATS = [
  {
    id: "generic",
    name: "Generic JSON / form",
    auth: [
      "Partner key: Authorization: Bearer <API key> (or ?key=<API key>)",
      "Or signed: X-Leadhub-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"t.body\" with the signing secret>",
    ],
  },
  { id: "google-ads", name: "Google Ads lead forms", auth: ["Google sends the Webhook key inside the body: set it as google_key below"] },
  {
    id: "typeform",
    name: "Typeform",
    auth: ["With typeform_secret set: Typeform-Signature (HMAC-SHA256 of the body)", "Without it: the partner key (Bearer or ?key=)"],
  },
  { id: "hubspot", name: "HubSpot form submissions", auth: ["Partner key: Authorization: Bearer <API key> (or ?key=<API key>)"] },
  {
    id: "facebook",
    name: "Meta (Facebook / Instagram) lead ads",
    auth: [
      "Verify token (facebook_verify_token) answers Meta's subscription check",
      "App secret (facebook_app_secret) checks X-Hub-Signature-256",
      "Page token (facebook_page_token) fetches each lead from the Graph API",
    ],
  },
  { id: "indiamart", name: "IndiaMART push API", auth: ["Partner key: ?key=<API key> in the URL you give IndiaMART (or Bearer)"] },
] as const;

export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number]["id"];

export function webhookUrl(origin: string, partnerId: string, format: string): string {
  return `${origin.replace(/\/+$/, "")}/ingest/webhooks/${encodeURIComponent(partnerId)}/${encodeURIComponent(format)}`;
}

/** Vendor secrets: accepted on write, stored encrypted, never answered (core/partners.ts SECRET_SETTINGS). */
export const SECRET_SETTINGS = [
  { key: "google_key", label: "Google Ads webhook key", help: "The key you type into Google Ads' lead form webhook" },
  { key: "typeform_secret", label: "Typeform secret", help: "Typeform webhook secret; signed deliveries need no partner key" },
  { key: "facebook_app_secret", label: "Meta app secret", help: "Checks X-Hub-Signature-256 on Meta deliveries" },
  { key: "facebook_verify_token", label: "Meta verify token", help: "Any string you also type into Meta's webhook set-up" },
  { key: "facebook_page_token", label: "Meta page access token", help: "Lets leadhub fetch each lead's answers from the Graph API" },
  { key: "indiamart_crm_key", label: "IndiaMART CRM key", help: "For pulling enquiries from IndiaMART's API" },
] as const;

export type SecretKey = (typeof SECRET_SETTINGS)[number]["key"];
/** Per secret: undefined keeps the stored value, a string replaces it, null removes it. */
export type SecretEdits = Partial<Record<SecretKey, string | null | undefined>>;

export interface MappingRow {
  from: string;
  to: string;
}

export function mappingToRows(mapping: unknown): MappingRow[] {
  if (!mapping || typeof mapping !== "object" || Array.isArray(mapping)) return [];
  return Object.entries(mapping as Record<string, unknown>).map(([from, to]) => ({ from, to: typeof to === "string" ? to : "" }));
}

/** Rows to `{senderKey: leadField}`; half-filled rows are left out (the editor keeps them on screen). */
export function rowsToMapping(rows: readonly MappingRow[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rows) {
    const from = r.from.trim();
    const to = r.to.trim();
    if (from && to) out[from] = to;
  }
  return out;
}

/** Sender keys typed twice: only the last row would count. */
export function duplicateMappingKeys(rows: readonly MappingRow[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const r of rows) {
    const k = r.from.trim();
    if (!k) continue;
    if (seen.has(k)) dup.add(k);
    seen.add(k);
  }
  return [...dup];
}

const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);

/**
 * The partner edit form as `PUT /api/partners/:id` takes it: plain settings always sent (the API
 * refuses unknown settings keys), a secret only when it is replaced (string) or removed (null).
 */
export function partnerUpdatePayload(values: Record<string, unknown>): Record<string, unknown> {
  const settings = (values.settings ?? {}) as Record<string, unknown>;
  const secrets = (values.secret_edits ?? {}) as SecretEdits;
  const out: Record<string, unknown> = {
    name: typeof values.name === "string" ? values.name.trim() : values.name,
    description: blankToNull(values.description),
    default_source: blankToNull(values.default_source),
  };
  if (typeof values.is_active === "boolean") out.is_active = values.is_active;
  const next: Record<string, unknown> = {
    graph_base_url: blankToNull(settings.graph_base_url),
    indiamart_base_url: blankToNull(settings.indiamart_base_url),
    field_mapping: rowsToMapping(mappingToRows(settings.field_mapping)),
  };
  for (const { key } of SECRET_SETTINGS) {
    const v = secrets[key];
    if (v === null) next[key] = null;
    else if (typeof v === "string" && v !== "") next[key] = v;
  }
  out.settings = next;
  return out;
}

/** The tenant's SMTP lead address when its slug is known (`<slug>@<your MX domain>`). */
export function smtpAddress(slug: string | null | undefined, domain = "<your MX domain>"): string | null {
  return slug ? `${slug}@${domain}` : null;
}

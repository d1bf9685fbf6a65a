import type { WebhookFormat } from "../../../../core/vocabulary.ts";
// The capture registry's console view (core/capture/index.ts vendorCatalogue()): server code cannot be
// bundled, so test/core/capture/registry.test.ts writes this file from the registry and fails when it
// is stale (`vitest run -u` rewrites it).
import vendors from "./capture-vendors.json" with { type: "json" };

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

export interface WebhookFormatInfo {
  id: WebhookFormat;
  name: string;
  /** What the sender must prove, one line each. */
  auth: readonly string[];
}

/** The vendor formats `POST /ingest/webhooks/:partnerId/:format` takes, with what each sender must prove. */
export const WEBHOOK_FORMATS = vendors.formats as readonly WebhookFormatInfo[];
export type { WebhookFormat };

export function webhookUrl(origin: string, partnerId: string, format: string): string {
  return `${origin.replace(/\/+$/, "")}/ingest/webhooks/${encodeURIComponent(partnerId)}/${encodeURIComponent(format)}`;
}

export interface VendorSetting {
  key: string;
  label: string;
  help: string;
}

/** Vendor secrets: accepted on write, stored encrypted, never answered (core/partners.ts SECRET_SETTINGS). */
export const SECRET_SETTINGS: readonly VendorSetting[] = vendors.secrets;

/** A vendor secret's setting name (core/partners.ts SECRET_SETTINGS holds the same names). */
export type SecretKey = string;

/** Vendor base URLs (where the worker calls a vendor); empty means the installation's default. */
export const URL_SETTINGS: readonly VendorSetting[] = vendors.urlSettings;
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
  const next: Record<string, unknown> = { field_mapping: rowsToMapping(mappingToRows(settings.field_mapping)) };
  for (const { key } of URL_SETTINGS) next[key] = blankToNull(settings[key]);
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

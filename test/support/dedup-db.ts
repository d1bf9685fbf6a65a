import type { Knex } from "knex";
import { dedupColumns } from "../../core/dedup/columns.ts";
import { matchKeys, type LeadLike } from "../../core/dedup/keys.ts";
import { canonicalEmail, normalizeEmail } from "../../core/lead/normalize.ts";

/** Generated leads written straight to a tenant (as intake would store them), for dedup tests and the bench. */
const REGION = "IN";

export interface LeadRow extends Record<string, unknown> {
  id?: string;
}

export function rowOf(lead: LeadLike, tenantId: string, n: number): LeadRow {
  const keys = matchKeys(lead, { region: REGION });
  const [first, ...rest] = keys.displayName?.split(" ") ?? [];
  const email = normalizeEmail(lead.email);
  return {
    tenant_id: tenantId,
    lead_number: `BENCH-${String(n).padStart(7, "0")}`,
    first_name: lead.first_name ?? first ?? null,
    last_name: lead.last_name ?? (rest.join(" ") || null),
    email,
    email_canonical: email ? canonicalEmail(email) : null,
    phone_e164: keys.phoneKeys[0] ?? null,
    alt_phone: keys.phoneKeys[1] ?? null,
    company: lead.company ?? null,
    gstin: lead.gstin ?? null,
    city: lead.city ?? null,
    country: lead.country ?? null,
    ...dedupColumns(keys),
  };
}

/** Set-based insert: one statement per 5,000 rows. Returns the ids in order. */
export async function insertLeads(db: Knex, rows: LeadRow[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i += 5000) {
    const { rows: out } = await db.raw(
      `INSERT INTO leads (tenant_id, lead_number, first_name, last_name, email, email_canonical, phone_e164, alt_phone, company, gstin, city, country, email_key, email_local, name_key, company_key, pan)
       SELECT tenant_id, lead_number, first_name, last_name, email, email_canonical, phone_e164, alt_phone, company, gstin, city, country, email_key, email_local, name_key, company_key, pan
       FROM jsonb_to_recordset(?::jsonb) AS v(tenant_id uuid, lead_number text, first_name text, last_name text, email text, email_canonical text, phone_e164 text, alt_phone text, company text, gstin text, city text, country text, email_key text, email_local text, name_key text, company_key text, pan text)
       RETURNING id`,
      [JSON.stringify(rows.slice(i, i + 5000))],
    );
    ids.push(...out.map((r: { id: string }) => r.id));
  }
  return ids;
}

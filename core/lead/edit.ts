import type { Knex } from "knex";
import { assertReferences, type Viewer } from "../access.ts";
import { checkCustomFields } from "../crm/custom-fields.ts";
import { dedupColumns } from "../dedup/columns.ts";
import { matchKeys, type LeadLike } from "../dedup/keys.ts";
import { unprocessable } from "../errors.ts";
import { canonicalEmail, nationalNumber, normalizeCompany, normalizeEmail, normalizePhone, regionFor } from "./normalize.ts";

async function regionOf(db: Knex, tenantId: string): Promise<string> {
  const t = await db("tenants").where("id", tenantId).first("default_region");
  return t?.default_region ?? "IN";
}

/**
 * A lead as a person edits it: derived columns (canonical email, E.164 phone, matching company, the
 * dedup keys) follow the fields they come from, references and custom fields are checked, and
 * "converted" is left to the conversion.
 */
export async function deriveLeadRow(
  db: Knex,
  now: Date,
  actor: Viewer,
  data: Record<string, unknown>,
  before: Record<string, unknown> | null,
) {
  const row: Record<string, unknown> = { ...data };
  if ("email" in data) {
    const email = normalizeEmail(data.email as string | null);
    if (data.email && !email) throw unprocessable("invalid_email", `email "${String(data.email).slice(0, 100)}" is not a valid address`);
    row.email = email;
    row.email_canonical = email ? canonicalEmail(email) : null;
  }
  if ("phone" in data || "country" in data) {
    const region = regionFor((data.country ?? before?.country) as string | null, await regionOf(db, actor.tenantId));
    const phone = (("phone" in data ? data.phone : before?.phone) as string | null) ?? null;
    const e164 = normalizePhone(phone, region);
    if (phone && !e164) throw unprocessable("invalid_phone", `phone "${phone.slice(0, 40)}" is not a valid number`);
    row.phone_e164 = e164;
    row.phone_national = nationalNumber(e164);
  }
  if ("company" in data) row.company_normalized = normalizeCompany(data.company as string | null);
  await assertReferences(db, actor, [
    { column: "owner_id", table: "users", ids: [data.owner_id] },
    { column: "team_id", table: "teams", ids: [data.team_id] },
  ]);
  // Checked against the tenant's definitions on every create, and on updates that touch them.
  if (!before || data.custom_fields)
    await checkCustomFields(db, actor.tenantId, "lead", data.custom_fields as Record<string, unknown> | undefined);
  if (data.custom_fields) row.custom_fields = JSON.stringify(data.custom_fields);
  // Converted means an account, a contact and a deal exist: only the conversion says so.
  if (data.status === "converted" && before?.status !== "converted") {
    throw unprocessable("lead_convert_instead", "a lead becomes converted by converting it: POST /api/leads/:id/convert");
  }
  // Moving a lead on from "new" is contact: it stops the SLA timer.
  if (data.status && data.status !== "new" && before?.status === "new" && !before.first_contacted_at) row.first_contacted_at = now;
  // The matching keys follow the fields they come from, so dedup finds leads written by hand too.
  if (!before || MATCHED_FIELDS.some((f) => f in data)) {
    const region = await regionOf(db, actor.tenantId);
    Object.assign(row, dedupColumns(matchKeys({ ...before, ...row } as LeadLike, { region })));
  }
  return row;
}

/** The fields the dedup keys come from. */
const MATCHED_FIELDS = ["first_name", "last_name", "email", "phone", "alt_phone", "company", "gstin", "city", "country"];

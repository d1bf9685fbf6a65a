import type { Knex } from "knex";
import { z } from "zod";
import { unprocessable } from "../errors.ts";
import { CUSTOM_FIELD_TYPES, RECORD_TYPES, type RecordType } from "../vocabulary.ts";

export type { RecordType };

export const customFieldDefinitionSchema = z.object({
  record_type: z.enum(RECORD_TYPES),
  name: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, "snake_case, starting with a letter"),
  label: z.string().trim().min(1).max(200),
  type: z.enum(CUSTOM_FIELD_TYPES),
  options: z.array(z.string().trim().min(1).max(200)).max(200).optional(),
  required: z.boolean().optional(),
  help: z.string().max(1000).nullish(),
  position: z.number().int().optional(),
});
type Definition = z.infer<typeof customFieldDefinitionSchema>;

/** One value against its definition: null when fine, else why not. */
function problem(d: Definition, v: unknown): string | null {
  if (v === null || v === undefined || v === "") return d.required ? "is required" : null;
  switch (d.type) {
    case "number":
      return typeof v === "number" && Number.isFinite(v) ? null : "must be a number";
    case "boolean":
      return typeof v === "boolean" ? null : "must be true or false";
    case "date":
      return typeof v === "string" && /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(Date.parse(v)) ? null : "must be a date (YYYY-MM-DD)";
    case "select":
      return typeof v === "string" && (d.options ?? []).includes(v) ? null : `must be one of ${(d.options ?? []).join(", ")}`;
    default:
      return typeof v === "string" && v.length <= 5000 ? null : "must be text (up to 5,000 characters)";
  }
}

/**
 * A record's custom fields checked against the tenant's definitions for its type (422 naming each
 * bad field). Keys without a definition pass: imports and partners bring fields nobody defined.
 * A write's custom_fields replace the stored ones whole, so they are checked alone.
 */
export async function checkCustomFields(
  db: Knex,
  tenantId: string,
  recordType: RecordType,
  values: Record<string, unknown> | undefined,
): Promise<void> {
  const defs: Definition[] = await db("custom_field_definitions")
    .where({ tenant_id: tenantId, record_type: recordType })
    .whereNull("deleted_at")
    .select("name", "label", "type", "options", "required");
  if (!defs.length) return;
  const details = defs.flatMap((d) => {
    const why = problem(d, values?.[d.name]);
    return why ? [{ path: `custom_fields.${d.name}`, message: `${d.label} ${why}` }] : [];
  });
  if (details.length) throw unprocessable("invalid_custom_fields", details.map((x) => x.message).join("; "), details);
}

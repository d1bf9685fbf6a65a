import type { Knex } from "knex";

// Frozen copy of the secret names this migration scrubs (migrations import nothing of the app).
const SECRET_NAME = /password|passwd|secret|token|api_?key|google_key|crm_key|signature/i;
const NOT_SECRET = /(_at|_id|_configured|_expires_at)$/i;
const REDACTED = "[redacted]";

function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET_NAME.test(k) && !NOT_SECRET.test(k) && v !== null && v !== "" ? REDACTED : scrub(v)]),
  );
}

/**
 * Audit rows written before the log redacted secrets held new users' passwords as typed. The log is
 * append-only for everyone else; this one owner's pass rewrites only those values, in place.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw("SELECT set_config('leadhub.tenants', '*', true)");
  const { rows } = await knex.raw(`SELECT id, changes FROM audit_log WHERE changes::text ~* ?`, [SECRET_NAME.source]);
  const changed = (rows as { id: string; changes: unknown }[])
    .map((r) => ({ id: r.id, before: JSON.stringify(r.changes), after: JSON.stringify(scrub(r.changes)) }))
    .filter((r) => r.before !== r.after);
  if (!changed.length) return;
  await knex.raw("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete");
  for (const r of changed) await knex.raw("UPDATE audit_log SET changes = ?::jsonb WHERE id = ?", [r.after, r.id]);
  await knex.raw("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete");
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}

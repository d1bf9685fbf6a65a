import type { Knex } from "knex";

// Frozen copies: the spelling demo data used, and the one the import writes.
const OLD = "csv-import";
const NEW = "csv_import";

/**
 * Imported leads' source is one spelling: the demo data wrote `csv-import` while the import writes
 * `csv_import`, so reports showed two sources. The rows move to the import's spelling; their
 * updated_at moves too, so the report cube rebuilds the months they fall in.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw("SELECT set_config('leadhub.tenants', '*', true)");
  await knex.raw("UPDATE leads SET source = ?, updated_at = now() WHERE lower(source) = ?", [NEW, OLD]);
  // A source row of that name is renamed, unless its tenant already has one under the new name.
  await knex.raw(
    `UPDATE lead_sources s SET name = ?, updated_at = now() WHERE lower(s.name) = ? AND s.deleted_at IS NULL AND NOT EXISTS (
       SELECT 1 FROM lead_sources o WHERE o.tenant_id = s.tenant_id AND lower(o.name) = ? AND o.deleted_at IS NULL
         AND lower(coalesce(o.subsource, '')) = lower(coalesce(s.subsource, '')))`,
    [NEW, OLD, NEW],
  );
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}

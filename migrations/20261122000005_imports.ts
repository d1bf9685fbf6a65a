import type { Knex } from "knex";

function stamps(t: Knex.CreateTableBuilder, knex: Knex) {
  t.timestamp("created_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
  t.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
}

/** CSV imports: the file's record, its rejected rows, saved mappings, and where each lead came from. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("imports", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    t.uuid("tenant_id").notNullable().references("tenants.id");
    t.text("filename").notNullable();
    t.bigInteger("size_bytes").notNullable();
    t.text("storage_path").notNullable();
    t.text("status").notNullable().defaultTo("staged").checkIn(["staged", "queued", "running", "paused", "done", "failed", "cancelled"]);
    t.text("encoding").notNullable();
    t.text("delimiter").notNullable();
    t.boolean("has_header").notNullable().defaultTo(true);
    t.jsonb("headers").notNullable().defaultTo("[]");
    t.jsonb("preview").notNullable().defaultTo("[]");
    t.jsonb("proposed_mapping").notNullable().defaultTo("{}");
    t.jsonb("mapping");
    t.jsonb("defaults").notNullable().defaultTo("{}");
    t.jsonb("options").notNullable().defaultTo("{}");
    // An estimate from the file's size until the whole file has been read.
    t.integer("total_rows").notNullable().defaultTo(0);
    t.boolean("total_exact").notNullable().defaultTo(false);
    t.integer("processed_rows").notNullable().defaultTo(0);
    t.bigInteger("bytes_read").notNullable().defaultTo(0);
    t.integer("imported").notNullable().defaultTo(0);
    t.integer("merged").notNullable().defaultTo(0);
    t.integer("flagged").notNullable().defaultTo(0);
    t.integer("rejected").notNullable().defaultTo(0);
    t.text("error");
    // Each start or resume is a run with its own job id.
    t.integer("runs").notNullable().defaultTo(0);
    t.uuid("dedup_scan_id");
    t.uuid("created_by").references("users.id");
    t.timestamp("started_at", { useTz: true });
    t.timestamp("finished_at", { useTz: true });
    stamps(t, knex);
    t.index(["tenant_id", "created_at"]);
  });

  await knex.schema.createTable("import_errors", (t) => {
    t.bigIncrements("id");
    t.uuid("import_id").notNullable().references("imports.id");
    t.integer("row_number").notNullable();
    t.jsonb("cells").notNullable();
    t.text("reason").notNullable();
    t.unique(["import_id", "row_number"]);
  });

  await knex.schema.createTable("import_templates", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    t.uuid("tenant_id").notNullable().references("tenants.id");
    t.text("name").notNullable();
    t.jsonb("mapping").notNullable();
    t.jsonb("defaults").notNullable().defaultTo("{}");
    t.jsonb("options").notNullable().defaultTo("{}");
    t.uuid("created_by").references("users.id");
    t.timestamp("deleted_at", { useTz: true });
    stamps(t, knex);
    t.unique(["tenant_id", "name"]);
  });

  await knex.schema.alterTable("leads", (t) => {
    t.uuid("import_id").references("imports.id");
    t.integer("import_row");
  });
  await knex.raw("CREATE INDEX leads_import ON leads (tenant_id, import_id) WHERE import_id IS NOT NULL");
  // Bulk writes pay for every index: the email key index (migration 4) finds people by email, so
  // the older one on email_canonical goes; GIN indexes collect new entries in a larger pending list.
  await knex.raw("DROP INDEX IF EXISTS leads_tenant_id_email_canonical_index");
  await knex.raw("ALTER INDEX leads_search SET (gin_pending_list_limit = 16384)");
  await knex.raw("ALTER INDEX leads_dedup_name SET (gin_pending_list_limit = 16384)");

  // A scan can follow one import (the fuzzy pass after its exact-key dedup).
  await knex.schema.alterTable("dedup_scans", (t) => {
    t.uuid("import_id").references("imports.id");
  });
  // Merges can come from an import row, which has no inbound event.
  await knex.raw("ALTER TABLE lead_merges DROP CONSTRAINT lead_merges_kind_check");
  await knex.raw("ALTER TABLE lead_merges ADD CONSTRAINT lead_merges_kind_check CHECK (kind IN ('submission', 'lead', 'import'))");
  await knex.schema.alterTable("lead_merges", (t) => {
    t.uuid("import_id").references("imports.id");
    t.integer("import_row");
  });
  await knex.raw(BATCH_CANDIDATES_FUNCTION);
  await knex.raw("ALTER TABLE duplicate_reviews DROP CONSTRAINT duplicate_reviews_origin_check");
  await knex.raw(
    "ALTER TABLE duplicate_reviews ADD CONSTRAINT duplicate_reviews_origin_check CHECK (origin IN ('intake', 'scan', 'import'))",
  );
}

/**
 * An import batch's exact-key lookup in one round trip: the tenant's dedup lock taken exclusively
 * (arrivals hold it shared; see dedup_candidates), so no arrival matches against leads this batch
 * is about to write, then every lead carrying one of the batch's email keys or phones, at most ten
 * per key (enough to count an office line as shared).
 */
const BATCH_CANDIDATES_FUNCTION = `
CREATE FUNCTION dedup_batch_candidates(p_tenant uuid, p_emails text[], p_phones text[])
RETURNS SETOF leads
LANGUAGE plpgsql VOLATILE
-- Plans are cached per connection (PostgreSQL's own choice of custom or generic), maybe while the
-- table is still small: every block is an index lookup by design, never let a plan scan the table.
-- (A generic plan forced from the first call, made on an empty table, cost 7 ms a call at 19k leads.)
SET enable_seqscan = off
AS $fn$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('dedup-tenant:' || p_tenant, 0));
  RETURN QUERY
  WITH ids AS (
    SELECT x.id FROM unnest(p_emails) k CROSS JOIN LATERAL
      (SELECT l.id FROM leads l WHERE l.tenant_id = p_tenant AND l.deleted_at IS NULL AND l.email_key = k LIMIT 10) x
    UNION
    SELECT x.id FROM unnest(p_phones) k CROSS JOIN LATERAL
      (SELECT l.id FROM leads l WHERE l.tenant_id = p_tenant AND l.deleted_at IS NULL AND l.phone_e164 = k LIMIT 10) x
    UNION
    SELECT x.id FROM unnest(p_phones) k CROSS JOIN LATERAL
      (SELECT l.id FROM leads l WHERE l.tenant_id = p_tenant AND l.deleted_at IS NULL AND l.alt_phone = k LIMIT 10) x
  )
  SELECT l.* FROM ids JOIN leads l ON l.id = ids.id;
END
$fn$`;

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}

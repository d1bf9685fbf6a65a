import type { Knex } from "knex";

function stamps(t: Knex.CreateTableBuilder, knex: Knex) {
  t.timestamp("created_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
  t.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
}

/**
 * Duplicate detection: the matching keys of every lead (computed in core/dedup, stored so that
 * candidates are found with indexes), review items, "not a duplicate" memory, merge history
 * (with what an undo needs), milestones and duplicate scans. The keys of leads older than this
 * migration are computed by today's core/dedup, which the runner adds right after it in the same
 * transaction (migrations/index.ts, DataSteps): a migration imports nothing of the app.
 */
export async function up(knex: Knex): Promise<void> {
  // GIN over (tenant_id, trigram) needs btree_gin for the uuid column.
  await knex.raw("CREATE EXTENSION IF NOT EXISTS btree_gin");
  await knex.schema.alterTable("leads", (t) => {
    t.text("email_key");
    t.text("email_local");
    t.text("name_key");
    t.text("company_key");
    t.text("pan");
  });
  // Byte order, so that neighbours in name order are neighbours in spelling ("patil r", "patil rahul").
  await knex.raw(`ALTER TABLE leads ALTER COLUMN name_key TYPE text COLLATE "C", ALTER COLUMN company_key TYPE text COLLATE "C"`);
  await knex.raw("CREATE INDEX leads_dedup_email ON leads (tenant_id, email_key) WHERE email_key IS NOT NULL");
  await knex.raw("CREATE INDEX leads_dedup_email_local ON leads (tenant_id, email_local) WHERE email_local IS NOT NULL");
  await knex.raw("CREATE INDEX leads_dedup_alt_phone ON leads (tenant_id, alt_phone) WHERE alt_phone IS NOT NULL");
  await knex.raw("CREATE INDEX leads_dedup_pan ON leads (tenant_id, pan) WHERE pan IS NOT NULL");
  // Colleagues with the same or neighbouring names, read from the index alone.
  await knex.raw(
    "CREATE INDEX leads_dedup_company ON leads (tenant_id, company_key, name_key) INCLUDE (id) WHERE company_key IS NOT NULL AND deleted_at IS NULL",
  );
  // Similar names anywhere, for tenants whose rules let a name alone open a review.
  await knex.raw("CREATE INDEX leads_dedup_name ON leads USING gin (tenant_id, name_key gin_trgm_ops) WHERE name_key IS NOT NULL");

  await knex.raw(CANDIDATES_FUNCTION);

  await knex.schema.createTable("duplicate_reviews", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    t.uuid("tenant_id").notNullable().references("tenants.id");
    t.uuid("lead_id").notNullable().references("leads.id");
    t.uuid("candidate_lead_id").notNullable().references("leads.id");
    t.decimal("score", 4, 3).notNullable();
    t.jsonb("reasons").notNullable().defaultTo("[]");
    t.text("status").notNullable().defaultTo("open").checkIn(["open", "merged", "dismissed"]);
    t.text("origin").notNullable().defaultTo("intake").checkIn(["intake", "scan"]);
    t.uuid("resolved_by").references("users.id");
    t.timestamp("resolved_at", { useTz: true });
    stamps(t, knex);
    t.unique(["lead_id", "candidate_lead_id"]);
    t.index(["tenant_id", "status", "created_at"]);
    t.index(["candidate_lead_id"]);
  });

  // "Not a duplicate": a pair people separated never comes back (stored with lead_a < lead_b).
  await knex.schema.createTable("dedup_exclusions", (t) => {
    t.uuid("tenant_id").notNullable().references("tenants.id");
    t.uuid("lead_a").notNullable().references("leads.id");
    t.uuid("lead_b").notNullable().references("leads.id");
    t.uuid("created_by").references("users.id");
    t.timestamp("created_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(["lead_a", "lead_b"]);
    t.index(["lead_b"]);
  });

  // Every merge into a lead, with the values it replaced and what it moved, so the last one can be undone.
  await knex.schema.createTable("lead_merges", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    t.uuid("tenant_id").notNullable().references("tenants.id");
    t.uuid("lead_id").notNullable().references("leads.id");
    t.text("kind").notNullable().checkIn(["submission", "lead"]);
    t.uuid("inbound_event_id").references("inbound_events.id");
    t.uuid("merged_lead_id").references("leads.id");
    t.uuid("review_id").references("duplicate_reviews.id");
    t.decimal("score", 4, 3);
    t.jsonb("reasons").notNullable().defaultTo("[]");
    t.jsonb("before").notNullable().defaultTo("{}");
    t.jsonb("taken").notNullable().defaultTo("{}");
    t.jsonb("not_taken").notNullable().defaultTo("{}");
    t.jsonb("moved").notNullable().defaultTo("{}");
    // A merged submission's own lead fields, so an undo can give it back its lead.
    t.jsonb("incoming");
    t.uuid("merged_by").references("users.id");
    t.timestamp("undone_at", { useTz: true });
    t.uuid("undone_by").references("users.id");
    t.uuid("split_lead_id").references("leads.id");
    stamps(t, knex);
    t.index(["lead_id", "created_at"]);
  });

  await knex.schema.alterTable("lead_submissions", (t) => {
    t.jsonb("not_taken");
    t.uuid("merge_id").references("lead_merges.id");
  });

  // Moments worth a marker on a record's timeline: re-engaged, converted, won …
  await knex.schema.createTable("milestones", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    t.uuid("tenant_id").notNullable().references("tenants.id");
    t.text("record_type").notNullable().defaultTo("lead");
    t.uuid("record_id").notNullable();
    t.text("kind").notNullable();
    t.text("title").notNullable();
    t.jsonb("data").notNullable().defaultTo("{}");
    t.timestamp("occurred_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
    stamps(t, knex);
    t.index(["record_type", "record_id", "occurred_at"]);
    t.index(["tenant_id", "kind", "occurred_at"]);
  });

  await knex.schema.createTable("dedup_scans", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    t.uuid("tenant_id").notNullable().references("tenants.id");
    t.text("status").notNullable().defaultTo("queued").checkIn(["queued", "running", "done", "failed"]);
    t.integer("total").notNullable().defaultTo(0);
    t.integer("processed").notNullable().defaultTo(0);
    t.integer("merged").notNullable().defaultTo(0);
    t.integer("reviews").notNullable().defaultTo(0);
    t.boolean("auto_merge").notNullable().defaultTo(true);
    // Where a restarted scan resumes: the last lead done, in (created_at, id) order.
    t.jsonb("cursor");
    t.text("error");
    t.uuid("requested_by").references("users.id");
    t.timestamp("started_at", { useTz: true });
    t.timestamp("finished_at", { useTz: true });
    stamps(t, knex);
    t.index(["tenant_id", "created_at"]);
  });
}

/**
 * Dedup's lookup in one round trip with cached plans (a plpgsql function prepares its statements
 * once per connection): take the advisory locks of the newcomer's exact keys, then (a VOLATILE
 * function's next statement sees a fresh snapshot, so whatever the lock holder committed) read the
 * candidates of every blocking key, each capped, with how many leads share their contacts.
 */
const CANDIDATES_FUNCTION = `
CREATE FUNCTION dedup_candidates(p_tenant uuid, p_locks text[], p_email text, p_phone1 text, p_phone2 text, p_local text,
  p_pan text, p_company text, p_name text, p_by_name boolean, p_exclude uuid[])
RETURNS TABLE (id uuid, lead_number text, first_name text, last_name text, email text, email_canonical text, phone_e164 text,
  alt_phone text, company text, gstin text, pan text, city text, country text, status text, owner_id uuid,
  last_activity_at timestamptz, created_at timestamptz, phone_shared_by int, email_shared_by int)
LANGUAGE plpgsql VOLATILE
-- Plans are cached per connection (PostgreSQL's own choice of custom or generic), maybe while the
-- table is still small: every block is an index lookup by design, never let a plan scan the table.
-- (A generic plan forced from the first call, made on an empty table, cost 7 ms a call at 19k leads.)
SET enable_seqscan = off
AS $fn$
BEGIN
  -- Shared with other arrivals, exclusive to an import batch (which then needs no key locks).
  PERFORM pg_advisory_xact_lock_shared(hashtextextended('dedup-tenant:' || p_tenant, 0));
  -- In lock order, so two arrivals sharing keys cannot deadlock.
  PERFORM pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest(p_locks) k ORDER BY 1) s;
  IF p_by_name THEN PERFORM set_config('pg_trgm.similarity_threshold', '0.6', true); END IF;
  RETURN QUERY
  WITH c AS (
    (SELECT x.id FROM leads x WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.email_key = p_email LIMIT 20)
    UNION (SELECT x.id FROM leads x WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.phone_e164 IN (p_phone1, p_phone2) LIMIT 20)
    UNION (SELECT x.id FROM leads x WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.alt_phone IN (p_phone1, p_phone2) LIMIT 20)
    UNION (SELECT x.id FROM leads x WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.email_local = p_local LIMIT 20)
    UNION (SELECT x.id FROM leads x WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.pan = p_pan LIMIT 20)
    -- Colleagues can be thousands: the same name and its neighbours in name order at the company
    -- (sorted tokens put "patil r" beside "patil rahul"), kept when they share part of the name.
    UNION (SELECT n.id FROM (
        (SELECT x.id, x.name_key FROM leads x WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.company_key = p_company
           AND x.name_key >= p_name ORDER BY x.name_key LIMIT 10)
        UNION ALL
        (SELECT x.id, x.name_key FROM leads x WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.company_key = p_company
           AND x.name_key < p_name ORDER BY x.name_key DESC LIMIT 5)
      ) n WHERE similarity(n.name_key, p_name) >= 0.3)
    UNION (SELECT x.id FROM leads x WHERE p_by_name AND x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.name_key % p_name
           ORDER BY x.name_key <-> p_name LIMIT 10)
  )
  SELECT l.id, l.lead_number, l.first_name, l.last_name, l.email, l.email_canonical, l.phone_e164, l.alt_phone, l.company,
    l.gstin, l.pan, l.city, l.country, l.status, l.owner_id, l.last_activity_at, l.created_at,
    CASE WHEN l.phone_e164 IS NULL THEN 0 ELSE (SELECT count(*) FROM (SELECT 1 FROM leads y WHERE y.tenant_id = p_tenant
      AND y.phone_e164 = l.phone_e164 AND y.deleted_at IS NULL LIMIT 10) s) END::int,
    CASE WHEN l.email_key IS NULL THEN 0 ELSE (SELECT count(*) FROM (SELECT 1 FROM leads y WHERE y.tenant_id = p_tenant
      AND y.email_key = l.email_key AND y.deleted_at IS NULL LIMIT 10) s) END::int
  FROM c JOIN leads l ON l.id = c.id
  WHERE p_exclude IS NULL OR l.id <> ALL (p_exclude);
END
$fn$`;

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}

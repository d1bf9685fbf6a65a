import type { Knex } from "knex";
import { dedupColumns } from "../core/dedup/columns.ts";
import { matchKeys } from "../core/dedup/keys.ts";

function stamps(t: Knex.CreateTableBuilder, knex: Knex) {
  t.timestamp("created_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
  t.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
}

/**
 * Duplicate detection: the matching keys of every lead (computed in core/dedup, stored so that
 * candidates are found with indexes), review items, "not a duplicate" memory, merge history
 * (with what an undo needs), milestones and duplicate scans.
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
  await backfillKeys(knex);
  await knex.raw("CREATE INDEX leads_dedup_email ON leads (tenant_id, email_key) WHERE email_key IS NOT NULL");
  await knex.raw("CREATE INDEX leads_dedup_email_local ON leads (tenant_id, email_local) WHERE email_local IS NOT NULL");
  await knex.raw("CREATE INDEX leads_dedup_alt_phone ON leads (tenant_id, alt_phone) WHERE alt_phone IS NOT NULL");
  await knex.raw("CREATE INDEX leads_dedup_pan ON leads (tenant_id, pan) WHERE pan IS NOT NULL");
  await knex.raw("CREATE INDEX leads_dedup_name ON leads USING gin (tenant_id, name_key gin_trgm_ops) WHERE name_key IS NOT NULL");
  await knex.raw("CREATE INDEX leads_dedup_company ON leads USING gin (tenant_id, company_key gin_trgm_ops) WHERE company_key IS NOT NULL");

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

/** Keys of leads written before this migration, in batches (a fresh install has none). */
async function backfillKeys(knex: Knex) {
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const rows = await knex("leads as l")
      .join("tenants as t", "t.id", "l.tenant_id")
      .where("l.id", ">", after)
      .orderBy("l.id")
      .limit(2000)
      .select("l.id", "l.first_name", "l.last_name", "l.email", "l.phone_e164", "l.alt_phone", "l.company", "l.gstin", "l.city", "l.country", "t.default_region");
    if (!rows.length) return;
    const values = rows.map((r) => ({ id: r.id, ...dedupColumns(matchKeys(r, { region: r.default_region })) }));
    await knex.raw(
      `UPDATE leads l SET email_key = v.email_key, email_local = v.email_local, name_key = v.name_key, company_key = v.company_key, pan = v.pan
       FROM jsonb_to_recordset(?::jsonb) AS v(id uuid, email_key text, email_local text, name_key text, company_key text, pan text)
       WHERE l.id = v.id`,
      [JSON.stringify(values)],
    );
    after = rows[rows.length - 1].id;
  }
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}

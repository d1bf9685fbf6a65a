import type { Knex } from "knex";

// Every operational table: tenant_id, created_at, updated_at; people's records are soft-deleted.
function stamps(t: Knex.CreateTableBuilder, knex: Knex) {
  t.timestamp("created_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
  t.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
}

function tenantRef(t: Knex.CreateTableBuilder) {
  t.uuid("tenant_id").notNullable().references("tenants.id");
}

export async function up(knex: Knex): Promise<void> {
  await knex.raw("CREATE EXTENSION IF NOT EXISTS pg_trgm");

  await knex.schema.createTable("tenants", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    t.text("name").notNullable();
    t.text("slug").notNullable().unique();
    t.text("default_region").notNullable().defaultTo("IN");
    t.text("time_zone").notNullable().defaultTo("Asia/Kolkata");
    t.text("currency").notNullable().defaultTo("INR");
    t.jsonb("settings").notNullable().defaultTo("{}");
    t.boolean("is_active").notNullable().defaultTo(true);
    t.timestamp("deleted_at", { useTz: true });
    stamps(t, knex);
  });

  await knex.schema.createTable("teams", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    tenantRef(t);
    t.text("name").notNullable();
    t.text("description");
    t.uuid("manager_id");
    t.boolean("is_active").notNullable().defaultTo(true);
    t.timestamp("deleted_at", { useTz: true });
    stamps(t, knex);
    t.index(["tenant_id"]);
  });

  await knex.schema.createTable("users", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    tenantRef(t);
    t.text("email").notNullable();
    t.text("name").notNullable();
    t.text("password_hash").notNullable();
    t.text("role").notNullable().checkIn(["admin", "manager", "rep", "marketer"]);
    t.uuid("team_id").references("teams.id");
    t.text("territory");
    t.integer("capacity");
    t.integer("weight").notNullable().defaultTo(1);
    t.jsonb("working_hours");
    t.text("time_zone");
    t.boolean("out_of_office").notNullable().defaultTo(false);
    t.text("phone");
    t.boolean("is_platform_admin").notNullable().defaultTo(false);
    t.boolean("is_active").notNullable().defaultTo(true);
    t.timestamp("last_login_at", { useTz: true });
    t.timestamp("deleted_at", { useTz: true });
    stamps(t, knex);
    t.index(["tenant_id", "role"]);
  });
  // One login per address across tenants: the login form does not ask for a tenant.
  await knex.raw("CREATE UNIQUE INDEX users_email_unique ON users (lower(email)) WHERE deleted_at IS NULL");
  await knex.raw("ALTER TABLE teams ADD CONSTRAINT teams_manager_fk FOREIGN KEY (manager_id) REFERENCES users(id)");

  await knex.schema.createTable("partners", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    tenantRef(t);
    t.text("name").notNullable();
    t.text("description");
    t.text("signing_secret_enc").notNullable();
    t.jsonb("settings").notNullable().defaultTo("{}");
    t.text("default_source");
    t.boolean("is_active").notNullable().defaultTo(true);
    t.timestamp("last_delivery_at", { useTz: true });
    t.timestamp("deleted_at", { useTz: true });
    stamps(t, knex);
    t.index(["tenant_id"]);
  });

  await knex.schema.createTable("api_keys", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    tenantRef(t);
    t.uuid("partner_id").references("partners.id");
    t.text("name").notNullable();
    t.text("key_prefix").notNullable();
    t.text("key_hash").notNullable().unique();
    t.timestamp("last_used_at", { useTz: true });
    t.timestamp("revoked_at", { useTz: true });
    stamps(t, knex);
    t.index(["tenant_id"]);
  });

  await knex.schema.createTable("inbound_events", (t) => {
    t.uuid("id").primary();
    tenantRef(t);
    t.text("channel").notNullable().checkIn(["api", "form", "webhook", "email", "csv"]);
    t.text("format").notNullable().defaultTo("canonical");
    t.uuid("partner_id").references("partners.id");
    t.uuid("api_key_id");
    t.text("idempotency_key");
    t.text("body_hash");
    t.jsonb("payload");
    t.text("raw");
    t.text("content_type");
    t.text("remote_ip");
    t.text("status").notNullable().defaultTo("received").checkIn(["received", "processing", "done", "failed"]);
    t.text("outcome").checkIn(["created", "merged", "flagged_duplicate", "rejected", "ignored", "engagement", "spam"]);
    t.uuid("lead_id");
    t.jsonb("error");
    t.integer("attempts").notNullable().defaultTo(0);
    t.timestamp("processed_at", { useTz: true });
    stamps(t, knex);
    t.index(["tenant_id", "created_at"]);
    t.index(["tenant_id", "lead_id"]);
  });
  await knex.raw(`CREATE UNIQUE INDEX inbound_events_idempotency ON inbound_events (tenant_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL`);
  // The sweeper's scan: only rows still waiting for a worker.
  await knex.raw(`CREATE INDEX inbound_events_pending ON inbound_events (created_at)
    WHERE status IN ('received', 'processing')`);

  await knex.schema.createTable("leads", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    tenantRef(t);
    t.text("lead_number").notNullable();
    t.text("first_name");
    t.text("last_name");
    t.text("email");
    t.text("email_canonical");
    t.text("phone");
    t.text("phone_e164");
    t.text("alt_phone");
    t.text("company");
    t.text("company_normalized");
    t.text("job_title");
    t.text("website");
    t.text("industry");
    t.text("gstin");
    t.text("address");
    t.text("city");
    t.text("state");
    t.text("country");
    t.text("postal_code");
    t.text("language");
    t.text("source");
    t.text("subsource");
    t.text("campaign");
    t.text("utm_source");
    t.text("utm_medium");
    t.text("utm_campaign");
    t.text("utm_term");
    t.text("utm_content");
    t.text("referrer");
    t.text("landing_page");
    t.uuid("owner_id").references("users.id");
    t.uuid("team_id").references("teams.id");
    t.text("status")
      .notNullable()
      .defaultTo("new")
      .checkIn(["new", "contacted", "qualified", "unqualified", "nurturing", "converted", "lost"]);
    t.text("stage").notNullable().defaultTo("lead");
    t.integer("lead_score").notNullable().defaultTo(0);
    t.text("grade");
    t.text("priority").notNullable().defaultTo("medium").checkIn(["low", "medium", "high", "urgent"]);
    t.decimal("budget", 15, 2);
    t.text("budget_currency");
    t.text("authority");
    t.text("need");
    t.text("timeline");
    t.text("product_interest");
    t.text("message");
    t.boolean("gdpr_consent").notNullable().defaultTo(false);
    t.timestamp("consent_at", { useTz: true });
    t.boolean("dnd").notNullable().defaultTo(false);
    t.timestamp("opt_in_at", { useTz: true });
    t.boolean("is_duplicate").notNullable().defaultTo(false);
    t.uuid("duplicate_of_id").references("leads.id");
    t.decimal("spam_score", 5, 2).notNullable().defaultTo(0);
    t.text("validation_status").notNullable().defaultTo("valid").checkIn(["valid", "partial", "invalid"]);
    t.jsonb("validation_notes").notNullable().defaultTo("[]");
    t.timestamp("converted_at", { useTz: true });
    t.uuid("converted_account_id");
    t.uuid("converted_contact_id");
    t.uuid("converted_opportunity_id");
    t.jsonb("custom_fields").notNullable().defaultTo("{}");
    t.specificType("tags", "text[]").notNullable().defaultTo("{}");
    t.uuid("inbound_event_id");
    t.timestamp("last_activity_at", { useTz: true });
    t.timestamp("first_contacted_at", { useTz: true });
    t.uuid("created_by");
    t.timestamp("deleted_at", { useTz: true });
    stamps(t, knex);
    t.unique(["tenant_id", "lead_number"]);
    t.unique(["inbound_event_id"]);
    t.index(["tenant_id", "created_at"]);
    t.index(["tenant_id", "status"]);
    t.index(["tenant_id", "owner_id"]);
    t.index(["tenant_id", "source"]);
    t.index(["tenant_id", "lead_score"]);
    t.index(["tenant_id", "email_canonical"]);
    t.index(["tenant_id", "phone_e164"]);
  });
  // Full-text `q` filter of the console: names, company, contact points, number.
  await knex.raw(`ALTER TABLE leads ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple',
    coalesce(first_name,'') || ' ' || coalesce(last_name,'') || ' ' || coalesce(company,'') || ' ' ||
    coalesce(email,'') || ' ' || coalesce(phone_e164,'') || ' ' || coalesce(city,'') || ' ' || lead_number)) STORED`);
  await knex.raw("CREATE INDEX leads_search ON leads USING gin (search)");

  await knex.schema.createTable("lead_submissions", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    tenantRef(t);
    t.uuid("lead_id").notNullable().references("leads.id");
    t.uuid("inbound_event_id").notNullable().unique().references("inbound_events.id");
    t.text("channel").notNullable();
    t.jsonb("data").notNullable();
    stamps(t, knex);
    t.index(["lead_id"]);
  });

  // The timeline: anything that happened to any record, by a person or by the machine.
  await knex.schema.createTable("activities", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    tenantRef(t);
    t.text("record_type").notNullable().defaultTo("lead");
    t.uuid("record_id").notNullable();
    t.text("type").notNullable().checkIn(["system", "note", "call", "email", "meeting", "task", "submission"]);
    t.text("action");
    t.text("title").notNullable();
    t.text("body");
    t.jsonb("data").notNullable().defaultTo("{}");
    t.integer("duration_minutes");
    t.text("outcome");
    t.uuid("actor_user_id").references("users.id");
    t.timestamp("occurred_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp("deleted_at", { useTz: true });
    stamps(t, knex);
    t.index(["tenant_id", "record_type", "record_id", "occurred_at"]);
  });

  // Pipeline trace: every job that touched a lead, how long it took and how it ended.
  await knex.schema.createTable("job_runs", (t) => {
    t.bigIncrements("id");
    tenantRef(t);
    t.uuid("lead_id");
    t.uuid("inbound_event_id");
    t.text("queue").notNullable();
    t.text("job_id");
    t.integer("attempt").notNullable().defaultTo(1);
    t.text("outcome").notNullable();
    t.text("detail");
    t.timestamp("started_at", { useTz: true }).notNullable();
    t.integer("duration_ms").notNullable();
    t.timestamp("created_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(["lead_id", "started_at"]);
    t.index(["inbound_event_id"]);
  });

  // Named per-tenant counters (lead numbers per month), bumped atomically.
  await knex.schema.createTable("counters", (t) => {
    tenantRef(t);
    t.text("name").notNullable();
    t.bigInteger("value").notNullable().defaultTo(0);
    t.primary(["tenant_id", "name"]);
  });

  await knex.schema.createTable("audit_log", (t) => {
    t.bigIncrements("id");
    tenantRef(t);
    t.uuid("user_id");
    t.text("action").notNullable();
    t.text("record_type").notNullable();
    t.text("record_id").notNullable();
    t.jsonb("changes").notNullable().defaultTo("{}");
    t.timestamp("created_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(["tenant_id", "record_type", "record_id"]);
  });
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}

import type { Knex } from "knex";

function stamps(t: Knex.CreateTableBuilder, knex: Knex) {
  t.timestamp("created_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
  t.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
}
const tenantRef = (t: Knex.CreateTableBuilder) => t.uuid("tenant_id").notNullable().references("tenants.id");

/** The CRM a converted lead feeds: accounts, contacts, pipeline stages, opportunities, tasks, conversion rules. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("accounts", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    tenantRef(t);
    t.text("name").notNullable();
    // The legal-suffix-free name conversion matches on ("Sahyadri Infra Pvt Ltd" = "Sahyadri Infra").
    t.text("name_key");
    t.text("type").notNullable().defaultTo("prospect").checkIn(["customer", "prospect", "partner"]);
    t.text("industry");
    t.text("company_size");
    t.decimal("annual_revenue", 15, 2);
    t.text("currency").notNullable().defaultTo("INR");
    t.text("gstin");
    t.text("website");
    t.text("email_domain");
    t.text("phone");
    t.text("address");
    t.text("city");
    t.text("state");
    t.text("country");
    t.text("postal_code");
    t.uuid("owner_id").references("users.id");
    t.integer("health_score");
    t.jsonb("health_reasons").notNullable().defaultTo("[]");
    t.text("lifecycle_stage").notNullable().defaultTo("prospect");
    t.boolean("is_active").notNullable().defaultTo(true);
    t.jsonb("custom_fields").notNullable().defaultTo("{}");
    t.uuid("created_by").references("users.id");
    t.timestamp("deleted_at", { useTz: true });
    stamps(t, knex);
    t.index(["tenant_id", "name_key"]);
    t.index(["tenant_id", "email_domain"]);
  });
  await knex.raw("CREATE UNIQUE INDEX accounts_gstin ON accounts (tenant_id, gstin) WHERE gstin IS NOT NULL AND deleted_at IS NULL");

  await knex.schema.createTable("contacts", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    tenantRef(t);
    t.uuid("account_id").references("accounts.id");
    t.text("first_name");
    t.text("last_name");
    t.text("job_title");
    t.text("role").checkIn(["decision_maker", "influencer", "user"]);
    t.text("email");
    t.text("email_canonical");
    t.text("phone");
    t.text("phone_e164");
    t.integer("influence");
    t.text("preferred_channel").checkIn(["whatsapp", "email", "phone"]);
    t.boolean("is_primary").notNullable().defaultTo(false);
    t.uuid("lead_id").references("leads.id");
    t.uuid("owner_id").references("users.id");
    t.jsonb("custom_fields").notNullable().defaultTo("{}");
    t.timestamp("deleted_at", { useTz: true });
    stamps(t, knex);
    t.index(["account_id"]);
    t.index(["tenant_id", "email_canonical"]);
    t.index(["tenant_id", "phone_e164"]);
  });

  await knex.schema.createTable("pipeline_stages", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    tenantRef(t);
    t.text("name").notNullable();
    t.integer("position").notNullable();
    t.text("color").notNullable().defaultTo("#607d8b");
    t.integer("probability").notNullable().defaultTo(10);
    t.boolean("is_won").notNullable().defaultTo(false);
    t.boolean("is_lost").notNullable().defaultTo(false);
    // Stages a deal may move to from here; empty: any.
    t.specificType("allowed_next", "uuid[]").notNullable().defaultTo("{}");
    // [{title, due_days, required}]: tasks made when a deal enters the stage.
    t.jsonb("task_templates").notNullable().defaultTo("[]");
    t.timestamp("deleted_at", { useTz: true });
    stamps(t, knex);
    t.index(["tenant_id", "position"]);
  });

  await knex.schema.createTable("opportunities", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    tenantRef(t);
    t.text("name").notNullable();
    t.decimal("value", 15, 2);
    t.text("currency").notNullable().defaultTo("INR");
    t.uuid("stage_id").notNullable().references("pipeline_stages.id");
    t.integer("probability").notNullable().defaultTo(10);
    t.text("forecast_category").notNullable().defaultTo("pipeline").checkIn(["pipeline", "best_case", "commit", "closed", "omitted"]);
    t.date("expected_close");
    t.date("actual_close");
    t.text("status").notNullable().defaultTo("open").checkIn(["open", "won", "lost"]);
    t.text("loss_reason");
    t.uuid("account_id").references("accounts.id");
    t.uuid("primary_contact_id").references("contacts.id");
    t.uuid("lead_id").references("leads.id");
    t.uuid("owner_id").references("users.id");
    t.jsonb("custom_fields").notNullable().defaultTo("{}");
    t.timestamp("stage_changed_at", { useTz: true });
    t.timestamp("deleted_at", { useTz: true });
    stamps(t, knex);
    t.index(["tenant_id", "stage_id"]);
    t.index(["account_id"]);
    t.index(["tenant_id", "owner_id"]);
  });
  // A lead converts once: its opportunity is unique.
  await knex.raw("CREATE UNIQUE INDEX opportunities_lead ON opportunities (lead_id) WHERE lead_id IS NOT NULL");

  await knex.schema.createTable("stage_history", (t) => {
    t.bigIncrements("id");
    tenantRef(t);
    t.uuid("opportunity_id").notNullable().references("opportunities.id");
    t.uuid("from_stage_id").references("pipeline_stages.id");
    t.uuid("to_stage_id").notNullable().references("pipeline_stages.id");
    t.uuid("changed_by").references("users.id");
    t.timestamp("created_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(["opportunity_id", "created_at"]);
  });

  await knex.schema.createTable("tasks", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    tenantRef(t);
    t.text("title").notNullable();
    t.text("body");
    t.timestamp("due_at", { useTz: true });
    t.uuid("owner_id").references("users.id");
    t.text("record_type").notNullable().checkIn(["lead", "account", "contact", "opportunity"]);
    t.uuid("record_id").notNullable();
    // Made by a stage's template; a required one holds the deal in its stage until done.
    t.uuid("stage_id").references("pipeline_stages.id");
    t.boolean("required").notNullable().defaultTo(false);
    t.timestamp("done_at", { useTz: true });
    t.uuid("created_by").references("users.id");
    t.timestamp("deleted_at", { useTz: true });
    stamps(t, knex);
    t.index(["tenant_id", "record_type", "record_id"]);
    t.index(["tenant_id", "owner_id", "done_at"]);
  });

  await knex.schema.createTable("conversion_rules", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    tenantRef(t);
    t.text("name").notNullable();
    t.jsonb("condition").notNullable();
    t.boolean("active").notNullable().defaultTo(true);
    t.uuid("created_by").references("users.id");
    t.timestamp("deleted_at", { useTz: true });
    stamps(t, knex);
  });

  // Activities and timelines belong to any record, not only leads.
  await knex.raw(
    "ALTER TABLE activities ADD CONSTRAINT activities_record_type CHECK (record_type IN ('lead', 'account', 'contact', 'opportunity'))",
  );
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}

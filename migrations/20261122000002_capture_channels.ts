import type { Knex } from "knex";

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("forms", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    t.uuid("tenant_id").notNullable().references("tenants.id");
    t.text("name").notNullable();
    t.text("key").notNullable().unique();
    t.text("description");
    /** [{name, label, type, required, maps_to, options}] */
    t.jsonb("fields").notNullable().defaultTo("[]");
    t.specificType("allowed_origins", "text[]").notNullable().defaultTo("{}");
    t.text("redirect_url");
    t.text("thank_you_message");
    t.text("consent_text");
    t.text("source");
    t.text("subsource");
    t.text("campaign");
    t.text("honeypot_field");
    t.uuid("sequence_id");
    t.uuid("owner_id").references("users.id");
    t.boolean("is_active").notNullable().defaultTo(true);
    t.timestamp("last_submission_at", { useTz: true });
    t.timestamp("deleted_at", { useTz: true });
    t.timestamp("created_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(["tenant_id"]);
  });

  await knex.schema.alterTable("partners", (t) => {
    // Vendor secrets (google_key, typeform_secret, facebook_*, indiamart_crm_key): encrypted JSON, write-only.
    t.text("secrets_enc");
    // Where a pull integration got to (IndiaMART's last fetched window).
    t.jsonb("poll_state").notNullable().defaultTo("{}");
  });

  await knex.schema.alterTable("inbound_events", (t) => {
    t.uuid("form_id").references("forms.id");
    t.text("vendor_id");
    t.text("signature");
    t.boolean("is_test").notNullable().defaultTo(false);
    t.specificType("unmapped", "text[]");
    t.index(["tenant_id", "partner_id", "created_at"]);
    t.index(["tenant_id", "form_id", "created_at"]);
  });
  // A vendor's retry (same lead id) or a replayed delivery (same signature) is stored once.
  await knex.raw(`CREATE UNIQUE INDEX inbound_events_vendor_id ON inbound_events (tenant_id, partner_id, vendor_id)
    WHERE vendor_id IS NOT NULL`);
  await knex.raw(`CREATE UNIQUE INDEX inbound_events_signature ON inbound_events (tenant_id, partner_id, signature)
    WHERE signature IS NOT NULL`);

  await knex.schema.alterTable("leads", (t) => {
    t.uuid("partner_id").references("partners.id");
    t.uuid("form_id").references("forms.id");
    t.jsonb("consent");
  });
  await knex.schema.alterTable("lead_submissions", (t) => {
    t.text("vendor_id");
  });

  // Messages we send (nurture, notifications): replies thread back to a lead through message_id.
  await knex.schema.createTable("email_messages", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    t.uuid("tenant_id").notNullable().references("tenants.id");
    t.uuid("lead_id").references("leads.id");
    t.text("direction").notNullable().defaultTo("out").checkIn(["out", "in"]);
    t.text("message_id").notNullable();
    t.text("from_address");
    t.text("to_address");
    t.text("subject");
    t.text("status").notNullable().defaultTo("queued");
    t.timestamp("sent_at", { useTz: true });
    t.timestamp("created_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(["tenant_id", "message_id"]);
    t.index(["lead_id"]);
  });

  // What a lead did (replied, opened, clicked, re-submitted, visited): scoring reads these.
  await knex.schema.createTable("engagements", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    t.uuid("tenant_id").notNullable().references("tenants.id");
    t.uuid("lead_id").notNullable().references("leads.id");
    t.text("type").notNullable();
    t.text("channel");
    t.uuid("inbound_event_id").references("inbound_events.id");
    t.uuid("email_message_id").references("email_messages.id");
    t.jsonb("data").notNullable().defaultTo("{}");
    t.timestamp("occurred_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp("deleted_at", { useTz: true });
    t.timestamp("created_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(["lead_id", "occurred_at"]);
    t.unique(["inbound_event_id"]);
  });

  await knex.schema.createTable("attachments", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    t.uuid("tenant_id").notNullable().references("tenants.id");
    t.uuid("inbound_event_id").references("inbound_events.id");
    t.uuid("lead_id").references("leads.id");
    t.text("filename");
    t.text("content_type").notNullable();
    t.integer("size").notNullable();
    t.binary("content");
    t.timestamp("created_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(["lead_id"]);
    t.index(["inbound_event_id"]);
  });

  // Source health alerts: a partner or form gone silent, or failing.
  await knex.schema.createTable("alerts", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    t.uuid("tenant_id").notNullable().references("tenants.id");
    t.text("source_type").notNullable().checkIn(["partner", "form"]);
    t.uuid("source_id").notNullable();
    t.text("kind").notNullable().checkIn(["silent", "error_rate", "schema_drift"]);
    t.text("message").notNullable();
    t.timestamp("raised_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp("resolved_at", { useTz: true });
    t.timestamp("created_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  // One open alert of a kind per source at a time.
  await knex.raw(`CREATE UNIQUE INDEX alerts_open ON alerts (tenant_id, source_type, source_id, kind) WHERE resolved_at IS NULL`);
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}

import type { Knex } from "knex";

function stamps(t: Knex.CreateTableBuilder, knex: Knex) {
  t.timestamp("created_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
  t.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
}

/** Events out: an outbox written with each change, subscriptions, and a log of every delivery attempt's outcome. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("outbox_events", (t) => {
    t.bigIncrements("id");
    t.uuid("tenant_id").notNullable().references("tenants.id");
    t.text("type").notNullable();
    t.text("record_type").notNullable();
    t.uuid("record_id").notNullable();
    t.jsonb("payload").notNullable();
    t.timestamp("created_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp("dispatched_at", { useTz: true });
  });
  await knex.raw("CREATE INDEX outbox_events_waiting ON outbox_events (id) WHERE dispatched_at IS NULL");

  await knex.schema.createTable("webhook_subscriptions", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    t.uuid("tenant_id").notNullable().references("tenants.id");
    t.text("url").notNullable();
    t.text("description");
    // Event types, or "*" for all.
    t.specificType("events", "text[]").notNullable();
    t.text("secret_enc").notNullable();
    t.boolean("is_active").notNullable().defaultTo(true);
    t.uuid("created_by").references("users.id");
    t.timestamp("deleted_at", { useTz: true });
    stamps(t, knex);
    t.index(["tenant_id"]);
  });

  await knex.schema.createTable("webhook_deliveries", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    t.uuid("tenant_id").notNullable().references("tenants.id");
    t.uuid("subscription_id").notNullable().references("webhook_subscriptions.id");
    t.bigInteger("event_id").notNullable().references("outbox_events.id");
    t.text("event_type").notNullable();
    // pending (due at next_attempt_at) → sending (claimed) → delivered | failed (gave up after a day)
    t.text("status").notNullable().defaultTo("pending").checkIn(["pending", "sending", "delivered", "failed"]);
    t.integer("attempts").notNullable().defaultTo(0);
    t.timestamp("next_attempt_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.integer("response_code");
    t.integer("response_ms");
    t.text("error");
    t.timestamp("delivered_at", { useTz: true });
    stamps(t, knex);
    t.unique(["subscription_id", "event_id"]);
    t.index(["tenant_id", "created_at"]);
  });
  await knex.raw("CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'");
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}

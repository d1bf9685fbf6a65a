import type { Knex } from "knex";

/** Custom fields per record type: what a form shows and what a write is checked against. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("custom_field_definitions", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    t.uuid("tenant_id").notNullable().references("tenants.id");
    t.text("record_type").notNullable().checkIn(["lead", "account", "contact", "opportunity"]);
    // The key in the record's custom_fields.
    t.text("name").notNullable();
    t.text("label").notNullable();
    t.text("type").notNullable().checkIn(["text", "number", "date", "boolean", "select"]);
    t.jsonb("options").notNullable().defaultTo("[]");
    t.boolean("required").notNullable().defaultTo(false);
    t.text("help");
    t.integer("position").notNullable().defaultTo(0);
    t.timestamp("deleted_at", { useTz: true });
    t.timestamp("created_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(
    "CREATE UNIQUE INDEX custom_field_definitions_name ON custom_field_definitions (tenant_id, record_type, name) WHERE deleted_at IS NULL",
  );
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}

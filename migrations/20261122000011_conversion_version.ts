import type { Knex } from "knex";

/** Conversion rules get a version like the scoring and assignment sets: intake caches them by it. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("tenants", (t) => {
    t.integer("conversion_version").notNullable().defaultTo(0);
  });
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}

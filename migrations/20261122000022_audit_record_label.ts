import type { Knex } from "knex";

/**
 * Each audit row names its record as people know it ("LEAD-202612-00048 Rahul Patil"), written with
 * the row: the log says what the record was called when it changed, even after a rename or erasure.
 * Nullable: older rows have none and the console falls back to the type and id.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("audit_log", (t) => {
    t.text("record_label");
  });
}

export async function down(): Promise<void> {
  throw new Error("forward-only");
}

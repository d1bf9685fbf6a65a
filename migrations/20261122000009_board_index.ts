import type { Knex } from "knex";

/** The pipeline board asks each stage's open deals by value, largest first: one index walk per column. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw("CREATE INDEX opportunities_board ON opportunities (tenant_id, stage_id, value DESC NULLS LAST) WHERE deleted_at IS NULL");
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}

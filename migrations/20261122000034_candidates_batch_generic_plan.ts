import type { Knex } from "knex";

/**
 * The batch lookup (`dedup_candidates_batch`) planned once per connection, not at every call.
 * plpgsql kept planning its query anew (custom plans, whose estimates beat the generic plan's):
 * 3.9 ms of planning a call against 2.2 ms of running it, for intake's small batches at a steady
 * load (pg_stat_statements over 20 s at 182 leads/s, 880 calls: planning 3.4 s, execution 1.9 s).
 * Its blocks take their keys from the batch's rows, not from parameters; the one parameter a plan
 * could weigh is the tenant, and a generic plan counts it as an average tenant, never as the rare
 * one that statistics older than its leads describe.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw("ALTER FUNCTION dedup_candidates_batch(uuid, text[], jsonb) SET plan_cache_mode = force_generic_plan");
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}

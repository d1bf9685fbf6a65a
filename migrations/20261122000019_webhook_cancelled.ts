import type { Knex } from "knex";

/**
 * A delivery can be cancelled: by a person, or because its subscription was deleted or switched
 * off (before this, its retries went on for about a day). Frozen list of the statuses as of now.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw("ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_status_check");
  await knex.raw(`ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_status_check
    CHECK (status IN ('pending', 'sending', 'delivered', 'failed', 'cancelled'))`);
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}

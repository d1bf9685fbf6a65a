import type { Knex } from "knex";

/**
 * The contact-point GIN indexes (migration 25) hold an entry for every lead, most of them an empty
 * array, and with GIN's fast update every new lead's entry went to the index's pending list, which
 * every search reads whole: at 17,000 leads one probe took 88 ms, and an intake batch of 300 spent
 * 26 s in them. Written straight into the index instead (fastupdate off: an insert costs a little
 * more, a search reads the index alone); the pending list there now is merged in at once.
 */
const INDEXES = ["leads_additional_email_keys", "leads_additional_phones"];

export async function up(knex: Knex): Promise<void> {
  for (const index of INDEXES) {
    await knex.raw(`ALTER INDEX ${index} SET (fastupdate = off)`);
    await knex.raw(`SELECT gin_clean_pending_list('${index}'::regclass)`);
  }
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}

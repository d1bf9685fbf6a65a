import type { Knex } from "knex";

/**
 * Search finds what people type inside a word: part of an email ("aaravlogistics", "rahul.patil"),
 * the last digits of a phone ("43210"), a piece of a company name, a lead number or its tail
 * ("00048"). The tsvector only matches word prefixes, so `search_text` holds those fields lowercased,
 * with the phone as bare digits, under a trigram index: `LIKE '%…%'` is an index scan, not a read of
 * every lead. The list's `q` matches the tsvector or this (api/rest/resource-query.ts).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE leads ADD COLUMN search_text text GENERATED ALWAYS AS (lower(
    coalesce(email, '') || ' ' || coalesce(company, '') || ' ' || lead_number || ' ' ||
    regexp_replace(coalesce(phone_e164, ''), '[^0-9]', '', 'g') || ' ' || regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g') || ' ' ||
    regexp_replace(coalesce(alt_phone, ''), '[^0-9]', '', 'g'))) STORED`);
  await knex.raw("CREATE INDEX leads_search_text ON leads USING gin (search_text gin_trgm_ops)");
  // With the default sample the planner guesses a piece of text matches thousands of leads and walks
  // the newest-first index instead (150 ms on 100k leads, against 0.3 ms through these indexes).
  await knex.raw("ALTER TABLE leads ALTER COLUMN search_text SET STATISTICS 1000, ALTER COLUMN search SET STATISTICS 1000");
}

export async function down(): Promise<void> {
  throw new Error("forward-only");
}

import type { Knex } from "knex";

// People search by the number as they dial it (98765 43210), not as E.164: index the national number too.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("leads", (t) => {
    t.text("phone_national");
  });
  await knex.raw(`UPDATE leads SET phone_national = right(phone_e164, 10) WHERE phone_e164 LIKE '+91%'`);
  await knex.raw("ALTER TABLE leads DROP COLUMN search");
  await knex.raw(`ALTER TABLE leads ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple',
    coalesce(first_name,'') || ' ' || coalesce(last_name,'') || ' ' || coalesce(company,'') || ' ' ||
    coalesce(email,'') || ' ' || coalesce(phone_e164,'') || ' ' || coalesce(phone_national,'') || ' ' ||
    coalesce(city,'') || ' ' || lead_number)) STORED`);
  await knex.raw("CREATE INDEX leads_search ON leads USING gin (search)");
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}

import type { Knex } from "knex";
import { dedupColumns } from "./columns.ts";
import { matchKeys } from "./keys.ts";

/**
 * Stores every lead's matching keys, as intake computes them for newcomers, in batches of 2,000 by
 * id with one UPDATE each. For leads written before the key columns existed (migration 4 runs it in
 * its own transaction); running it again rewrites the same values.
 */
export async function backfillDedupKeys(db: Knex): Promise<void> {
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const rows = await db("leads as l")
      .join("tenants as t", "t.id", "l.tenant_id")
      .where("l.id", ">", after)
      .orderBy("l.id")
      .limit(2000)
      .select(
        "l.id",
        "l.first_name",
        "l.last_name",
        "l.email",
        "l.phone_e164",
        "l.alt_phone",
        "l.company",
        "l.gstin",
        "l.city",
        "l.country",
        "t.default_region",
      );
    if (!rows.length) return;
    const values = rows.map((r) => ({ id: r.id, ...dedupColumns(matchKeys(r, { region: r.default_region })) }));
    await db.raw(
      `UPDATE leads l SET email_key = v.email_key, email_local = v.email_local, name_key = v.name_key, company_key = v.company_key, pan = v.pan
       FROM jsonb_to_recordset(?::jsonb) AS v(id uuid, email_key text, email_local text, name_key text, company_key text, pan text)
       WHERE l.id = v.id`,
      [JSON.stringify(values)],
    );
    after = rows[rows.length - 1].id;
  }
}

import type { Knex } from "knex";

/**
 * Intake works in batches (issue 22): one candidate lookup for a whole batch of arrivals. It takes
 * the tenant's shared dedup lock and every arrival's exact keys at once, in one sorted order (two
 * batches sharing a person wait for each other and cannot deadlock), then asks migration 25's
 * `dedup_candidates` for each arrival with nothing more to lock: the same blocks, limits and plans
 * as one arrival at a time, tagged with the arrival's index.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
CREATE FUNCTION dedup_candidates_batch(p_tenant uuid, p_locks text[], p_requests jsonb)
RETURNS TABLE (request int, id uuid, lead_number text, first_name text, last_name text, email text, email_canonical text,
  phone_e164 text, alt_phone text, company text, gstin text, pan text, city text, country text, status text, owner_id uuid,
  last_activity_at timestamptz, created_at timestamptz, phone_shared_by int, email_shared_by int,
  additional_emails text[], additional_email_keys text[], additional_phones text[])
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(hashtextextended('dedup-tenant:' || p_tenant, 0));
  PERFORM pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest(p_locks) k ORDER BY 1) s;
  RETURN QUERY
  SELECT r.i, c.*
  FROM jsonb_to_recordset(p_requests) AS r(i int, email text, phone1 text, phone2 text, local text, pan text, company text,
    name text, by_name boolean)
  CROSS JOIN LATERAL dedup_candidates(p_tenant, '{}'::text[], r.email, r.phone1, r.phone2, r.local, r.pan, r.company, r.name,
    coalesce(r.by_name, false), NULL::uuid[]) c;
END
$fn$`);
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}

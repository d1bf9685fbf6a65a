import type { Knex } from "knex";

/**
 * Migration 30's batch lookup, told which lead each request is (`self_id`, optional): a request
 * that is a stored lead (the duplicate scan asks for its own leads) finds itself in almost every
 * block (its own email, phone, handle, its own name at its company). It is now left out after the
 * blocks and their limits, so which other leads are found does not change (as `p_exclude` in the
 * one-lead lookup), and its row, its shared-contact counts and its copy to the worker are no longer
 * made: about a quarter of a scan batch's rows. Requests without `self_id` (intake, the import)
 * are answered as before. Everything else is migration 30's function as it was.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
CREATE OR REPLACE FUNCTION dedup_candidates_batch(p_tenant uuid, p_locks text[], p_requests jsonb)
RETURNS TABLE (request int, id uuid, lead_number text, first_name text, last_name text, email text, email_canonical text,
  phone_e164 text, alt_phone text, company text, gstin text, pan text, city text, country text, status text, owner_id uuid,
  last_activity_at timestamptz, created_at timestamptz, phone_shared_by int, email_shared_by int,
  additional_emails text[], additional_email_keys text[], additional_phones text[])
LANGUAGE plpgsql VOLATILE
SET enable_seqscan = off
AS $fn$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(hashtextextended('dedup-tenant:' || p_tenant, 0));
  PERFORM pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest(p_locks) k ORDER BY 1) s;
  IF p_requests @> '[{"by_name": true}]' THEN PERFORM set_config('pg_trgm.similarity_threshold', '0.6', true); END IF;
  RETURN QUERY
  WITH r AS MATERIALIZED (
    SELECT * FROM jsonb_to_recordset(p_requests)
      AS r(i int, email text, phone1 text, phone2 text, local text, pan text, company text, name text, by_name boolean, self_id uuid)
  ), ae AS MATERIALIZED (
    SELECT x.id, x.tenant_id, x.deleted_at, x.additional_email_keys FROM leads x
    WHERE x.additional_email_keys && (SELECT array_agg(r.email) FROM r WHERE r.email IS NOT NULL)
  ), ap AS MATERIALIZED (
    SELECT x.id, x.tenant_id, x.deleted_at, x.additional_phones FROM leads x
    WHERE x.additional_phones && (SELECT array_agg(p) FROM r, unnest(ARRAY[r.phone1, r.phone2]) p WHERE p IS NOT NULL)
  ), c AS (
    SELECT r.i, x.id FROM r CROSS JOIN LATERAL (SELECT x.id FROM leads x
      WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.email_key = r.email LIMIT 20) x
    UNION SELECT r.i, x.id FROM r CROSS JOIN LATERAL (SELECT x.id FROM leads x
      WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.phone_e164 IN (r.phone1, r.phone2) LIMIT 20) x
    UNION SELECT r.i, x.id FROM r CROSS JOIN LATERAL (SELECT x.id FROM leads x
      WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.alt_phone IN (r.phone1, r.phone2) LIMIT 20) x
    UNION SELECT r.i, x.id FROM ae x JOIN r ON x.additional_email_keys @> ARRAY[r.email]
      WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL
    UNION SELECT r.i, x.id FROM ap x JOIN r ON x.additional_phones && array_remove(ARRAY[r.phone1, r.phone2], NULL)
      WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL
    UNION SELECT r.i, x.id FROM r CROSS JOIN LATERAL (SELECT x.id FROM leads x
      WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.email_local = r.local LIMIT 20) x
    UNION SELECT r.i, x.id FROM r CROSS JOIN LATERAL (SELECT x.id FROM leads x
      WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.pan = r.pan LIMIT 20) x
    UNION SELECT r.i, n.id FROM r CROSS JOIN LATERAL (
        (SELECT x.id, x.name_key FROM leads x WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.company_key = r.company
           AND x.name_key >= r.name ORDER BY x.name_key LIMIT 10)
        UNION ALL
        (SELECT x.id, x.name_key FROM leads x WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.company_key = r.company
           AND x.name_key < r.name ORDER BY x.name_key DESC LIMIT 5)
      ) n WHERE similarity(n.name_key, r.name) >= 0.3
    UNION SELECT r.i, x.id FROM r CROSS JOIN LATERAL (SELECT x.id FROM leads x
      WHERE r.by_name AND x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.name_key % r.name
      ORDER BY x.name_key <-> r.name LIMIT 10) x
  ), k AS MATERIALIZED (
    SELECT c.i, c.id FROM c JOIN r ON r.i = c.i WHERE r.self_id IS NULL OR c.id <> r.self_id
  ), l AS (
    SELECT l.id, l.lead_number, l.first_name, l.last_name, l.email, l.email_canonical, l.phone_e164, l.alt_phone, l.company,
      l.gstin, l.pan, l.city, l.country, l.status, l.owner_id, l.last_activity_at, l.created_at,
      CASE WHEN l.phone_e164 IS NULL THEN 0 ELSE (SELECT count(*) FROM (SELECT 1 FROM leads y WHERE y.tenant_id = p_tenant
        AND y.phone_e164 = l.phone_e164 AND y.deleted_at IS NULL LIMIT 10) s) END::int AS phone_shared_by,
      CASE WHEN l.email_key IS NULL THEN 0 ELSE (SELECT count(*) FROM (SELECT 1 FROM leads y WHERE y.tenant_id = p_tenant
        AND y.email_key = l.email_key AND y.deleted_at IS NULL LIMIT 10) s) END::int AS email_shared_by,
      l.additional_emails, l.additional_email_keys, l.additional_phones
    FROM (SELECT DISTINCT k.id FROM k) ids JOIN leads l ON l.id = ids.id
  )
  SELECT k.i, l.* FROM k JOIN l ON l.id = k.id;
END
$fn$`);
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}

import type { Knex } from "knex";

/**
 * Migration 27's batch lookup with its two contact-point searches each made once per batch, alone
 * on its GIN index, whatever the statistics say. Written as subqueries joined to the batch's
 * requests, they were planned by the statistics: while few leads had contact points (after an
 * ANALYZE of a tenant of 60k leads with none), the planner joined the requests first and probed
 * the GIN index once per request with the whole batch's array as well (0.8 ms a probe: 0.9 s for a
 * batch of 1,100 keys, 90% of the lookup); with the tenant condition beside the `&&` it could also
 * AND the GIN bitmap with a bitmap of the tenant's whole (tenant_id, …) index once any lead
 * matched. Now each search is a MATERIALIZED CTE with the `&&` alone (leakproof since migration 28,
 * so it is the index condition under row-level security), read once, and the tenant and deletion
 * are checked on the few rows it finds. Everything else is migration 27's function as it was.
 *
 * The one-lead lookup (`dedup_candidates`, migration 25) the same way: once plpgsql cached a generic
 * plan for it, each contact-point block was `tenant_id = $1 … LIMIT 20` through the tenant's
 * (tenant_id, lead_score) index, filtering every lead of the tenant for the `&&` (1.36 s at 1M leads,
 * `EXPLAIN ANALYZE` as leadhub_app with plan_cache_mode = force_generic_plan; `npm run bench -- dedup`
 * p95 1.6 s a lead at 1M). Now each is a MATERIALIZED GIN search of its own.
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
      AS r(i int, email text, phone1 text, phone2 text, local text, pan text, company text, name text, by_name boolean)
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
  ), l AS (
    SELECT l.id, l.lead_number, l.first_name, l.last_name, l.email, l.email_canonical, l.phone_e164, l.alt_phone, l.company,
      l.gstin, l.pan, l.city, l.country, l.status, l.owner_id, l.last_activity_at, l.created_at,
      CASE WHEN l.phone_e164 IS NULL THEN 0 ELSE (SELECT count(*) FROM (SELECT 1 FROM leads y WHERE y.tenant_id = p_tenant
        AND y.phone_e164 = l.phone_e164 AND y.deleted_at IS NULL LIMIT 10) s) END::int AS phone_shared_by,
      CASE WHEN l.email_key IS NULL THEN 0 ELSE (SELECT count(*) FROM (SELECT 1 FROM leads y WHERE y.tenant_id = p_tenant
        AND y.email_key = l.email_key AND y.deleted_at IS NULL LIMIT 10) s) END::int AS email_shared_by,
      l.additional_emails, l.additional_email_keys, l.additional_phones
    FROM (SELECT DISTINCT c.id FROM c) ids JOIN leads l ON l.id = ids.id
  )
  SELECT c.i, l.* FROM c JOIN l ON l.id = c.id;
END
$fn$`);
  await knex.raw(`
CREATE OR REPLACE FUNCTION dedup_candidates(p_tenant uuid, p_locks text[], p_email text, p_phone1 text, p_phone2 text, p_local text,
  p_pan text, p_company text, p_name text, p_by_name boolean, p_exclude uuid[])
RETURNS TABLE (id uuid, lead_number text, first_name text, last_name text, email text, email_canonical text, phone_e164 text,
  alt_phone text, company text, gstin text, pan text, city text, country text, status text, owner_id uuid,
  last_activity_at timestamptz, created_at timestamptz, phone_shared_by int, email_shared_by int,
  additional_emails text[], additional_email_keys text[], additional_phones text[])
LANGUAGE plpgsql VOLATILE
SET enable_seqscan = off
AS $fn$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(hashtextextended('dedup-tenant:' || p_tenant, 0));
  PERFORM pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest(p_locks) k ORDER BY 1) s;
  IF p_by_name THEN PERFORM set_config('pg_trgm.similarity_threshold', '0.6', true); END IF;
  RETURN QUERY
  WITH ce AS MATERIALIZED (
    SELECT x.id, x.tenant_id, x.deleted_at FROM leads x WHERE p_email IS NOT NULL AND x.additional_email_keys @> ARRAY[p_email]
  ), cp AS MATERIALIZED (
    SELECT x.id, x.tenant_id, x.deleted_at FROM leads x WHERE x.additional_phones && array_remove(ARRAY[p_phone1, p_phone2], NULL)
  ), c AS (
    (SELECT x.id FROM leads x WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.email_key = p_email LIMIT 20)
    UNION (SELECT x.id FROM leads x WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.phone_e164 IN (p_phone1, p_phone2) LIMIT 20)
    UNION (SELECT x.id FROM leads x WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.alt_phone IN (p_phone1, p_phone2) LIMIT 20)
    UNION (SELECT x.id FROM ce x WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL LIMIT 20)
    UNION (SELECT x.id FROM cp x WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL LIMIT 20)
    UNION (SELECT x.id FROM leads x WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.email_local = p_local LIMIT 20)
    UNION (SELECT x.id FROM leads x WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.pan = p_pan LIMIT 20)
    UNION (SELECT n.id FROM (
        (SELECT x.id, x.name_key FROM leads x WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.company_key = p_company
           AND x.name_key >= p_name ORDER BY x.name_key LIMIT 10)
        UNION ALL
        (SELECT x.id, x.name_key FROM leads x WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.company_key = p_company
           AND x.name_key < p_name ORDER BY x.name_key DESC LIMIT 5)
      ) n WHERE similarity(n.name_key, p_name) >= 0.3)
    UNION (SELECT x.id FROM leads x WHERE p_by_name AND x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.name_key % p_name
           ORDER BY x.name_key <-> p_name LIMIT 10)
  )
  SELECT l.id, l.lead_number, l.first_name, l.last_name, l.email, l.email_canonical, l.phone_e164, l.alt_phone, l.company,
    l.gstin, l.pan, l.city, l.country, l.status, l.owner_id, l.last_activity_at, l.created_at,
    CASE WHEN l.phone_e164 IS NULL THEN 0 ELSE (SELECT count(*) FROM (SELECT 1 FROM leads y WHERE y.tenant_id = p_tenant
      AND y.phone_e164 = l.phone_e164 AND y.deleted_at IS NULL LIMIT 10) s) END::int,
    CASE WHEN l.email_key IS NULL THEN 0 ELSE (SELECT count(*) FROM (SELECT 1 FROM leads y WHERE y.tenant_id = p_tenant
      AND y.email_key = l.email_key AND y.deleted_at IS NULL LIMIT 10) s) END::int,
    l.additional_emails, l.additional_email_keys, l.additional_phones
  FROM c JOIN leads l ON l.id = c.id
  WHERE p_exclude IS NULL OR l.id <> ALL (p_exclude);
END
$fn$`);
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}

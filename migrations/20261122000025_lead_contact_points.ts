import type { Knex } from "knex";

/**
 * Merges keep every contact point: an email or phone a returning person brings that the lead does
 * not have is kept on the lead as an additional one (docs/dedup.md, Outcomes). `additional_phones`
 * holds E.164 numbers; `additional_email_keys` the dedup keys of `additional_emails` (computed in
 * JavaScript, as `email_key` is). Both under GIN indexes, read by the candidate lookups, so the
 * person writing again from either address or number is found. Frozen copies of the two lookup
 * functions of migrations 4 and 5, each with the two blocks more.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE leads
    ADD COLUMN additional_emails text[] NOT NULL DEFAULT '{}',
    ADD COLUMN additional_email_keys text[] NOT NULL DEFAULT '{}',
    ADD COLUMN additional_phones text[] NOT NULL DEFAULT '{}'`);
  await knex.raw("CREATE INDEX leads_additional_email_keys ON leads USING gin (additional_email_keys)");
  await knex.raw("CREATE INDEX leads_additional_phones ON leads USING gin (additional_phones)");
  await knex.raw("DROP FUNCTION dedup_candidates(uuid, text[], text, text, text, text, text, text, text, boolean, uuid[])");
  await knex.raw(CANDIDATES_FUNCTION);
  await knex.raw(BATCH_CANDIDATES_FUNCTION);
}

const CANDIDATES_FUNCTION = `
CREATE FUNCTION dedup_candidates(p_tenant uuid, p_locks text[], p_email text, p_phone1 text, p_phone2 text, p_local text,
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
  WITH c AS (
    (SELECT x.id FROM leads x WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.email_key = p_email LIMIT 20)
    UNION (SELECT x.id FROM leads x WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.phone_e164 IN (p_phone1, p_phone2) LIMIT 20)
    UNION (SELECT x.id FROM leads x WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.alt_phone IN (p_phone1, p_phone2) LIMIT 20)
    UNION (SELECT x.id FROM leads x WHERE p_email IS NOT NULL AND x.additional_email_keys @> ARRAY[p_email]
           AND x.tenant_id = p_tenant AND x.deleted_at IS NULL LIMIT 20)
    UNION (SELECT x.id FROM leads x WHERE x.additional_phones && array_remove(ARRAY[p_phone1, p_phone2], NULL)
           AND x.tenant_id = p_tenant AND x.deleted_at IS NULL LIMIT 20)
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
$fn$`;

const BATCH_CANDIDATES_FUNCTION = `
CREATE OR REPLACE FUNCTION dedup_batch_candidates(p_tenant uuid, p_emails text[], p_phones text[])
RETURNS SETOF leads
LANGUAGE plpgsql VOLATILE
SET enable_seqscan = off
AS $fn$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('dedup-tenant:' || p_tenant, 0));
  RETURN QUERY
  WITH ids AS (
    SELECT x.id FROM unnest(p_emails) k CROSS JOIN LATERAL
      (SELECT l.id FROM leads l WHERE l.tenant_id = p_tenant AND l.deleted_at IS NULL AND l.email_key = k LIMIT 10) x
    UNION
    SELECT x.id FROM unnest(p_phones) k CROSS JOIN LATERAL
      (SELECT l.id FROM leads l WHERE l.tenant_id = p_tenant AND l.deleted_at IS NULL AND l.phone_e164 = k LIMIT 10) x
    UNION
    SELECT x.id FROM unnest(p_phones) k CROSS JOIN LATERAL
      (SELECT l.id FROM leads l WHERE l.tenant_id = p_tenant AND l.deleted_at IS NULL AND l.alt_phone = k LIMIT 10) x
    UNION
    SELECT x.id FROM unnest(p_emails) k CROSS JOIN LATERAL
      (SELECT l.id FROM leads l WHERE l.additional_email_keys @> ARRAY[k] AND l.tenant_id = p_tenant AND l.deleted_at IS NULL LIMIT 10) x
    UNION
    SELECT x.id FROM unnest(p_phones) k CROSS JOIN LATERAL
      (SELECT l.id FROM leads l WHERE l.additional_phones @> ARRAY[k] AND l.tenant_id = p_tenant AND l.deleted_at IS NULL LIMIT 10) x
  )
  SELECT l.* FROM ids JOIN leads l ON l.id = ids.id;
END
$fn$`;

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}

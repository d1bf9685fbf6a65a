import type { Knex } from "knex";

/**
 * Tenant isolation in PostgreSQL itself: a row is visible, and may be written, only when its tenant is
 * in the connection's `leadhub.tenants` scope (core/tenant-scope.ts), or the scope is "*" (the system's
 * sweeps). FORCE makes the table's owner obey it too; only superusers and BYPASSRLS roles skip it, and
 * the app's role is neither (migrations/app-role.ts, core/db.ts).
 */
export function tenantVisible(column: string) {
  // Sub-selects: PostgreSQL reads the setting once per query (an InitPlan), not once per row.
  return `((SELECT current_setting('leadhub.tenants', true) = '*')
    OR ${column} = ANY (CAST((SELECT coalesce(nullif(nullif(current_setting('leadhub.tenants', true), '*'), ''), '{}')::uuid[]) AS uuid[])))`;
}

/** Row-level security on one table; a migration adding a tenant table calls it (a test checks that every one does). */
export async function isolateTenants(knex: Knex, table: string, column = "tenant_id") {
  await knex.raw(`ALTER TABLE ?? ENABLE ROW LEVEL SECURITY`, [table]);
  await knex.raw(`ALTER TABLE ?? FORCE ROW LEVEL SECURITY`, [table]);
  const visible = tenantVisible(`"${column}"`);
  await knex.raw(`CREATE POLICY tenant_isolation ON ?? USING ${visible} WITH CHECK ${visible}`, [table]);
}

/** The functions our indexed conditions use, marked LEAKPROOF below (bench/rls.ts measures without them). */
export const LEAKPROOF = ["lower(text)", "similarity_op(text, text)", "ts_match_vq(tsvector, tsquery)"];

export async function up(knex: Knex): Promise<void> {
  const { rows } = await knex.raw<{ rows: { table_name: string }[] }>(`
    SELECT c.table_name FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = current_schema() AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE'
    ORDER BY 1`);
  for (const { table_name } of rows) await isolateTenants(knex, table_name);
  await isolateTenants(knex, "tenants", "id");

  // Under RLS, a query's own conditions run after the policy unless their functions are LEAKPROOF,
  // and so cannot use an index: these are the ones our indexes serve (lower() expression indexes,
  // trigram name matching in dedup, lead search). None can fail or tell anything about a row but by
  // its result. Only a superuser may mark them; without, every answer stays right, only slower.
  const {
    rows: [me],
  } = await knex.raw<{ rows: { rolsuper: boolean }[] }>("SELECT rolsuper FROM pg_roles WHERE rolname = current_user");
  if (me.rolsuper) for (const fn of LEAKPROOF) await knex.raw(`ALTER FUNCTION ${fn} LEAKPROOF`);
  else
    console.warn(`not a superuser: mark ${LEAKPROOF.join(", ")} LEAKPROOF as one, or lead search and dedup by name scan a tenant's leads`);

  // ANALYZE is the owner's; the app asks for it after big writes (core/dedup/stats.ts, imports).
  await knex.raw(`CREATE FUNCTION analyze_leads(p_columns text[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
    BEGIN
      IF p_columns IS NULL THEN
        ANALYZE leads;
      ELSE
        EXECUTE format('ANALYZE leads (%s)', (SELECT string_agg(quote_ident(c), ', ') FROM unnest(p_columns) c));
      END IF;
    END $$`);
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}

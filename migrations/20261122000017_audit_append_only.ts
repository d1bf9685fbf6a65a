import type { Knex } from "knex";

/**
 * The audit log is evidence: append-only in the database itself, whoever connects (no UPDATE,
 * DELETE or TRUNCATE), and listed newest first per tenant for the console.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'the audit log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$`);
  await knex.raw(
    "CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
  );
  await knex.raw(
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()",
  );
  await knex.raw("CREATE INDEX audit_log_tenant_time ON audit_log (tenant_id, created_at)");
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}

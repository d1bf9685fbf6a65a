import type { Knex } from "knex";
import { isolateTenants } from "./20261122000018_row_level_security.ts";

/**
 * Sessions on the server: a token names one row here and is good only while that row is open and its
 * user may still sign in. Whatever changes what a user may do (password, active, deleted, role,
 * platform admin, tenant, address) ends their sessions by trigger, in the change's own transaction,
 * whichever path made it: the API, a job, psql. Disabling a tenant ends its users' sessions.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("user_sessions", (t) => {
    // The token's `jti`, made by the API before it signs the token.
    t.uuid("id").primary();
    t.uuid("tenant_id").notNullable().references("tenants.id");
    t.uuid("user_id").notNullable().references("users.id").onDelete("CASCADE");
    t.timestamp("expires_at", { useTz: true }).notNullable();
    t.timestamp("ended_at", { useTz: true });
    t.text("end_reason").checkIn(["logout", "logout_all", "revoked", "account_changed", "tenant_disabled"]);
    t.timestamp("created_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(["user_id", "expires_at"]);
  });
  await isolateTenants(knex, "user_sessions");

  await knex.raw(`CREATE FUNCTION end_user_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE user_sessions SET ended_at = now(), end_reason = 'account_changed', updated_at = now()
      WHERE user_id = NEW.id AND ended_at IS NULL;
      RETURN NULL;
    END $$`);
  await knex.raw(`CREATE TRIGGER users_end_sessions AFTER UPDATE ON users FOR EACH ROW
    WHEN (OLD.password_hash IS DISTINCT FROM NEW.password_hash OR OLD.is_active IS DISTINCT FROM NEW.is_active
      OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at OR OLD.role IS DISTINCT FROM NEW.role
      OR OLD.is_platform_admin IS DISTINCT FROM NEW.is_platform_admin OR OLD.tenant_id IS DISTINCT FROM NEW.tenant_id
      OR lower(OLD.email) IS DISTINCT FROM lower(NEW.email))
    EXECUTE FUNCTION end_user_sessions()`);

  await knex.raw(`CREATE FUNCTION end_tenant_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE user_sessions SET ended_at = now(), end_reason = 'tenant_disabled', updated_at = now()
      WHERE tenant_id = NEW.id AND ended_at IS NULL;
      RETURN NULL;
    END $$`);
  await knex.raw(`CREATE TRIGGER tenants_end_sessions AFTER UPDATE ON tenants FOR EACH ROW
    WHEN (OLD.is_active IS DISTINCT FROM NEW.is_active OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
    EXECUTE FUNCTION end_tenant_sessions()`);
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}

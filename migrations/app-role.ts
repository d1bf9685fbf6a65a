import type { Knex } from "knex";

/**
 * Creates the app's role when missing and grants it the data, nothing more: it owns no table and may
 * not bypass row-level security, so tenant isolation holds whatever query it runs. Run by the owner
 * after every migration, so new tables are granted too.
 */
export async function grantAppRole(owner: Knex, appUrl: string): Promise<void> {
  // Roles are the cluster's: processes (or test runs) starting together race on them; a retry settles it.
  for (let attempt = 1; ; attempt++) {
    try {
      return await owner.transaction(async (trx) => {
        await trx.raw("SELECT pg_advisory_xact_lock(hashtext('leadhub.app-role'))");
        await grant(trx, appUrl);
      });
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (attempt >= 5 || !["XX000", "40001", "40P01", "42710", "23505"].includes(code ?? "")) throw e;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}

async function grant(owner: Knex, appUrl: string) {
  const url = new URL(appUrl);
  const role = decodeURIComponent(url.username);
  const password = url.password ? decodeURIComponent(url.password) : null;
  const { rows } = await owner.raw<{ rows: { rolsuper: boolean; rolbypassrls: boolean }[] }>(
    "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = ?",
    [role],
  );
  if (!rows.length) {
    await owner.raw("CREATE ROLE ?? LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE", [role]).catch((e) => {
      if (e.code !== "42501") throw e;
      throw new Error(
        `cannot create the app's database role ${role}: give DATABASE_URL's user CREATEROLE, or create a role for the app (not the owner, no BYPASSRLS) and set APP_DATABASE_URL`,
      );
    });
  } else if (rows[0].rolsuper || rows[0].rolbypassrls) {
    throw new Error(`the app's database role ${role} is a superuser or may bypass row-level security: give the app a role of its own`);
  }
  const owns = await owner.raw<{ rows: unknown[] }>(
    "SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tableowner = ? LIMIT 1",
    [role],
  );
  if (owns.rows.length) throw new Error(`the app's database role ${role} owns tables: migrate as another role`);

  // Names and literals quoted by PostgreSQL's format(): DDL takes no parameters.
  const ddl = async (db: Knex, template: string, ...args: string[]) => {
    const {
      rows: [{ text }],
    } = await db.raw<{ rows: { text: string }[] }>(`SELECT format(${template}) AS text`, args);
    await db.raw(text);
  };
  const sql = (template: string, ...args: string[]) => ddl(owner, template, ...args);
  // Changing a role needs CREATEROLE: an owner without it (the app's role made by an administrator) goes on without.
  if (password) {
    await owner
      .transaction((savepoint) => ddl(savepoint, "'ALTER ROLE %I PASSWORD %L', ?::text, ?::text", role, password))
      .catch((e) => {
        if (e.code !== "42501") throw e;
        console.warn(`not allowed to set the password of role ${role}: ${e.message}`);
      });
  }
  await sql("'GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', current_database(), ?::text", role);
  await sql("'GRANT USAGE ON SCHEMA %I TO %I', current_schema(), ?::text", role);
  await sql("'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', current_schema(), ?::text", role);
  await sql("'GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema(), ?::text", role);
  await sql("'REVOKE ALL ON knex_migrations, knex_migrations_lock FROM %I', ?::text", role);
}

import type { Knex } from "knex";

/**
 * The contact points merges keep (migration 25) are found with `&&` and `@>` on their GIN indexes.
 * Under row-level security a condition runs after the tenant policy unless its function is
 * LEAKPROOF, so those two kept their indexes only for the owner: for the app, every lookup read
 * every lead of the tenant (each intake batch, each import batch, each scan batch). They are
 * marked as migration 18 marked its functions: comparing two arrays raises no error that depends
 * on the values, and leadhub's arrays are text. Only a superuser may; otherwise a warning says so.
 */
export const CONTACT_POINT_FUNCTIONS = ["arrayoverlap(anyarray, anyarray)", "arraycontains(anyarray, anyarray)"];

export async function up(knex: Knex): Promise<void> {
  const {
    rows: [me],
  } = await knex.raw<{ rows: { rolsuper: boolean }[] }>("SELECT rolsuper FROM pg_roles WHERE rolname = current_user");
  if (me.rolsuper) for (const fn of CONTACT_POINT_FUNCTIONS) await knex.raw(`ALTER FUNCTION ${fn} LEAKPROOF`);
  else
    console.warn(
      `not a superuser: mark ${CONTACT_POINT_FUNCTIONS.join(", ")} LEAKPROOF as one, or dedup's contact-point lookups scan a tenant's leads`,
    );
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}

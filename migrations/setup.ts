import type { Knex } from "knex";
import { randomBytes } from "node:crypto";
import type { Logger } from "../core/logger.ts";
import type { DatabaseSetUp, FirstAdmin } from "../core/runtime/boot.ts";
import { createTenantWithAdmin } from "../core/tenancy.ts";
import { backfillDedupKeys } from "../core/dedup/backfill.ts";
import { migrate, type DataSteps } from "./index.ts";
import { seedDemo } from "./seeds/demo.ts";

/**
 * What a process does to its database at start, as the tables' owner: migrations, the first admin
 * when there are no users, and the demo data when asked. Safe from several processes at once
 * (knex's migration lock, the unique email).
 */
export const setUpDatabase: DatabaseSetUp = async (owner, services, { admin, demo }) => {
  const firstAdmin = await bootstrap(owner, services.config.appDatabaseUrl, services.log, admin);
  if (demo) {
    const tenant = firstAdmin ?? (await owner("tenants").orderBy("created_at").first("id as tenantId"));
    if (tenant) await seedDemo(owner, tenant.tenantId, services.log, services.keys.secrets);
  }
  return firstAdmin;
};

/** What migrations need of the app's code (see DataSteps). */
export const dataSteps: DataSteps = { dedupKeys: backfillDedupKeys };

/** Brings a database up to date and, when it has no users, creates the default tenant and the first admin. */
async function bootstrap(db: Knex, appUrl: string, log: Logger, admin: { email?: string; password?: string }): Promise<FirstAdmin | null> {
  const applied = await migrate(db, appUrl, dataSteps);
  if (applied.length) log.info({ applied }, "migrations applied");
  const anyUser = await db("users").first("id");
  if (anyUser) return null;
  const email = admin.email ?? "admin@leadhub.local";
  const generatedPassword = admin.password ? undefined : randomBytes(9).toString("base64url");
  try {
    const { tenant } = await createTenantWithAdmin(db, {
      name: "Default",
      adminEmail: email,
      adminPassword: admin.password ?? generatedPassword!,
      platformAdmin: true,
    });
    // The generated password is shown once by the caller, on the terminal; never in the logs.
    log.info({ email, generated: Boolean(generatedPassword) }, "first admin created");
    return { tenantId: tenant.id, email, generatedPassword };
  } catch (e) {
    // Another process created the first admin a moment earlier.
    const code = (e as { code?: string }).code;
    if (code === "email_taken" || code === "23505") return null;
    throw e;
  }
}

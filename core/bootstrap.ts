import type { Knex } from "knex";
import { randomBytes } from "node:crypto";
import type { Logger } from "./logger.ts";
import { migrate } from "../migrations/index.ts";
import { createTenantWithAdmin } from "./tenancy.ts";

export interface FirstAdmin {
  tenantId: string;
  email: string;
  /** Set only when leadhub made the password up; shown once. */
  generatedPassword?: string;
}

/**
 * Brings a database up to date and, when it has no users, creates the default tenant and the
 * first admin. Safe to run from several processes at once (knex's migration lock, unique email).
 */
export async function bootstrap(
  db: Knex,
  appUrl: string,
  log: Logger,
  admin: { email?: string; password?: string },
): Promise<FirstAdmin | null> {
  const applied = await migrate(db, appUrl);
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

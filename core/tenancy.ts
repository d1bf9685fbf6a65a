import type { Knex } from "knex";
import { asSystem } from "./tenant-scope.ts";
import { randomBytes } from "node:crypto";
import { hashPassword } from "./passwords.ts";
import { conflict } from "./errors.ts";

export interface NewTenant {
  name: string;
  adminEmail: string;
  adminPassword: string;
  adminName?: string;
  /** The first admin of an installation may create further tenants. */
  platformAdmin?: boolean;
}

function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40);
  return `${base || "tenant"}-${randomBytes(3).toString("hex")}`;
}

/** A tenant and its first admin, in one transaction. */
export async function createTenantWithAdmin(db: Knex, t: NewTenant) {
  const passwordHash = await hashPassword(t.adminPassword);
  // A new tenant is the platform's act: its first rows belong to no tenant in scope yet.
  return asSystem(() =>
    db.transaction(async (trx) => {
      const taken = await trx("users").whereRaw("lower(email) = lower(?)", [t.adminEmail]).whereNull("deleted_at").first("id");
      if (taken) throw conflict("email_taken", `a user with email ${t.adminEmail} already exists`);
      const [tenant] = await trx("tenants")
        .insert({ name: t.name, slug: slugify(t.name) })
        .returning("*");
      const [admin] = await trx("users")
        .insert({
          tenant_id: tenant.id,
          email: t.adminEmail.toLowerCase(),
          name: t.adminName ?? "Administrator",
          password_hash: passwordHash,
          role: "admin",
          is_platform_admin: t.platformAdmin ?? false,
        })
        .returning(["id", "tenant_id", "email", "name", "role", "is_platform_admin"]);
      return { tenant, admin };
    }),
  );
}

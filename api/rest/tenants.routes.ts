import { Router } from "express";
import { z } from "zod";
import type { Services } from "../../core/services.ts";
import { requirePlatformAdmin } from "../auth/require-user.ts";
import { createTenantWithAdmin } from "../../core/tenancy.ts";
import { resourceRoutes } from "./resource.ts";
import { asSystem } from "../../core/tenant-scope.ts";

export const tenantCreateSchema = z.object({
  name: z.string().trim().min(1).max(200),
  admin_email: z.email().max(320),
  admin_password: z.string().min(8).max(200),
  admin_name: z.string().trim().min(1).max(200).optional(),
});

/** Tenants belong to the installation: only a platform admin lists or creates them. */
export function tenantsRoutes(services: Services): Router {
  const r = Router();
  // The one place a person works across tenants.
  r.use(requirePlatformAdmin("manages tenants"), (_req, _res, next) => asSystem(() => next()));
  r.post("/", async (req, res) => {
    const d = tenantCreateSchema.parse(req.body ?? {});
    const { tenant, admin } = await createTenantWithAdmin(services.db, {
      name: d.name,
      adminEmail: d.admin_email,
      adminPassword: d.admin_password,
      adminName: d.admin_name,
    });
    res.status(201).json({ ...tenant, admin });
  });
  r.use(
    resourceRoutes(services, {
      name: "tenants",
      table: "tenants",
      columns: ["id", "name", "slug", "default_region", "time_zone", "currency", "is_active", "created_at", "updated_at"],
      filters: ["is_active"],
      sortable: ["name", "created_at"],
      search: { ilike: ["name", "slug"] },
      tenantScoped: false,
    }),
  );
  return r;
}

import { Router } from "express";
import type { Services } from "../../../core/services.ts";
import { nurtureSettingsFrom, nurtureSettingsSchema } from "../../../core/nurture/settings.ts";
import { readTenantSetting, writeTenantSetting } from "../../../core/tenant-settings.ts";
import { requireRole } from "../../auth/require-user.ts";

/** The tenant's nurture settings (GET/PUT /nurture/settings): everyone reads them, an admin changes them. */
export function nurtureSettingsRoutes(services: Services): Router {
  const r = Router();
  const { db, clock } = services;
  r.get("/settings", async (req, res) => {
    res.json(nurtureSettingsFrom(await readTenantSetting(db, req.user!.tenantId, "nurture")));
  });
  r.put("/settings", requireRole("admin"), async (req, res) => {
    const current = nurtureSettingsFrom(await readTenantSetting(db, req.user!.tenantId, "nurture"));
    const body = nurtureSettingsSchema.partial().parse(req.body ?? {});
    const value = nurtureSettingsSchema.parse({ ...current, ...body });
    await writeTenantSetting(db, req.user!, "nurture", value, { now: clock.now(), auditType: "nurture_settings" });
    res.json(value);
  });
  return r;
}

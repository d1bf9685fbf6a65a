import { Router } from "express";
import type { Services } from "../../../core/services.ts";
import { unprocessable } from "../../../core/errors.ts";
import { DEFAULT_MATCH_RULES, matchRulesSchema, rulesFrom } from "../../../core/dedup/rules.ts";
import { readTenantSetting, writeTenantSetting } from "../../../core/tenant-settings.ts";
import { requireRole } from "../../auth/require-user.ts";

/** The tenant's matching rules (GET/PUT /dedup/rules): everyone reads them, an admin changes them. */
export function dedupRulesRoutes(services: Services): Router {
  const r = Router();
  const { db, clock } = services;
  r.get("/rules", async (req, res) => {
    res.json({ rules: rulesFrom(await readTenantSetting(db, req.user!.tenantId, "dedup")), defaults: DEFAULT_MATCH_RULES });
  });
  r.put("/rules", requireRole("admin"), async (req, res) => {
    const parsed = matchRulesSchema.safeParse(req.body ?? {});
    if (!parsed.success)
      throw unprocessable(
        "dedup_invalid_rules",
        "the matching rules are not valid",
        parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      );
    await writeTenantSetting(db, req.user!, "dedup", parsed.data, { now: clock.now(), auditType: "dedup_rules" });
    res.json({ rules: parsed.data, defaults: DEFAULT_MATCH_RULES });
  });
  return r;
}

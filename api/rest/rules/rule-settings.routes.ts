import { Router } from "express";
import type { Services } from "../../../core/services.ts";
import { unprocessable } from "../../../core/errors.ts";
import { assignmentSettingsFrom, assignmentSettingsSchema } from "../../../core/assignment/rules.ts";
import { isTenantUser } from "../../../core/rules/publish.ts";
import { BEHAVIOURS, DEFAULT_SCORING_SETTINGS, scoringSettingsFrom, scoringSettingsSchema } from "../../../core/scoring/score.ts";
import { readTenantSetting, writeTenantSetting } from "../../../core/tenant-settings.ts";
import { requireRole } from "../../auth/require-user.ts";
import { parse, user } from "./rules-common.ts";

/** The tenant's scoring settings (behaviour points, decay): everyone reads them, an admin changes them. */
export function scoringSettingsRoutes(services: Services): Router {
  const r = Router();
  const { db, clock } = services;
  r.get("/", async (req, res) => {
    res.json({
      ...scoringSettingsFrom(await readTenantSetting(db, user(req).tenantId, "scoring")),
      behaviours: BEHAVIOURS,
      defaults: DEFAULT_SCORING_SETTINGS,
    });
  });
  r.put("/", requireRole("admin"), async (req, res) => {
    const body = parse(scoringSettingsSchema, req.body, "scoring_invalid_settings", "the scoring settings");
    const merged = scoringSettingsFrom({ ...scoringSettingsFrom(await readTenantSetting(db, user(req).tenantId, "scoring")), ...body });
    await writeTenantSetting(db, user(req), "scoring", merged, { now: clock.now(), auditType: "scoring_settings" });
    res.json({ ...merged, behaviours: BEHAVIOURS, defaults: DEFAULT_SCORING_SETTINGS });
  });
  return r;
}

/** The tenant's assignment settings (who gets a lead no rule routes): everyone reads them, an admin changes them. */
export function assignmentSettingsRoutes(services: Services): Router {
  const r = Router();
  const { db, clock } = services;
  r.get("/", async (req, res) => {
    res.json(assignmentSettingsFrom(await readTenantSetting(db, user(req).tenantId, "assignment")));
  });
  r.put("/", requireRole("admin"), async (req, res) => {
    const body = parse(assignmentSettingsSchema, req.body, "assignment_invalid_settings", "the assignment settings");
    if (body.fallback_user_id && !(await isTenantUser(db, user(req).tenantId, body.fallback_user_id))) {
      throw unprocessable("assignment_unknown_user", "fallback_user_id is not a user of this tenant");
    }
    const merged = assignmentSettingsFrom({
      ...assignmentSettingsFrom(await readTenantSetting(db, user(req).tenantId, "assignment")),
      ...body,
    });
    await writeTenantSetting(db, user(req), "assignment", merged, { now: clock.now(), auditType: "assignment_settings" });
    res.json(merged);
  });
  return r;
}

import { Router } from "express";
import type { Services } from "../../../core/services.ts";
import { mailStatus } from "../../../core/nurture/mail-status.ts";
import { knownTemplateVariables } from "../../../core/nurture/template-check.ts";
import { activeMailCatcher } from "../../../core/mail-catcher.ts";
import { AppError } from "../../../core/errors.ts";
import { requireRole } from "../../auth/require-user.ts";

/**
 * /nurture/mail: whether mail can go out and how many drip emails wait for it (the console's
 * banner), the variables a template may name (the step editor's list), and the local mail
 * catcher's messages (admin; 404 when the catcher is off).
 */
export function mailStatusRoutes(services: Services): Router {
  const r = Router();
  r.get("/status", async (req, res) => {
    res.json(await mailStatus(services.db, req.user!.tenantId, services.config, services.clock.now()));
  });
  r.get("/template-variables", (_req, res) => {
    res.json(knownTemplateVariables());
  });
  r.get("/caught", requireRole("admin"), (_req, res) => {
    const catcher = activeMailCatcher();
    if (!catcher)
      throw new AppError("not_found", "mail_catcher_off", "The mail catcher is off: it runs under `npm start` without SMTP_URL");
    res.json(catcher.messages());
  });
  return r;
}

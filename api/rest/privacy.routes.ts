import { Router, type Request } from "express";
import { z } from "zod";
import type { Services } from "../../core/services.ts";
import { notFound } from "../../core/errors.ts";
import { exportPerson, findPerson } from "../../core/privacy/person.ts";
import { erasePerson } from "../../core/privacy/erase.ts";
import { requireRole } from "../auth/require-user.ts";
import { audit } from "./audit.ts";
import { redactSecrets } from "../../core/secrets.ts";

export const eraseSchema = z.object({ reason: z.string().trim().max(500).optional() }).strict();

/** GDPR requests about the person behind a lead (under /leads): a copy of everything (art. 15/20), erasure (art. 17). */
export function privacyRoutes(services: Services): Router {
  const r = Router();
  const { db } = services;
  const person = async (req: Request) => {
    const id = String(req.params.id);
    if (!z.uuid().safeParse(id).success) throw notFound("lead");
    // Soft-deleted and merged-away leads too: the person's right does not end with our housekeeping.
    const p = await findPerson(db, req.user!.tenantId, id);
    if (!p) throw notFound("lead");
    return p;
  };

  r.get("/:id/export", requireRole("admin", "manager"), async (req, res) => {
    const p = await person(req);
    const body = await exportPerson(db, p, services.clock.now());
    // Reading a person's whole record is itself worth a line in the audit log (no personal data in it).
    await audit(db, req, "export", "leads", p.leadId, { leads: p.leadIds.length });
    res.setHeader("Content-Disposition", `attachment; filename="lead-${p.leadId}.json"`);
    // The person's data, not our credentials: a vendor key left in an old stored payload stays out.
    res.json(redactSecrets(body));
  });

  r.post("/:id/erase", requireRole("admin"), async (req, res) => {
    const { reason } = eraseSchema.parse(req.body ?? {});
    const p = await person(req);
    const result = await db.transaction(async (trx) => {
      const done = await erasePerson(trx, p, { now: services.clock.now(), userId: req.user!.id });
      await audit(trx, req, "erase", "leads", p.leadId, {
        ...done,
        lead_ids: p.leadIds,
        contact_ids: p.contactIds,
        reason: reason ?? null,
      });
      return done;
    });
    res.json({ id: p.leadId, erased: true, ...result });
  });
  return r;
}

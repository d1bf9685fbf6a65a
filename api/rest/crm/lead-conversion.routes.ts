import { Router, type Request } from "express";
import { z } from "zod";
import type { Services } from "../../../core/services.ts";
import { assertReferences } from "../../../core/access.ts";
import { convertLead, planConversion } from "../../../core/crm/convert.ts";
import { optionalUuid } from "../../../core/schemas.ts";
import { requireRole } from "../../auth/require-user.ts";
import { visibleLead, visibleLeadRow } from "../lead-details.routes.ts";
import { money, SELLERS, text, user } from "./crm-fields.ts";
import { audit } from "../audit.ts";

const overridesSchema = z
  .object({ account_id: optionalUuid, opportunity_name: text(), value: money, stage_id: optionalUuid, owner_id: optionalUuid })
  .strict();

/** A lead converted by hand into account + contact + opportunity, and the preview of what that would make (under /leads). */
export function leadConversionRoutes(services: Services): Router {
  const r = Router();
  const { db, clock } = services;

  /** A conversion's overrides name records: each is checked like any reference. */
  const overrides = async (req: Request, raw: unknown) => {
    const o = overridesSchema.parse(raw ?? {});
    await assertReferences(db, user(req), [
      { column: "account_id", table: "accounts", ids: [o.account_id] },
      { column: "stage_id", table: "pipeline_stages", ids: [o.stage_id] },
      { column: "owner_id", table: "users", ids: [o.owner_id] },
    ]);
    return o;
  };

  r.get("/:id/convert/preview", requireRole(...SELLERS), async (req, res) => {
    const lead = await visibleLeadRow(services, req, String(req.params.id));
    res.json(await planConversion(db, user(req).tenantId, lead, await overrides(req, req.query)));
  });
  r.post("/:id/convert", requireRole(...SELLERS), async (req, res) => {
    const { id } = await visibleLead(services, req, String(req.params.id));
    const chosen = await overrides(req, req.body);
    const out = await db.transaction(async (trx) => {
      const done = await convertLead(trx, {
        tenantId: user(req).tenantId,
        leadId: id,
        userId: user(req).id,
        now: clock.now(),
        why: "Converted by hand",
        overrides: chosen,
      });
      const made = { account_id: { from: null, to: done.account_id }, contact_id: { from: null, to: done.contact_id } };
      if (done.created) await audit(trx, req, "convert", "leads", id, { ...made, opportunity_id: { from: null, to: done.opportunity_id } });
      return done;
    });
    const { created, ...ids } = out;
    res.status(created ? 201 : 200).json(ids);
  });
  return r;
}

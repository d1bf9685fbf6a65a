import { Router } from "express";
import type { Services } from "../../../core/services.ts";
import { leadMerges, undoMerge } from "../../../core/dedup/reviews.ts";
import { requireRole } from "../../auth/require-user.ts";
import { visibleLead } from "../lead-details.routes.ts";
import { DECIDERS } from "./duplicate-reviews.routes.ts";

/** A lead's merge history and undoing its last merge (under /leads). */
export function leadMergeRoutes(services: Services): Router {
  const r = Router();
  r.get("/:id/merges", async (req, res) => {
    const lead = await visibleLead(services, req, req.params.id);
    res.json(await leadMerges(services.db, req.user!.tenantId, lead.id));
  });
  r.post("/:id/merges/undo", requireRole(...DECIDERS), async (req, res) => {
    const lead = await visibleLead(services, req, String(req.params.id));
    const out = await undoMerge(services.db, req.user!, lead.id, services.clock.now());
    res.json({ merge_id: out.mergeId, split_lead_id: out.splitLeadId });
  });
  return r;
}

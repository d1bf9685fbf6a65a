import { Router } from "express";
import { z } from "zod";
import type { Services } from "../../../core/services.ts";
import { recordBehaviour, scoreHistory } from "../../../core/scoring/lead-score.ts";
import { BEHAVIOURS } from "../../../core/scoring/score.ts";
import { visibleLead } from "../lead-details.routes.ts";
import { parse, user } from "./rules-common.ts";

const engagementSchema = z.object({
  type: z.enum(BEHAVIOURS),
  channel: z.string().max(50).nullish(),
  occurred_at: z.coerce.date().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});

/** A lead's score (under /leads): its history, and behaviour reported from outside, which earns points. */
export function leadScoreRoutes(services: Services): Router {
  const r = Router();
  r.get("/:id/score_history", async (req, res) => {
    const lead = await visibleLead(services, req, req.params.id);
    res.json(await scoreHistory(services.db, user(req).tenantId, lead.id));
  });
  r.post("/:id/engagements", async (req, res) => {
    const lead = await visibleLead(services, req, req.params.id);
    const body = parse(engagementSchema, req.body, "engagement_invalid", "the engagement");
    const e = await recordBehaviour(services, {
      tenantId: user(req).tenantId,
      leadId: lead.id,
      type: body.type,
      channel: body.channel,
      data: body.data,
      occurredAt: body.occurred_at,
      now: services.clock.now(),
    });
    res.status(201).json(e);
  });
  return r;
}

import { Router } from "express";
import { z } from "zod";
import type { Services } from "../../../core/services.ts";
import { leadDisplayName } from "../../../core/lead/record.ts";
import { conditionFields, conditionSchema, explainCondition } from "../../../core/rules/condition.ts";
import { visibleLeadRow } from "../lead-details.routes.ts";
import { parse } from "./rules-common.ts";

const testSchema = z.object({ condition: conditionSchema, lead_id: z.uuid(), points: z.number().int().optional() });

/** "Test this condition on a lead" (POST /rules/test): which parts hold and why, on a lead the caller may see. */
export function ruleTestRoutes(services: Services): Router {
  return Router().post("/test", async (req, res) => {
    const body = parse(testSchema, req.body, "rules_invalid_condition", "the condition");
    const lead = await visibleLeadRow(services, req, body.lead_id);
    const explained = explainCondition(body.condition, lead, services.clock.now());
    res.json({
      matched: explained.matched,
      explanation: explained,
      fields: conditionFields(body.condition),
      lead: { id: lead.id, lead_number: lead.lead_number, name: leadDisplayName(lead) },
    });
  });
}

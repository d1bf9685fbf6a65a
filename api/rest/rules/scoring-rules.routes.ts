import { Router } from "express";
import { z } from "zod";
import type { Services } from "../../../core/services.ts";
import { draftScoringRule, nextPosition, publishRules, reorderRules } from "../../../core/rules/publish.ts";
import { scoringDryRun } from "../../../core/rules/dry-run.ts";
import { loadScoringRules } from "../../../core/rules/rule-sets.ts";
import { startRescore } from "../../../core/scoring/lead-score.ts";
import { scoringRuleSchema } from "../../../core/scoring/score.ts";
import { requireRole } from "../../auth/require-user.ts";
import { resourceRoutes } from "../resource.ts";
import { dryRunSchema, EDITORS, parse, READERS, reorderSchema, RULE_OWNERS, user, versioned } from "./rules-common.ts";

/**
 * Scoring rules: a react-admin resource (each change a new version of the set, and a re-score),
 * whole-set publishing, reordering, and a dry run of a changed set over recent leads.
 */
export function scoringRulesRoutes(services: Services): Router {
  const r = Router();
  const { db, clock } = services;

  // Before the resource's PUT /:id, which would take "set" for an id.
  r.put("/set", requireRole(...RULE_OWNERS), async (req, res) => {
    const body = parse(z.object({ rules: z.array(draftScoringRule).max(500) }), req.body, "scoring_invalid_rules", "the scoring rules");
    const version = await publishRules(db, user(req), clock.now(), { kind: "scoring", rules: body.rules });
    const run = await startRescore(services, user(req).tenantId);
    res.json({ version, rescore_run_id: run.id, rules: await loadScoringRules(db, user(req).tenantId) });
  });

  // Scoring adds up every matching rule, so its order is for people only.
  r.post("/reorder", requireRole(...RULE_OWNERS), async (req, res) => {
    const { ids } = parse(reorderSchema, req.body, "rules_invalid_order", "the order");
    await reorderRules(db, user(req), "scoring", ids, () => clock.now());
    res.json(await loadScoringRules(db, user(req).tenantId));
  });

  r.post("/dry_run", requireRole(...EDITORS, "marketer"), async (req, res) => {
    const body = parse(dryRunSchema(draftScoringRule), req.body, "scoring_invalid_rules", "the scoring rules");
    res.json(await scoringDryRun(db, user(req).tenantId, body.rules, body.limit, clock.now()));
  });

  r.use(
    resourceRoutes(services, {
      name: "scoring_rules",
      table: "scoring_rules",
      columns: ["id", "name", "description", "condition", "points", "active", "position", "created_by", "created_at", "updated_at"],
      filters: ["active"],
      sortable: ["position", "name", "points", "created_at", "updated_at"],
      defaultSort: ["position", "asc"],
      search: { ilike: ["name", "description"] },
      readRoles: READERS,
      writeRoles: RULE_OWNERS,
      create: {
        schema: scoringRuleSchema.extend({ position: z.number().int().optional() }),
        toRow: async (d, req) => ({
          ...d,
          condition: JSON.stringify(d.condition),
          position: d.position ?? (await nextPosition(db, "scoring", user(req).tenantId)),
          created_by: user(req).id,
        }),
      },
      update: {
        schema: scoringRuleSchema.extend({ position: z.number().int() }).partial(),
        toRow: (d) => ({ ...d, ...(d.condition ? { condition: JSON.stringify(d.condition) } : {}) }),
      },
      deletable: true,
      ...versioned(services, "scoring"),
    }),
  );
  return r;
}

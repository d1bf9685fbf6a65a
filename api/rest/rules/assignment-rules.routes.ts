import { Router } from "express";
import { z } from "zod";
import type { Services } from "../../../core/services.ts";
import { assignmentRuleSchema, type AssignmentRule } from "../../../core/assignment/rules.ts";
import { checkAssignmentTarget, draftAssignmentRule, nextPosition, publishRules, reorderRules } from "../../../core/rules/publish.ts";
import { assignmentDryRun } from "../../../core/rules/dry-run.ts";
import { loadAssignmentRules } from "../../../core/rules/rule-sets.ts";
import { requireRole } from "../../auth/require-user.ts";
import { resourceRoutes } from "../resource.ts";
import { dryRunSchema, EDITORS, parse, READERS, reorderSchema, RULE_OWNERS, user, versioned } from "./rules-common.ts";

/**
 * Assignment rules: a react-admin resource (each change a new version of the set), whole-set
 * publishing, reordering (their order decides), and a dry run of a changed set over recent leads.
 */
export function assignmentRulesRoutes(services: Services): Router {
  const r = Router();
  const { db, clock } = services;

  // Before the resource's PUT /:id, which would take "set" for an id.
  r.put("/set", requireRole(...RULE_OWNERS), async (req, res) => {
    const body = parse(
      z.object({ rules: z.array(draftAssignmentRule).max(500) }),
      req.body,
      "assignment_invalid_rules",
      "the assignment rules",
    );
    for (const rule of body.rules) await checkAssignmentTarget(db, user(req).tenantId, rule);
    const version = await publishRules(db, user(req), clock.now(), { kind: "assignment", rules: body.rules });
    res.json({ version, rules: await loadAssignmentRules(db, user(req).tenantId) });
  });

  r.post("/reorder", requireRole(...RULE_OWNERS), async (req, res) => {
    const { ids } = parse(reorderSchema, req.body, "rules_invalid_order", "the order");
    const version = await reorderRules(db, user(req), "assignment", ids, () => clock.now());
    res.json({ version, rules: await loadAssignmentRules(db, user(req).tenantId) });
  });

  r.post("/dry_run", requireRole(...EDITORS), async (req, res) => {
    const body = parse(dryRunSchema(draftAssignmentRule), req.body, "assignment_invalid_rules", "the assignment rules");
    res.json(await assignmentDryRun(db, user(req).tenantId, body.rules, body.limit, clock.now()));
  });

  r.use(
    resourceRoutes(services, {
      name: "assignment_rules",
      table: "assignment_rules",
      columns: [
        "id",
        "name",
        "description",
        "priority",
        "condition",
        "target_user_id",
        "target_team_id",
        "strategy",
        "sla_minutes",
        "sla_action",
        "active",
        "created_by",
        "created_at",
        "updated_at",
      ],
      filters: ["active", "target_user_id", "target_team_id", "strategy"],
      sortable: ["priority", "name", "created_at", "updated_at"],
      defaultSort: ["priority", "asc"],
      search: { ilike: ["name", "description"] },
      readRoles: READERS,
      writeRoles: RULE_OWNERS,
      create: {
        schema: assignmentRuleSchema,
        toRow: async (d, req) => {
          await checkAssignmentTarget(db, user(req).tenantId, d as Partial<AssignmentRule>);
          return {
            ...d,
            condition: JSON.stringify(d.condition),
            priority: d.priority ?? (await nextPosition(db, "assignment", user(req).tenantId)),
            created_by: user(req).id,
          };
        },
      },
      update: {
        schema: assignmentRuleSchema.partial(),
        toRow: async (d, before, req) => {
          await checkAssignmentTarget(db, user(req).tenantId, { ...before, ...d });
          return { ...d, ...(d.condition ? { condition: JSON.stringify(d.condition) } : {}) };
        },
      },
      deletable: true,
      ...versioned(services, "assignment"),
    }),
  );
  return r;
}

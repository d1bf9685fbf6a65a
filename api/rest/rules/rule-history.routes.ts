import { Router } from "express";
import type { Services } from "../../../core/services.ts";
import { startRescore } from "../../../core/scoring/lead-score.ts";
import { requireRole } from "../../auth/require-user.ts";
import { resourceRoutes } from "../resource.ts";
import { EDITORS, READERS, user } from "./rules-common.ts";

/** Re-score runs: one started by hand (POST), and each run's progress (read-only). */
export function rescoreRunsRoutes(services: Services): Router {
  const r = Router();
  r.post("/", requireRole(...EDITORS), async (req, res) => {
    res.status(201).json(await startRescore(services, user(req).tenantId));
  });
  r.use(
    resourceRoutes(services, {
      name: "rescore_runs",
      table: "rescore_runs",
      columns: [
        "id",
        "status",
        "rule_version",
        "total",
        "processed",
        "changed",
        "error",
        "started_at",
        "finished_at",
        "created_at",
        "updated_at",
      ],
      filters: ["status"],
      sortable: ["created_at"],
      readRoles: READERS,
      softDeletes: false,
    }),
  );
  return r;
}

/** Every version a rule set has had, with the rules as they stood (read-only). */
export const ruleVersionsRoutes = (services: Services): Router =>
  resourceRoutes(services, {
    name: "rule_versions",
    table: "rule_versions",
    columns: ["id", "kind", "version", "rules", "change", "created_by", "created_at"],
    filters: ["kind", "version"],
    sortable: ["version", "created_at"],
    defaultSort: ["version", "desc"],
    readRoles: READERS,
    softDeletes: false,
  });

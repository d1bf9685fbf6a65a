import { Router } from "express";
import { z } from "zod";
import type { Services } from "../../../core/services.ts";
import { startDedupScan } from "../../../core/dedup/reviews.ts";
import { requireRole } from "../../auth/require-user.ts";
import { resourceRoutes } from "../resource.ts";
import { DECIDERS } from "./duplicate-reviews.routes.ts";

const scanSchema = z.object({ auto_merge: z.boolean().default(true) }).strict();

/** Duplicate scans over the tenant's leads: one started by hand (POST), and each scan's progress. */
export function dedupScansRoutes(services: Services): Router {
  const r = Router();
  r.post("/", requireRole(...DECIDERS), async (req, res) => {
    const body = scanSchema.parse(req.body ?? {});
    res.status(201).json(await startDedupScan(services, req.user!, body.auto_merge));
  });
  r.use(
    resourceRoutes(services, {
      name: "dedup_scans",
      table: "dedup_scans",
      columns: [
        "id",
        "status",
        "total",
        "processed",
        "merged",
        "reviews",
        "auto_merge",
        "error",
        "requested_by",
        "started_at",
        "finished_at",
        "created_at",
        "updated_at",
      ],
      filters: ["status"],
      sortable: ["created_at"],
      readRoles: ["admin", "manager", "marketer"],
      softDeletes: false,
    }),
  );
  return r;
}

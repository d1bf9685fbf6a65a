import { Router } from "express";
import type { Services } from "../../core/services.ts";
import { queueNames } from "../../core/queues.ts";
import { unavailable } from "../../core/errors.ts";
import { requirePlatformAdmin } from "../auth/require-user.ts";

/** Queue depths for the console's queues page: installation-wide (tenants share the queues), so a platform admin's. */
export function queuesRoutes(services: Services): Router {
  const r = Router();
  r.use(requirePlatformAdmin("sees the installation's queues"));
  r.get("/", async (_req, res) => {
    try {
      const rows = await Promise.all(
        queueNames.map(async (name) => {
          const q = services.queues.get(name);
          const [counts, paused] = await Promise.all([
            q.getJobCounts("waiting", "active", "delayed", "failed", "completed", "prioritized", "waiting-children"),
            q.isPaused(),
          ]);
          return {
            name,
            waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts["waiting-children"] ?? 0),
            active: counts.active ?? 0,
            delayed: counts.delayed ?? 0,
            failed: counts.failed ?? 0,
            completed: counts.completed ?? 0,
            paused,
          };
        }),
      );
      res.json(rows);
    } catch {
      throw unavailable("Redis is unavailable, retry shortly");
    }
  });
  return r;
}

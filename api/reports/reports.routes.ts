import { Router } from "express";
import type { Services } from "../../core/services.ts";

/** The reports people decide with (docs/journey.md): funnel, sources, campaigns, bookings, ledgers, milestones, engagement, KPIs. */
export function reportsRoutes(_services: Services): Router {
  return Router();
}

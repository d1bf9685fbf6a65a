import { Router } from "express";
import type { Services } from "../../core/services.ts";

/** Milestones, engagements, campaigns, lead sources, unit inventory, bookings and ledger entries (docs/journey.md). */
export function journeyRoutes(_services: Services): Router {
  return Router();
}

import { Router } from "express";
import type { z } from "zod";
import type { Services } from "../../../core/services.ts";
import { boardSummary, leadSummaryFilter, opportunitySummaryFilter, type Board } from "../../../core/crm/board.ts";
import { parseFilter } from "../list-query.ts";

/**
 * A board's column figures (GET /summary), exact however few cards are loaded. Mounted ahead of
 * its resource, whose /:id would take "summary" for an id.
 */
const boardRoutes = (services: Services, board: Board, filterSchema: z.ZodType<Record<string, unknown>>): Router =>
  Router().get("/summary", async (req, res) => {
    const filter = parseFilter(req.query as Record<string, unknown>, filterSchema, {});
    res.json(await boardSummary(services.db, req.user!, board, filter));
  });

/** The lead board's columns: leads per status, with their budget. */
export const leadBoardRoutes = (services: Services) => boardRoutes(services, "leads", leadSummaryFilter);
/** The deal board's columns: deals per stage, with their value. */
export const opportunityBoardRoutes = (services: Services) => boardRoutes(services, "opportunities", opportunitySummaryFilter);

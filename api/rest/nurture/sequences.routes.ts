import { Router } from "express";
import { z } from "zod";
import type { Services } from "../../../core/services.ts";
import { unprocessable } from "../../../core/errors.ts";
import { enrolMany } from "../../../core/nurture/enrollments.ts";
import { previewEmail } from "../../../core/nurture/preview.ts";
import { scheduleSoon } from "../../../core/nurture/schedule.ts";
import { sequenceSchema } from "../../../core/nurture/sequence.ts";
import {
  createSequence,
  deleteSequence,
  SEQUENCE_COLUMNS,
  sequenceOf,
  STEP_COLUMNS,
  updateSequence,
  withSteps,
} from "../../../core/nurture/sequence-store.ts";
import { sequenceStats, statsRangeSchema } from "../../../core/nurture/stats.ts";
import { requireRole } from "../../auth/require-user.ts";
import { leadsResource } from "../leads.resource.ts";
import { resourceRoutes } from "../resource.ts";
import { chosenIds } from "../resource-query.ts";
import { WRITERS } from "./nurture-roles.ts";

const previewSchema = z.object({
  subject: z.string().max(998).nullish(),
  body_text: z.string().max(200_000).nullish(),
  body_html: z.string().max(500_000).nullish(),
  lead_id: z.uuid(),
});
const enrolSchema = z
  .object({ lead_ids: z.array(z.uuid()).max(100_000).optional(), filter: z.record(z.string(), z.unknown()).optional() })
  .strict();

/** Drip sequences with their versioned steps, a template preview, per-sequence stats, and enrolling leads by hand. */
export function sequencesRoutes(services: Services): Router {
  const r = Router();
  const { db, clock } = services;
  const leadSpec = leadsResource(services);

  // Renders templates of the caller's choosing: for those who may write them, never a rep.
  r.post("/preview", requireRole(...WRITERS), async (req, res) => {
    const d = previewSchema.parse(req.body ?? {});
    res.json(await previewEmail(db, req.user!, d, d.lead_id, services.config.publicUrl));
  });

  r.post("/", requireRole(...WRITERS), async (req, res) => {
    const d = sequenceSchema.parse(req.body ?? {});
    res.status(201).json(await createSequence(db, req.user!, d));
  });

  r.get("/:id", async (req, res, next) => {
    // Not an id ("export.csv"): the resource routes below answer it.
    if (!z.uuid().safeParse(req.params.id).success) return next();
    res.json(await withSteps(db, await sequenceOf(db, req.user!.tenantId, req.params.id)));
  });

  r.put("/:id", requireRole(...WRITERS), async (req, res) => {
    const d = sequenceSchema.partial().parse(req.body ?? {});
    res.json(await updateSequence(db, req.user!, req.params.id, d, () => clock.now()));
  });

  r.delete("/:id", requireRole(...WRITERS), async (req, res) => {
    res.json(await deleteSequence(db, req.user!, req.params.id, () => clock.now()));
  });

  r.get("/:id/stats", async (req, res) => {
    const seq = await sequenceOf(db, req.user!.tenantId, req.params.id);
    const range = statsRangeSchema.parse({ from: req.query.from, to: req.query.to });
    res.json(await sequenceStats(db, req.user!.tenantId, seq, range));
  });

  r.post("/:id/enroll", requireRole("admin", "manager", "marketer", "rep"), async (req, res) => {
    const d = enrolSchema.parse(req.body ?? {});
    if (!d.lead_ids && !d.filter) throw unprocessable("enroll_nothing_chosen", "give lead_ids or a leads filter");
    const seq = await sequenceOf(db, req.user!.tenantId, req.params.id);
    // The leads the caller may see (a rep: their own), chosen by id or by the leads list's filter.
    const ids = await chosenIds(db, leadSpec, req, { ids: d.lead_ids, filter: d.filter }, 100_000);
    const result = await enrolMany(db, req.user!, seq, ids, () => clock.now());
    await scheduleSoon(services.queues, clock, services.log, result.enrolled);
    const skipped = Object.values(result.skipped).reduce((a, b) => a + b, 0);
    res.json({ matched: ids.length, enrolled: result.enrolled.length, skipped, skipped_by_reason: result.skipped });
  });

  r.use(
    resourceRoutes(services, {
      name: "sequences",
      table: "sequences",
      columns: SEQUENCE_COLUMNS,
      filters: ["status"],
      sortable: ["created_at", "updated_at", "name", "status"],
      search: { ilike: ["name", "description"] },
    }),
  );
  return r;
}

/** Every version's steps of every sequence (read-only: steps change by saving their sequence). */
export const sequenceStepsRoutes = (services: Services): Router =>
  resourceRoutes(services, {
    name: "sequence_steps",
    table: "sequence_steps",
    columns: ["id", "sequence_id", "version", ...STEP_COLUMNS, "created_at"],
    filters: ["sequence_id", "version", "type"],
    sortable: ["step", "version", "created_at"],
    defaultSort: ["step", "asc"],
    softDeletes: false,
  });

import { Router, type Request } from "express";
import { z } from "zod";
import type { Services } from "../../core/services.ts";
import { notFound } from "../../core/errors.ts";
import { visibleRows } from "../../core/access.ts";
import { leadAttachment, leadTimeline, leadTrace } from "../../core/lead/story.ts";

/** The lead itself, as its caller may see it (tenant, soft delete, a rep's own leads). */
export async function visibleLead(services: Services, req: Request, id: string) {
  if (!z.uuid().safeParse(id).success) throw notFound("lead");
  const lead = await visibleRows(services.db, "leads", [id], req.user!).first("id");
  if (!lead) throw notFound("lead");
  return lead as { id: string };
}

/** The whole lead row, as its caller may see it: for routes that read its fields (a preview, a rule test). */
export async function visibleLeadRow(services: Services, req: Request, id: string) {
  if (!z.uuid().safeParse(id).success) throw notFound("lead");
  const lead = await visibleRows(services.db, "leads", [id], req.user!).first();
  if (!lead) throw notFound("lead");
  return lead;
}

/** One lead's story: its timeline (activities, submissions, files, milestones) and its pipeline trace (jobs). */
export function leadDetailRoutes(services: Services): Router {
  const r = Router();
  const { db } = services;

  r.get("/:id/timeline", async (req, res) => {
    const lead = await visibleLead(services, req, req.params.id);
    res.json(await leadTimeline(db, req.user!.tenantId, lead.id));
  });

  // An attachment that came with an enquiry (mail), as it arrived.
  r.get("/:id/attachments/:attachmentId", async (req, res) => {
    const lead = await visibleLead(services, req, req.params.id);
    if (!z.uuid().safeParse(req.params.attachmentId).success) throw notFound("attachment");
    const f = await leadAttachment(db, req.user!.tenantId, lead.id, req.params.attachmentId);
    if (!f || !f.content) throw notFound("attachment");
    res.setHeader("Content-Type", "application/octet-stream");
    res.setHeader("Content-Disposition", `attachment; filename="${String(f.filename ?? "attachment").replace(/[^\w.-]+/g, "_")}"`);
    res.send(f.content);
  });

  r.get("/:id/trace", async (req, res) => {
    const lead = await visibleLead(services, req, req.params.id);
    res.json(await leadTrace(db, req.user!.tenantId, lead.id));
  });
  return r;
}

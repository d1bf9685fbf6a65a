import { Router, type Request } from "express";
import { z } from "zod";
import type { Services } from "../../core/services.ts";
import { notFound } from "../../core/errors.ts";
import { visibleRows } from "../../core/access.ts";

/** The lead itself, as its caller may see it (tenant, soft delete, a rep's own leads). */
export async function visibleLead(services: Services, req: Request, id: string) {
  if (!z.uuid().safeParse(id).success) throw notFound("lead");
  const lead = await visibleRows(services.db, "leads", [id], req.user!).first("id");
  if (!lead) throw notFound("lead");
  return lead as { id: string };
}

/** One lead's story: its timeline (activities, submissions, files, milestones) and its pipeline trace (jobs). */
export function leadDetailRoutes(services: Services): Router {
  const r = Router();
  const { db } = services;

  r.get("/:id/timeline", async (req, res) => {
    const lead = await visibleLead(services, req, req.params.id);
    const activities = db("activities as a")
      .leftJoin("users as u", "u.id", "a.actor_user_id")
      .where({ "a.tenant_id": req.user!.tenantId, "a.record_type": "lead", "a.record_id": lead.id })
      .whereNull("a.deleted_at")
      .select(db.raw("a.id, 'activity' as kind, a.type, a.action, a.title, a.body, a.occurred_at, u.name as actor_name, a.data"));
    const submissions = db("lead_submissions as s")
      .where({ "s.tenant_id": req.user!.tenantId, "s.lead_id": lead.id })
      .select(db.raw("s.id, 'submission' as kind, 'submission' as type, 'lead.submitted' as action, 'Submission via ' || s.channel as title, null as body, s.created_at as occurred_at, null as actor_name, s.data"));
    const attachments = db("attachments as f")
      .where({ "f.tenant_id": req.user!.tenantId, "f.lead_id": lead.id })
      .select(db.raw("f.id, 'attachment' as kind, 'attachment' as type, 'lead.attachment' as action, coalesce(f.filename, 'attachment') as title, null as body, f.created_at as occurred_at, null as actor_name, jsonb_build_object('content_type', f.content_type, 'size', f.size, 'kept', f.content IS NOT NULL, 'inbound_event_id', f.inbound_event_id) as data"));
    const milestones = db("milestones as m")
      .where({ "m.tenant_id": req.user!.tenantId, "m.record_type": "lead", "m.record_id": lead.id })
      .whereNull("m.deleted_at")
      .select(db.raw("m.id, 'milestone' as kind, 'milestone' as type, 'milestone.' || m.kind as action, m.title, m.notes as body, m.occurred_at, null as actor_name, m.data"));
    // Imported leads carry their file and row instead of one timeline row each (imports write millions).
    const imported = db("leads as l")
      .join("imports as i", "i.id", "l.import_id")
      .where({ "l.id": lead.id })
      .select(db.raw("i.id, 'activity' as kind, 'submission' as type, 'lead.imported' as action, 'Imported from ' || i.filename || ' (row ' || l.import_row || ')' as title, null as body, l.created_at as occurred_at, null as actor_name, jsonb_build_object('import_id', i.id, 'row', l.import_row) as data"));
    const rows = await db.unionAll([activities, submissions, attachments, milestones, imported], true).orderBy("occurred_at", "desc").limit(500);
    res.json(rows);
  });

  // An attachment that came with an enquiry (mail), as it arrived.
  r.get("/:id/attachments/:attachmentId", async (req, res) => {
    const lead = await visibleLead(services, req, req.params.id);
    if (!z.uuid().safeParse(req.params.attachmentId).success) throw notFound("attachment");
    const f = await db("attachments").where({ id: req.params.attachmentId, lead_id: lead.id, tenant_id: req.user!.tenantId }).first();
    if (!f || !f.content) throw notFound("attachment");
    res.setHeader("Content-Type", "application/octet-stream");
    res.setHeader("Content-Disposition", `attachment; filename="${String(f.filename ?? "attachment").replace(/[^\w.-]+/g, "_")}"`);
    res.send(f.content);
  });

  r.get("/:id/trace", async (req, res) => {
    const lead = await visibleLead(services, req, req.params.id);
    const rows = await db("job_runs")
      .where({ tenant_id: req.user!.tenantId, lead_id: lead.id })
      .orderBy("started_at", "asc")
      .limit(500)
      .select("id", "queue", "job_id", "attempt", "outcome", "detail", "started_at", "duration_ms");
    res.json(rows);
  });
  return r;
}

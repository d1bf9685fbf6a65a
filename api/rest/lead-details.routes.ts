import { Router, type Request } from "express";
import { z } from "zod";
import type { Services } from "../../core/services.ts";
import { notFound } from "../../core/errors.ts";

/** The lead itself, as its caller may see it (tenant, soft delete, a rep's own leads). */
export async function visibleLead(services: Services, req: Request, id: string) {
  if (!z.uuid().safeParse(id).success) throw notFound("lead");
  const q = services.db("leads").where({ id, tenant_id: req.user!.tenantId }).whereNull("deleted_at");
  if (req.user!.role === "rep") q.where("owner_id", req.user!.id);
  const lead = await q.first("id");
  if (!lead) throw notFound("lead");
  return lead as { id: string };
}

/** One lead's story: its timeline (activities and submissions) and its pipeline trace (jobs). */
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
    const rows = await db.unionAll([activities, submissions], true).orderBy("occurred_at", "desc").limit(500);
    res.json(rows);
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

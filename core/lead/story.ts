import type { Knex } from "knex";

/**
 * One lead's timeline: its activities, submissions, files and milestones, and the import row it came
 * from, newest first, in one UNION ALL.
 */
export function leadTimeline(db: Knex, tenantId: string, leadId: string, limit = 500) {
  const activities = db("activities as a")
    .leftJoin("users as u", "u.id", "a.actor_user_id")
    .where({ "a.tenant_id": tenantId, "a.record_type": "lead", "a.record_id": leadId })
    .whereNull("a.deleted_at")
    .select(db.raw("a.id, 'activity' as kind, a.type, a.action, a.title, a.body, a.occurred_at, u.name as actor_name, a.data"));
  const submissions = db("lead_submissions as s")
    .where({ "s.tenant_id": tenantId, "s.lead_id": leadId })
    .select(
      db.raw(
        "s.id, 'submission' as kind, 'submission' as type, 'lead.submitted' as action, 'Submission via ' || s.channel as title, null as body, s.created_at as occurred_at, null as actor_name, s.data",
      ),
    );
  const attachments = db("attachments as f")
    .where({ "f.tenant_id": tenantId, "f.lead_id": leadId })
    .select(
      db.raw(
        "f.id, 'attachment' as kind, 'attachment' as type, 'lead.attachment' as action, coalesce(f.filename, 'attachment') as title, null as body, f.created_at as occurred_at, null as actor_name, jsonb_build_object('content_type', f.content_type, 'size', f.size, 'kept', f.content IS NOT NULL, 'inbound_event_id', f.inbound_event_id) as data",
      ),
    );
  const milestones = db("milestones as m")
    .where({ "m.tenant_id": tenantId, "m.record_type": "lead", "m.record_id": leadId })
    .whereNull("m.deleted_at")
    .select(
      db.raw(
        "m.id, 'milestone' as kind, 'milestone' as type, 'milestone.' || m.kind as action, m.title, m.notes as body, m.occurred_at, null as actor_name, m.data",
      ),
    );
  // Imported leads carry their file and row instead of one timeline row each (imports write millions).
  const imported = db("leads as l")
    .join("imports as i", "i.id", "l.import_id")
    .where({ "l.id": leadId })
    .select(
      db.raw(
        "i.id, 'activity' as kind, 'submission' as type, 'lead.imported' as action, 'Imported from ' || i.filename || ' (row ' || l.import_row || ')' as title, null as body, l.created_at as occurred_at, null as actor_name, jsonb_build_object('import_id', i.id, 'row', l.import_row) as data",
      ),
    );
  return db.unionAll([activities, submissions, attachments, milestones, imported], true).orderBy("occurred_at", "desc").limit(limit);
}

/** An attachment that came with an enquiry (mail), with its content; undefined if the lead has none by that id. */
export const leadAttachment = (db: Knex, tenantId: string, leadId: string, attachmentId: string) =>
  db("attachments").where({ id: attachmentId, lead_id: leadId, tenant_id: tenantId }).first();

/** The lead's pipeline trace: every job run about it, oldest first. */
export const leadTrace = (db: Knex, tenantId: string, leadId: string, limit = 500) =>
  db("job_runs")
    .where({ tenant_id: tenantId, lead_id: leadId })
    .orderBy("started_at", "asc")
    .limit(limit)
    .select("id", "queue", "job_id", "attempt", "outcome", "detail", "started_at", "duration_ms");

import type { Knex } from "knex";
import { z } from "zod";
import { scopeByDeal, scopeByLead, scopeByRecord, visibleRows, type Viewer } from "../access.ts";
import { notFound } from "../errors.ts";

export type CrmRecord = "account" | "contact" | "opportunity";

/**
 * One timeline for an account, contact or deal: activities (the record's, and for an account its
 * contacts' and deals'), tasks made and done, stage moves, and from the leads they came from,
 * submissions, emails and score changes. Newest first, the lead timeline's shape. Each part is cut
 * by the visibility rule: a rep reading a shared account sees nothing of other reps' deals and leads.
 */
export async function recordTimeline(db: Knex, viewer: Viewer, type: CrmRecord, id: string, limit = 500) {
  const tenantId = viewer.tenantId;
  const scope = await recordScope(db, tenantId, type, id);
  const t = { tenant_id: tenantId };
  const activities = db("activities as a")
    .leftJoin("users as u", "u.id", "a.actor_user_id")
    .where("a.tenant_id", tenantId)
    .whereIn("a.record_id", scope.records)
    .whereNull("a.deleted_at")
    .modify((q) => scopeByRecord(q, "a", viewer))
    .select(db.raw("a.id::text, 'activity' as kind, a.type, a.action, a.title, a.body, a.occurred_at, u.name as actor_name, a.data"));
  // Tasks appear twice: when made, and (if done) when done.
  const tasks = () =>
    db("tasks as k")
      .where(t)
      .whereIn("record_id", scope.records)
      .whereNull("deleted_at")
      .modify((q) => scopeByRecord(q, "k", viewer, "owner_id"));
  const tasksMade = tasks().select(
    db.raw(
      "k.id::text, 'task' as kind, 'task' as type, 'task.created' as action, 'Task: ' || k.title as title, k.body, k.created_at as occurred_at, null as actor_name, jsonb_build_object('due_at', k.due_at, 'required', k.required, 'done_at', k.done_at) as data",
    ),
  );
  const tasksDone = tasks()
    .whereNotNull("done_at")
    .select(
      db.raw(
        "k.id::text || ':done', 'task' as kind, 'task' as type, 'task.done' as action, 'Done: ' || k.title as title, null as body, k.done_at as occurred_at, null as actor_name, '{}'::jsonb as data",
      ),
    );
  const moves = db("stage_history as h")
    .join("pipeline_stages as s", "s.id", "h.to_stage_id")
    .leftJoin("users as u", "u.id", "h.changed_by")
    .where("h.tenant_id", tenantId)
    .whereIn("h.opportunity_id", scope.records)
    .modify((q) => scopeByDeal(q, "h.opportunity_id", viewer))
    .select(
      db.raw(
        "h.id::text, 'stage' as kind, 'stage' as type, 'opportunity.stage' as action, 'Stage: ' || s.name as title, null as body, h.created_at as occurred_at, u.name as actor_name, jsonb_build_object('opportunity_id', h.opportunity_id, 'to', s.id, 'from', h.from_stage_id) as data",
      ),
    );
  // The rows of the leads the record came from, each table cut by the lead visibility rule.
  const ofLeads = (table: string, alias: string, columns: string) =>
    db(`${table} as ${alias}`)
      .where(t)
      .whereIn("lead_id", scope.leads)
      .modify((q) => scopeByLead(q, `${alias}.lead_id`, viewer))
      .select(db.raw(columns));
  const submissions = ofLeads(
    "lead_submissions",
    "b",
    "b.id::text, 'submission' as kind, 'submission' as type, 'lead.submitted' as action, 'Submission via ' || b.channel as title, null as body, b.created_at as occurred_at, null as actor_name, jsonb_build_object('lead_id', b.lead_id) as data",
  );
  const emails = ofLeads(
    "email_messages",
    "e",
    "e.id::text, 'email' as kind, 'email' as type, 'email.' || e.direction as action, coalesce(e.subject, '(no subject)') as title, null as body, coalesce(e.sent_at, e.created_at) as occurred_at, null as actor_name, jsonb_build_object('lead_id', e.lead_id, 'status', e.status) as data",
  );
  const scores = ofLeads(
    "score_history",
    "c",
    "c.id::text, 'score' as kind, 'score' as type, 'lead.scored' as action, 'Score ' || c.previous_score || ' → ' || c.score || ' (' || c.grade || ')' as title, c.cause as body, c.created_at as occurred_at, null as actor_name, jsonb_build_object('lead_id', c.lead_id, 'reason', c.reason) as data",
  );
  return db
    .unionAll([activities, tasksMade, tasksDone, moves, submissions, emails, scores], true)
    .orderBy("occurred_at", "desc")
    .limit(limit);
}

/** The records and leads a record's story takes in. */
async function recordScope(db: Knex, tenantId: string, type: CrmRecord, id: string): Promise<{ records: string[]; leads: string[] }> {
  const t = { tenant_id: tenantId };
  if (type === "opportunity") {
    const o = await db("opportunities")
      .where({ ...t, id })
      .first("lead_id");
    return { records: [id], leads: o?.lead_id ? [o.lead_id] : [] };
  }
  if (type === "contact") {
    const [c, deals] = await Promise.all([
      db("contacts")
        .where({ ...t, id })
        .first("lead_id"),
      db("opportunities")
        .where({ ...t, primary_contact_id: id })
        .whereNull("deleted_at")
        .select("id", "lead_id"),
    ]);
    return { records: [id, ...deals.map((d) => d.id)], leads: [c?.lead_id, ...deals.map((d) => d.lead_id)].filter(Boolean) };
  }
  const [contacts, deals] = await Promise.all([
    db("contacts")
      .where({ ...t, account_id: id })
      .whereNull("deleted_at")
      .select("id", "lead_id"),
    db("opportunities")
      .where({ ...t, account_id: id })
      .whereNull("deleted_at")
      .select("id", "lead_id"),
  ]);
  return {
    records: [id, ...contacts.map((c) => c.id), ...deals.map((d) => d.id)],
    leads: [...new Set([...contacts, ...deals].map((r) => r.lead_id).filter(Boolean))],
  };
}

const TABLES: Record<CrmRecord, string> = { account: "accounts", contact: "contacts", opportunity: "opportunities" };

/** A record's timeline, when the viewer may see the record itself; not found otherwise. */
export async function visibleRecordTimeline(db: Knex, viewer: Viewer, type: CrmRecord, id: string) {
  if (!z.uuid().safeParse(id).success || !(await visibleRows(db, TABLES[type], [id], viewer).first("id"))) throw notFound(type);
  return recordTimeline(db, viewer, type, id);
}

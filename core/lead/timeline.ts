import type { Knex } from "knex";
import type { RecordType } from "../vocabulary.ts";

export interface TimelineEntry {
  type?: string;
  action: string;
  title: string;
  body?: string | null;
  data?: object;
  actorUserId?: string | null;
  /** A lead's by default; accounts, contacts and opportunities have timelines too. */
  recordType?: RecordType;
}

/** One entry on a lead's timeline as an activities row (to insert with others in one statement). */
export function timelineRow(tenantId: string, leadId: string, at: Date, entry: TimelineEntry) {
  return {
    tenant_id: tenantId,
    record_type: entry.recordType ?? "lead",
    record_id: leadId,
    type: entry.type ?? "system",
    action: entry.action,
    title: entry.title.slice(0, 300),
    body: entry.body ?? null,
    data: entry.data ?? {},
    actor_user_id: entry.actorUserId ?? null,
    occurred_at: at,
    created_at: at,
    updated_at: at,
  };
}

/** One entry on a lead's timeline (activities), written in the caller's transaction. */
export function addTimelineEntry(db: Knex, tenantId: string, leadId: string, at: Date, entry: TimelineEntry) {
  const row = timelineRow(tenantId, leadId, at, entry);
  return db("activities").insert({ ...row, data: JSON.stringify(row.data) });
}

import type { Knex } from "knex";
import { dayEnd, dayStart, rate, type ReportScope } from "./scope.ts";

/**
 * Engagements in the range (occurred_at, tenant days) per type and channel: count, responses
 * (response_received), response rate, average duration in minutes (of those that have one).
 * owner_id, source and campaign are the engaged lead's.
 */
export async function engagementStats(db: Knex, s: ReportScope) {
  const [fromSql, fromB] = dayStart(s.tz, s.from!);
  const [toSql, toB] = dayEnd(s.tz, s.to!);
  const w = ["e.tenant_id = ?", "e.deleted_at IS NULL", `e.occurred_at >= ${fromSql}`, `e.occurred_at < ${toSql}`];
  const b: Knex.RawBinding[] = [s.tenantId, ...fromB, ...toB];
  const byLead = s.ownerId || s.source || s.campaign;
  if (s.ownerId) (w.push("l.owner_id = ?"), b.push(s.ownerId));
  if (s.source) (w.push("lower(l.source) = lower(?)"), b.push(s.source));
  if (s.campaign) (w.push("lower(l.campaign) = lower(?)"), b.push(s.campaign));
  const { rows } = await db.raw(
    `SELECT e.type, e.channel, count(*)::int AS count, count(*) FILTER (WHERE e.response_received)::int AS responses,
       round(avg(e.duration_minutes), 1)::float AS average_duration_minutes
     FROM engagements e ${byLead ? "JOIN leads l ON l.id = e.lead_id AND l.deleted_at IS NULL" : ""}
     WHERE ${w.join(" AND ")} GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2`,
    b,
  );
  const out = rows.map((r: { type: string; channel: string | null; count: number; responses: number; average_duration_minutes: number | null }) => ({
    ...r,
    response_rate: rate(r.responses, r.count),
  }));
  const count = out.reduce((n: number, r: { count: number }) => n + r.count, 0);
  const responses = out.reduce((n: number, r: { responses: number }) => n + r.responses, 0);
  return { from: s.from, to: s.to, rows: out, total: { count, responses, response_rate: rate(responses, count) } };
}

export const ENGAGEMENT_COLUMNS = ["type", "channel", "count", "responses", "response_rate", "average_duration_minutes"];

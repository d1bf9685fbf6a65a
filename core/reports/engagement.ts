import type { Knex } from "knex";
import { addCondition, engagementFacts } from "./facts.ts";
import { dayEnd, dayStart, rate, type ReportScope } from "./scope.ts";

/**
 * Engagements in the range (occurred_at, tenant days) per type and channel: count, responses
 * (response_received), response rate, average duration in minutes (of those that have one).
 * owner_id, source and campaign are the engaged lead's: whole months come from the engagement cube
 * (which splits by owner), the rest live; with a source or campaign the whole range is read live.
 */
export async function engagementStats(db: Knex, s: ReportScope) {
  const facts = s.source || s.campaign ? byLeadFacts(s) : await engagementFacts(db, s);
  const { rows } = await db.raw(
    `SELECT type, channel, sum(count)::int AS count, sum(responses)::int AS responses,
       round(sum(duration_sum)::numeric / nullif(sum(duration_count), 0), 1)::float AS average_duration_minutes
     FROM (${facts.sql}) f GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2`,
    facts.bindings,
  );
  const out = rows.map(
    (r: { type: string; channel: string | null; count: number; responses: number; average_duration_minutes: number | null }) => ({
      ...r,
      response_rate: rate(r.responses, r.count),
    }),
  );
  const count = out.reduce((n: number, r: { count: number }) => n + r.count, 0);
  const responses = out.reduce((n: number, r: { responses: number }) => n + r.responses, 0);
  return { from: s.from, to: s.to, rows: out, total: { count, responses, response_rate: rate(responses, count) } };
}

export const ENGAGEMENT_COLUMNS = ["type", "channel", "count", "responses", "response_rate", "average_duration_minutes"];

/** The engagements of the range whose lead matches the owner, source or campaign filter, one row each. */
function byLeadFacts(s: ReportScope) {
  const [fromSql, fromB] = dayStart(s.tz, s.from!);
  const [toSql, toB] = dayEnd(s.tz, s.to!);
  const w = ["e.tenant_id = ?", "e.deleted_at IS NULL", `e.occurred_at >= ${fromSql}`, `e.occurred_at < ${toSql}`];
  const b: Knex.RawBinding[] = [s.tenantId, ...fromB, ...toB];
  // The matching leads' ids as a semi-join: an owner's come from the owner index alone.
  const lw = ["tenant_id = ?", "deleted_at IS NULL"];
  b.push(s.tenantId);
  if (s.ownerId) addCondition(lw, b, "owner_id = ?", s.ownerId);
  if (s.source) addCondition(lw, b, "lower(source) = lower(?)", s.source);
  if (s.campaign) addCondition(lw, b, "lower(campaign) = lower(?)", s.campaign);
  return {
    sql: `SELECT e.type, e.channel, 1 AS count, e.response_received::int AS responses, coalesce(e.duration_minutes, 0) AS duration_sum,
        (e.duration_minutes IS NOT NULL)::int AS duration_count
      FROM engagements e WHERE ${w.join(" AND ")} AND e.lead_id IN (SELECT id FROM leads WHERE ${lw.join(" AND ")})`,
    bindings: b,
  };
}

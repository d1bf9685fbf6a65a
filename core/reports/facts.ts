import type { Knex } from "knex";
import { dayEnd, dayStart, type ReportScope } from "./scope.ts";

/**
 * How far down the funnel a lead has come, from what it is now (leads keep no status history):
 * 5 converted; 4 negotiation (a negotiation or proposal milestone); 3 qualified; 2 contacted (any
 * status but new, or a first contact); 1 new. One number per lead makes every stage a subset of the
 * one before, so stage-to-stage rates never exceed 100 %.
 */
export const depthSql = (l: string) => `CASE
  WHEN ${l}.converted_at IS NOT NULL OR ${l}.status = 'converted' THEN 5
  WHEN EXISTS (SELECT 1 FROM milestones m WHERE m.record_type = 'lead' AND m.record_id = ${l}.id
    AND m.kind IN ('negotiation', 'proposal') AND m.deleted_at IS NULL) THEN 4
  WHEN ${l}.status = 'qualified' THEN 3
  WHEN ${l}.status <> 'new' OR ${l}.first_contacted_at IS NOT NULL THEN 2
  ELSE 1 END`;

export const STAGES = ["new", "contacted", "qualified", "negotiation", "converted"] as const;

/**
 * The leads behind a report as (day, source, subsource, campaign, status, depth, leads) rows:
 * from the daily rollup for the days it holds, and live from `leads` for the days since (today) —
 * or entirely live when the report is one owner's (a rep's own, or owner_id), which the rollup
 * does not split by. Answers SQL for a subquery and its bindings.
 */
export async function leadFacts(db: Knex, s: ReportScope): Promise<{ sql: string; bindings: Knex.RawBinding[] }> {
  const state = s.ownerId
    ? undefined
    : await db("report_rollup_state").where("tenant_id", s.tenantId).first("through_day", "time_zone", db.raw("to_char(through_day, 'YYYY-MM-DD') AS through"));
  // A rollup made in another time zone has other days: read live until the job rebuilds it.
  const through: string | null = state && state.time_zone === s.tz ? state.through : null;
  const parts: string[] = [];
  const bindings: Knex.RawBinding[] = [];
  const textFilters = (q: string[], b: Knex.RawBinding[], prefix: string) => {
    if (s.source) (q.push(`lower(${prefix}source) = lower(?)`), b.push(s.source));
    if (s.campaign) (q.push(`lower(${prefix}campaign) = lower(?)`), b.push(s.campaign));
  };
  if (through && (!s.from || s.from < through)) {
    const where = ["tenant_id = ?", "day < ?"];
    const b: Knex.RawBinding[] = [s.tenantId, through];
    if (s.from) (where.push("day >= ?"), b.push(s.from));
    if (s.to) (where.push("day <= ?"), b.push(s.to));
    textFilters(where, b, "");
    parts.push(`SELECT day, source, subsource, campaign, status, depth, leads FROM report_lead_days WHERE ${where.join(" AND ")}`);
    bindings.push(...b);
  }
  const liveFrom = through && (!s.from || s.from < through) ? through : s.from;
  if (!(through && s.to && s.to < through)) {
    const where = ["l.tenant_id = ?", "l.deleted_at IS NULL"];
    const b: Knex.RawBinding[] = [s.tz, s.tenantId];
    if (liveFrom) {
      const [sql, bb] = dayStart(s.tz, liveFrom);
      where.push(`l.created_at >= ${sql}`);
      b.push(...bb);
    }
    if (s.to) {
      const [sql, bb] = dayEnd(s.tz, s.to);
      where.push(`l.created_at < ${sql}`);
      b.push(...bb);
    }
    if (s.ownerId) (where.push("l.owner_id = ?"), b.push(s.ownerId));
    textFilters(where, b, "l.");
    parts.push(`SELECT (l.created_at AT TIME ZONE ?)::date AS day, l.source, l.subsource, l.campaign, l.status, ${depthSql("l")} AS depth, 1 AS leads
      FROM leads l WHERE ${where.join(" AND ")}`);
    bindings.push(...b);
  }
  if (!parts.length) return { sql: "SELECT NULL::date AS day, NULL::text AS source, NULL::text AS subsource, NULL::text AS campaign, NULL::text AS status, NULL::int AS depth, 0 AS leads WHERE false", bindings: [] };
  return { sql: parts.join("\nUNION ALL\n"), bindings };
}

/** Changes to old leads made by transactions still open when a refresh started are caught by the next one. */
const OVERLAP = "5 minutes";

/**
 * Brings a tenant's rollup up to the start of today (tenant time): the days since the last run, and
 * every older day whose leads changed (status, deletion, a negotiation milestone) since then. The
 * first run, or a changed time zone, rebuilds it all. One run at a time per tenant.
 */
export async function refreshLeadRollup(db: Knex, tenantId: string): Promise<{ days: number | "all"; rows: number }> {
  return db.transaction(async (trx) => {
    await trx.raw("SELECT pg_advisory_xact_lock(hashtext('report-rollup'), hashtext(?))", [tenantId]);
    const { rows: [t] } = await trx.raw(
      `SELECT time_zone AS tz, to_char(now() AT TIME ZONE time_zone, 'YYYY-MM-DD') AS today FROM tenants WHERE id = ?`,
      [tenantId],
    );
    const state = await trx("report_rollup_state").where("tenant_id", tenantId).first("time_zone", "refreshed_at", db.raw("to_char(through_day, 'YYYY-MM-DD') AS through"));
    const insertAll = () =>
      trx.raw(
        `INSERT INTO report_lead_days (tenant_id, day, source, subsource, campaign, status, depth, leads)
         SELECT l.tenant_id, (l.created_at AT TIME ZONE ?)::date, l.source, l.subsource, l.campaign, l.status, ${depthSql("l")}, count(*)
         FROM leads l WHERE l.tenant_id = ? AND l.deleted_at IS NULL AND l.created_at < ((?::date)::timestamp AT TIME ZONE ?)
         GROUP BY 1, 2, 3, 4, 5, 6, 7`,
        [t.tz, tenantId, t.today, t.tz],
      );
    let days: number | "all";
    let result: { rowCount?: number } | null;
    if (!state || state.time_zone !== t.tz) {
      await trx("report_lead_days").where("tenant_id", tenantId).delete();
      result = await insertAll();
      days = "all";
    } else {
      // Days whose leads changed since the last run, and the days that have ended since.
      const { rows } = await trx.raw(
        `SELECT array_agg(DISTINCT d::text) AS days FROM (
           SELECT (l.created_at AT TIME ZONE ?)::date AS d FROM leads l
             WHERE l.tenant_id = ? AND l.updated_at > ?::timestamptz - interval '${OVERLAP}'
           UNION SELECT (l.created_at AT TIME ZONE ?)::date FROM milestones m JOIN leads l ON l.id = m.record_id
             WHERE m.tenant_id = ? AND m.record_type = 'lead' AND m.kind IN ('negotiation', 'proposal')
               AND m.updated_at > ?::timestamptz - interval '${OVERLAP}'
           UNION SELECT generate_series(?::date, ?::date - 1, interval '1 day')::date) x
         WHERE d < ?::date`,
        [t.tz, tenantId, state.refreshed_at, t.tz, tenantId, state.refreshed_at, state.through, t.today, t.today],
      );
      const list: string[] = rows[0].days ?? [];
      await trx.raw("DELETE FROM report_lead_days WHERE tenant_id = ? AND day = ANY(?::date[])", [tenantId, list]);
      result = null;
      days = list.length;
      if (list.length) {
        // One index range of leads per day to redo.
        result = await trx.raw(
          `INSERT INTO report_lead_days (tenant_id, day, source, subsource, campaign, status, depth, leads)
           SELECT l.tenant_id, d.day, l.source, l.subsource, l.campaign, l.status, ${depthSql("l")}, count(*)
           FROM unnest(?::date[]) d(day)
           JOIN leads l ON l.tenant_id = ? AND l.created_at >= (d.day::timestamp AT TIME ZONE ?) AND l.created_at < ((d.day + 1)::timestamp AT TIME ZONE ?)
           WHERE l.deleted_at IS NULL
           GROUP BY 1, 2, 3, 4, 5, 6, 7`,
          [list, tenantId, t.tz, t.tz],
        );
      }
    }
    await trx.raw(
      `INSERT INTO report_rollup_state (tenant_id, through_day, time_zone, refreshed_at) VALUES (?, ?, ?, now())
       ON CONFLICT (tenant_id) DO UPDATE SET through_day = excluded.through_day, time_zone = excluded.time_zone, refreshed_at = excluded.refreshed_at`,
      [tenantId, t.today, t.tz],
    );
    return { days, rows: result?.rowCount ?? 0 };
  });
}

import type { Knex } from "knex";
import { dayStart, type ReportScope } from "./scope.ts";

/**
 * How far down the funnel a lead has come, from what it is now (leads keep no status history):
 * 5 converted; 4 negotiation (a negotiation or proposal milestone, kept on the lead as
 * negotiation_at); 3 qualified; 2 contacted (any status but new, or a first contact); 1 new. One
 * number per lead makes every stage a subset of the one before, so stage-to-stage rates never
 * exceed 100 %.
 */
export const depthSql = (l: string) => `CASE
  WHEN ${l}.converted_at IS NOT NULL OR ${l}.status = 'converted' THEN 5
  WHEN ${l}.negotiation_at IS NOT NULL THEN 4
  WHEN ${l}.status = 'qualified' THEN 3
  WHEN ${l}.status <> 'new' OR ${l}.first_contacted_at IS NOT NULL THEN 2
  ELSE 1 END`;

export const STAGES = ["new", "contacted", "qualified", "negotiation", "converted"] as const;

/** What a report splits or filters leads by (source always with its subsource). */
export type Dim = "owner" | "source" | "campaign";

/**
 * The cuts the monthly cube keeps, smallest first: `grain` is GROUPING(owner_id, source, subsource,
 * campaign) of the row. A report reads the first cut holding every dimension it needs; one needing
 * an owner together with a source or campaign reads one owner's leads live (a few per cent of them).
 */
const CUTS: { grain: number; dims: Dim[] }[] = [
  { grain: 0b1111, dims: [] },
  { grain: 0b1001, dims: ["source"] },
  { grain: 0b1110, dims: ["campaign"] },
  { grain: 0b0111, dims: ["owner"] },
  { grain: 0b1000, dims: ["source", "campaign"] },
];
const GROUPING_SETS = ["", "src, sub, ", "cmp, ", "owner_id, ", "src, sub, cmp, "]
  .map((by) => `(tenant_id, month, ${by}status, depth)`)
  .join(", ");

// ---- days and months (tenant-local, YYYY-MM-DD) ----------------------------------------------

const iso = (d: Date) => d.toISOString().slice(0, 10);
const utc = (day: string) => new Date(`${day}T00:00:00Z`);
const addDays = (day: string, n: number) => iso(new Date(utc(day).getTime() + n * 86_400_000));
const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
const nextMonth = (day: string) => {
  const d = utc(monthStart(day));
  d.setUTCMonth(d.getUTCMonth() + 1);
  return iso(d);
};

/** Days [from, until): either end open (null). */
export interface Span {
  from: string | null;
  until: string | null;
}

/**
 * Splits an inclusive day range into the whole months a cube holding the days before `through` can
 * answer (month starts in [cube.from, cube.until)), and the days around them read live. A month is
 * whole if the range covers it up to its end or up to `through`, whichever comes first.
 */
export function splitRange(from: string | null, to: string | null, through: string | null): { cube: Span | null; live: Span[] } {
  const until = to && addDays(to, 1);
  if (!through) return { cube: null, live: [{ from, until }] };
  const start = from == null ? null : from === monthStart(from) ? from : nextMonth(from);
  const end = until == null || through <= until ? through : monthStart(until);
  if (start != null && start >= end) return { cube: null, live: [{ from, until }] };
  const live: Span[] = [];
  if (from != null && start != null && from < start) live.push({ from, until: start });
  if (until == null || end < until) live.push({ from: end, until });
  return { cube: { from: start, until: end }, live };
}

/** The cube's state for a tenant: days before `through` are in it (null: none usable in this time zone). */
async function cubeThrough(db: Knex, s: ReportScope): Promise<string | null> {
  const state = await db("report_rollup_state")
    .where("tenant_id", s.tenantId)
    .first("time_zone", db.raw("to_char(through_day, 'YYYY-MM-DD') AS through"));
  // A cube made in another time zone has other months: read live until the job rebuilds it.
  return state && state.time_zone === s.tz ? state.through : null;
}

interface Sql {
  sql: string;
  bindings: Knex.RawBinding[];
}

/** `col` within a span of tenant days, added to a WHERE list and its bindings. */
function inSpan(where: string[], b: Knex.RawBinding[], col: string, tz: string, span: Span) {
  for (const [day, op] of [
    [span.from, ">="],
    [span.until, "<"],
  ] as const) {
    if (!day) continue;
    const [sql, bb] = dayStart(tz, day);
    addCondition(where, b, `${col} ${op} ${sql}`, ...bb);
  }
}

/** One owner's lead ids, read from the owner index alone (bindings: tenant, owner). */
/** A condition and its bindings, added together so they cannot drift apart. */
export function addCondition(where: string[], bindings: Knex.RawBinding[], sql: string, ...values: Knex.RawBinding[]): void {
  where.push(sql);
  bindings.push(...values);
}

export const ownLeads = "SELECT id FROM leads WHERE tenant_id = ? AND owner_id = ? AND deleted_at IS NULL";

/**
 * The leads behind a report, as rows of (day, owner_id, source, subsource, campaign, source_label,
 * subsource_label, status, depth, leads, bookings, units, booked_amount): whole months from the
 * cube (day = the month's first), the rest live from `leads`, one row per lead. source, subsource
 * and campaign are case-folded keys ('' for none), the labels a spelling to show. `dims`: what the
 * report groups by; the scope's filters are added to it. Group by month or coarser, never by day.
 * The booking columns are 0 on live rows unless `bookings` is asked for.
 */
export async function leadFacts(db: Knex, s: ReportScope, dims: Dim[] = [], o: { bookings?: boolean } = {}): Promise<Sql> {
  const needs = new Set<Dim>(dims);
  if (s.ownerId) needs.add("owner");
  if (s.source) needs.add("source");
  if (s.campaign) needs.add("campaign");
  const cut = CUTS.find((c) => [...needs].every((d) => c.dims.includes(d)));
  const { cube, live } = splitRange(s.from, s.to, cut ? await cubeThrough(db, s) : null);
  const parts: Sql[] = [];
  const filters = (where: string[], b: Knex.RawBinding[], key: (col: string) => string) => {
    if (s.ownerId) addCondition(where, b, "owner_id = ?", s.ownerId);
    if (s.source) addCondition(where, b, `${key("source")} = lower(?)`, s.source);
    if (s.campaign) addCondition(where, b, `${key("campaign")} = lower(?)`, s.campaign);
  };
  if (cube && cut) {
    const where = ["tenant_id = ?", "grain = ?", "month < ?"];
    const b: Knex.RawBinding[] = [s.tenantId, cut.grain, cube.until];
    if (cube.from) addCondition(where, b, "month >= ?", cube.from);
    filters(where, b, (c) => c);
    parts.push({
      sql: `SELECT month AS day, owner_id, source, subsource, campaign, source_label, subsource_label, status, depth, leads,
          bookings, units, booked_amount FROM report_lead_months WHERE ${where.join(" AND ")}`,
      bindings: b,
    });
  }
  for (const span of live) {
    // Within one month the day is that month's first for every row: no time zone arithmetic per lead.
    const oneMonth = span.from && span.until && span.until <= nextMonth(span.from);
    const where = ["l.tenant_id = ?", "l.deleted_at IS NULL"];
    // Bindings in the order the SQL below names them: the day, the bookings' tenant, then the WHERE.
    const b: Knex.RawBinding[] = [oneMonth ? monthStart(span.from!) : s.tz, ...(o.bookings ? [s.tenantId] : []), s.tenantId];
    inSpan(where, b, "l.created_at", s.tz, span);
    filters(where, b, (c) => `lower(coalesce(l.${c}, ''))`);
    parts.push({
      sql: `SELECT ${oneMonth ? "?::date" : "(l.created_at AT TIME ZONE ?)::date"} AS day, l.owner_id, lower(coalesce(l.source, '')) AS source,
          lower(coalesce(l.subsource, '')) AS subsource, lower(coalesce(l.campaign, '')) AS campaign, l.source AS source_label,
          l.subsource AS subsource_label, l.status, ${depthSql("l")} AS depth, 1 AS leads,
          ${o.bookings ? "coalesce(bk.bookings, 0)" : "0"} AS bookings, ${o.bookings ? "coalesce(bk.units, 0)" : "0"} AS units,
          ${o.bookings ? "coalesce(bk.amount, 0)" : "0::numeric"} AS booked_amount
        FROM leads l ${o.bookings ? `LEFT JOIN (${leadBookings}) bk ON bk.lead_id = l.id` : ""} WHERE ${where.join(" AND ")}`,
      bindings: b,
    });
  }
  return { sql: parts.map((p) => p.sql).join("\nUNION ALL\n"), bindings: parts.flatMap((p) => p.bindings) };
}

/**
 * Engagements in a day range as (type, channel, count, responses, duration_sum, duration_count)
 * rows: whole months from the engagement cube, the edges live. For reports filtered by nothing or
 * by the engaged lead's owner; not by its source or campaign, which the cube does not split by.
 */
export async function engagementFacts(db: Knex, s: ReportScope): Promise<Sql> {
  const { cube, live } = splitRange(s.from, s.to, await cubeThrough(db, s));
  const parts: Sql[] = [];
  if (cube) {
    const where = ["tenant_id = ?", "grain = ?", "month < ?"];
    const b: Knex.RawBinding[] = [s.tenantId, s.ownerId ? 0 : 1, cube.until];
    if (cube.from) addCondition(where, b, "month >= ?", cube.from);
    if (s.ownerId) addCondition(where, b, "owner_id = ?", s.ownerId);
    parts.push({
      sql: `SELECT type, channel, count, responses, duration_sum, duration_count FROM report_engagement_months WHERE ${where.join(" AND ")}`,
      bindings: b,
    });
  }
  for (const span of live) {
    const where = ["tenant_id = ?", "deleted_at IS NULL"];
    const b: Knex.RawBinding[] = [s.tenantId];
    if (s.ownerId) addCondition(where, b, `lead_id IN (${ownLeads})`, s.tenantId, s.ownerId);
    inSpan(where, b, "occurred_at", s.tz, span);
    parts.push({
      sql: `SELECT type, channel, 1 AS count, response_received::int AS responses, coalesce(duration_minutes, 0) AS duration_sum,
          (duration_minutes IS NOT NULL)::int AS duration_count
        FROM engagements WHERE ${where.join(" AND ")}`,
      bindings: b,
    });
  }
  return { sql: parts.map((p) => p.sql).join("\nUNION ALL\n"), bindings: parts.flatMap((p) => p.bindings) };
}

/** Per lead, what it booked (not cancelled): one binding, the tenant. */
const leadBookings = `SELECT lead_id, count(*) AS bookings, sum(units) AS units, sum(amount) AS amount FROM bookings
  WHERE tenant_id = ? AND lead_id IS NOT NULL AND deleted_at IS NULL AND status <> 'cancelled' GROUP BY 1`;

/** Changes to old leads made by transactions still open when a refresh started are caught by the next one. */
const OVERLAP = "5 minutes";

/**
 * Brings a tenant's cubes up to the start of today (tenant time): the months of the days since
 * the last run, and every older month whose leads or engagements changed since then, each rebuilt
 * whole in one set-based pass. The first run, or a changed time zone, rebuilds everything. One run
 * at a time per tenant.
 */
export async function refreshReportCubes(db: Knex, tenantId: string): Promise<{ months: number | "all"; rows: number }> {
  return db.transaction(async (trx) => {
    await trx.raw("SELECT pg_advisory_xact_lock(hashtext('report-rollup'), hashtext(?))", [tenantId]);
    const {
      rows: [t],
    } = await trx.raw(`SELECT time_zone AS tz, to_char(now() AT TIME ZONE time_zone, 'YYYY-MM-DD') AS today FROM tenants WHERE id = ?`, [
      tenantId,
    ]);
    const state = await trx("report_rollup_state")
      .where("tenant_id", tenantId)
      .first("time_zone", "refreshed_at", db.raw("to_char(through_day, 'YYYY-MM-DD') AS through"));
    const all = !state || state.time_zone !== t.tz;
    let months: string[] | null = null;
    if (all) {
      await trx("report_lead_months").where("tenant_id", tenantId).delete();
      await trx("report_engagement_months").where("tenant_id", tenantId).delete();
    } else {
      const since = [state.refreshed_at, OVERLAP] as const;
      const { rows } = await trx.raw(
        `SELECT coalesce(array_agg(DISTINCT m::text), '{}') AS months FROM (
           SELECT date_trunc('month', created_at AT TIME ZONE ?)::date AS m FROM leads WHERE tenant_id = ? AND updated_at > ?::timestamptz - ?::interval
           UNION SELECT date_trunc('month', occurred_at AT TIME ZONE ?)::date FROM engagements WHERE tenant_id = ? AND updated_at > ?::timestamptz - ?::interval
           UNION SELECT date_trunc('month', e.occurred_at AT TIME ZONE ?)::date FROM leads l JOIN engagements e ON e.lead_id = l.id
             WHERE l.tenant_id = ? AND l.updated_at > ?::timestamptz - ?::interval
           UNION SELECT date_trunc('month', l.created_at AT TIME ZONE ?)::date FROM bookings b JOIN leads l ON l.id = b.lead_id
             WHERE b.tenant_id = ? AND b.updated_at > ?::timestamptz - ?::interval
           UNION SELECT generate_series(date_trunc('month', ?::date), ?::date - 1, interval '1 month')::date) x
         WHERE m < ?::date`,
        [
          t.tz,
          tenantId,
          ...since,
          t.tz,
          tenantId,
          ...since,
          t.tz,
          tenantId,
          ...since,
          t.tz,
          tenantId,
          ...since,
          state.through,
          t.today,
          t.today,
        ],
      );
      months = rows[0].months;
      await trx.raw("DELETE FROM report_lead_months WHERE tenant_id = ? AND month = ANY(?::date[])", [tenantId, months]);
      await trx.raw("DELETE FROM report_engagement_months WHERE tenant_id = ? AND month = ANY(?::date[])", [tenantId, months]);
    }
    // The ranges to rebuild: every day before today, or the listed months (each up to today at most).
    const spans = all
      ? "(SELECT NULL::date AS m, '-infinity'::timestamptz AS lo, (?::date)::timestamp AT TIME ZONE ? AS hi) s"
      : `(SELECT m, (m::timestamp AT TIME ZONE ?) AS lo, (least(m + interval '1 month', ?::date)::timestamp AT TIME ZONE ?) AS hi FROM unnest(?::date[]) m) s`;
    const spanB: Knex.RawBinding[] = all ? [t.today, t.tz] : [t.tz, t.today, t.tz, months!];
    const leads = await trx.raw(
      `INSERT INTO report_lead_months (tenant_id, month, grain, owner_id, source, subsource, campaign, source_label, subsource_label, status, depth, leads,
         bookings, units, booked_amount)
       SELECT tenant_id, month, GROUPING(owner_id, src, sub, cmp), owner_id, src, sub, cmp, min(l.source), min(l.subsource), status, depth, count(*),
         coalesce(sum(bk.bookings), 0), coalesce(sum(bk.units), 0), coalesce(sum(bk.amount), 0)
       FROM ${spans} JOIN LATERAL (
         SELECT l.id, l.tenant_id, date_trunc('month', l.created_at AT TIME ZONE ?)::date AS month, l.owner_id, l.source, l.subsource,
           lower(coalesce(l.source, '')) AS src, lower(coalesce(l.subsource, '')) AS sub, lower(coalesce(l.campaign, '')) AS cmp,
           l.status, ${depthSql("l")} AS depth
         FROM leads l WHERE l.tenant_id = ? AND l.deleted_at IS NULL AND l.created_at >= s.lo AND l.created_at < s.hi) l ON true
       LEFT JOIN (${leadBookings}) bk ON bk.lead_id = l.id
       GROUP BY GROUPING SETS (${GROUPING_SETS})`,
      [...spanB, t.tz, tenantId, tenantId],
    );
    await trx.raw(
      `INSERT INTO report_engagement_months (tenant_id, month, grain, owner_id, type, channel, count, responses, duration_sum, duration_count)
       SELECT tenant_id, month, GROUPING(owner_id), owner_id, type, channel, count(*), count(*) FILTER (WHERE response_received),
         coalesce(sum(duration_minutes), 0), count(duration_minutes)
       FROM ${spans} JOIN LATERAL (
         SELECT e.tenant_id, date_trunc('month', e.occurred_at AT TIME ZONE ?)::date AS month, l.owner_id, e.type, e.channel, e.response_received, e.duration_minutes
         FROM engagements e LEFT JOIN leads l ON l.id = e.lead_id AND l.deleted_at IS NULL
         WHERE e.tenant_id = ? AND e.deleted_at IS NULL AND e.occurred_at >= s.lo AND e.occurred_at < s.hi) e ON true
       GROUP BY GROUPING SETS ((tenant_id, month, type, channel), (tenant_id, month, owner_id, type, channel))`,
      [...spanB, t.tz, tenantId],
    );
    await trx.raw(
      `INSERT INTO report_rollup_state (tenant_id, through_day, time_zone, refreshed_at) VALUES (?, ?, ?, now())
       ON CONFLICT (tenant_id) DO UPDATE SET through_day = excluded.through_day, time_zone = excluded.time_zone, refreshed_at = excluded.refreshed_at`,
      [tenantId, t.today, t.tz],
    );
    return { months: months ? months.length : "all", rows: leads.rowCount ?? 0 };
  });
}

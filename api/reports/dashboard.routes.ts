import { Router } from "express";
import type { Services } from "../../core/services.ts";

/** The console's first screen: the day's counts and the last two weeks at a glance. */
export function dashboardRoutes(services: Services): Router {
  const r = Router();
  r.get("/dashboard", async (req, res) => {
    const { db } = services;
    const tenantId = req.user!.tenantId;
    const leads = () => {
      const q = db("leads").where("tenant_id", tenantId).whereNull("deleted_at");
      if (req.user!.role === "rep") q.where("owner_id", req.user!.id);
      return q;
    };
    // Days are the tenant's days (Asia/Kolkata by default), not UTC's.
    const { time_zone: tz } = await db("tenants").where("id", tenantId).first("time_zone");
    const { rows: [bounds] } = await db.raw(
      `SELECT date_trunc('day', ?::timestamptz AT TIME ZONE ?) AT TIME ZONE ? AS today`,
      [services.clock.now(), tz, tz],
    );
    const today: Date = bounds.today;
    const twoWeeks = new Date(today.getTime() - 13 * 86400_000);
    const [totals, perDay, bySource, byStatus, inbound] = await Promise.all([
      leads()
        .first(
          db.raw("count(*)::int as total_leads"),
          db.raw("count(*) filter (where created_at >= ?)::int as new_leads", [today]),
          db.raw("count(*) filter (where status = 'qualified')::int as qualified_leads"),
          db.raw("count(*) filter (where status = 'converted' or converted_at is not null)::int as converted_leads"),
        ),
      leads()
        .where("created_at", ">=", twoWeeks)
        .select(db.raw("to_char(created_at at time zone ?, 'YYYY-MM-DD') as day", [tz]), db.raw("count(*)::int as count"))
        .groupByRaw("1")
        .orderBy("day"),
      leads().select(db.raw("coalesce(source, 'unknown') as source"), db.raw("count(*)::int as count")).groupByRaw("1").orderBy("count", "desc").limit(12),
      leads().select("status", db.raw("count(*)::int as count")).groupBy("status"),
      db("inbound_events")
        .where("tenant_id", tenantId)
        .where("created_at", ">=", today)
        .first(
          db.raw("count(*)::int as received"),
          db.raw("count(*) filter (where status = 'done')::int as done"),
          db.raw("count(*) filter (where status = 'failed')::int as failed"),
        ),
    ]);
    // Days without leads still show, as zeros, so the chart's axis is honest.
    const counts = new Map(perDay.map((d: { day: string; count: number }) => [d.day, d.count]));
    const dayOf = new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" });
    const days = Array.from({ length: 14 }, (_, i) => {
      // Noon of each day, so a DST shift never lands a label on the day before.
      const day = dayOf.format(new Date(twoWeeks.getTime() + i * 86400_000 + 12 * 3600_000));
      return { day, count: counts.get(day) ?? 0 };
    });
    res.json({
      ...totals,
      conversion_rate: totals.total_leads ? totals.converted_leads / totals.total_leads : 0,
      inbound_today: inbound,
      leads_per_day: days,
      by_source: bySource,
      by_status: byStatus,
    });
  });
  return r;
}

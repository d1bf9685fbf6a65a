import { Router } from "express";
import type { Services } from "../../core/services.ts";
import { reportScope } from "../../core/reports/scope.ts";
import { dashboardFigures } from "../../core/reports/dashboard.ts";
import { dayBounds, inboundSince } from "../../core/reports/today.ts";

/** The console's first screen: the day's counts, the KPIs (each with its records' link) and the last two weeks at a glance. */
export function dashboardRoutes(services: Services): Router {
  const r = Router();
  r.get("/dashboard", async (req, res) => {
    const { db } = services;
    const user = req.user!;
    const tenantId = user.tenantId;
    // The dashboard takes no filters: all time; a rep's every figure is their own leads' (scope.ownerId).
    const scope = await reportScope(db, user, {}, services.clock.now(), 0);
    const tz = scope.tz;
    // Days are the tenant's days (Asia/Kolkata by default), not UTC's.
    const bounds = await dayBounds(db, services.clock.now(), tz);
    const today: Date = bounds.today;
    const twoWeeks = new Date(today.getTime() - 13 * 86400_000);
    const dayOf = new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" });
    // Noon of each day, so a DST shift never lands a label on the day before.
    const labelOf = (ms: number) => dayOf.format(new Date(ms + 12 * 3600_000));
    const [figures, inbound] = await Promise.all([
      dashboardFigures(
        services.reportsDb,
        { ...scope, role: user.role },
        { today, twoWeeks: labelOf(twoWeeks.getTime()), monthStart: bounds.month_start },
      ),
      inboundSince(db, tenantId, today, scope.ownerId),
    ]);
    const { perDay, bySource, byStatus, links, ...kpis } = figures;
    // Days without leads still show, as zeros, so the chart's axis is honest.
    const counts = new Map(perDay.map((d) => [d.day, d.count]));
    const days = Array.from({ length: 14 }, (_, i) => {
      const day = labelOf(twoWeeks.getTime() + i * 86400_000);
      return { day, count: counts.get(day) ?? 0 };
    });
    res.json({
      ...kpis,
      inbound_today: inbound,
      leads_per_day: days,
      by_source: bySource,
      by_status: byStatus,
      links,
    });
  });
  return r;
}

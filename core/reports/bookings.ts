import type { Knex } from "knex";
import { addCondition } from "./facts.ts";
import { dayEnd, dayStart, money, type ReportScope } from "./scope.ts";
import { BOOKING_STATUSES } from "../vocabulary.ts";

/**
 * Bookings made in the range (booked_at, tenant days) per status: count, units, amount, average
 * amount; and the inventory as it stands, per project and unit type. owner_id, source and
 * campaign are the booking's lead's (for a booking of an account alone, the account's owner).
 */
export async function bookingsReport(db: Knex, s: ReportScope) {
  const [fromSql, fromB] = dayStart(s.tz, s.from!);
  const [toSql, toB] = dayEnd(s.tz, s.to!);
  const w = ["b.tenant_id = ?", "b.deleted_at IS NULL", `b.booked_at >= ${fromSql}`, `b.booked_at < ${toSql}`];
  const wb: Knex.RawBinding[] = [s.tenantId, ...fromB, ...toB];
  if (s.ownerId) addCondition(w, wb, "coalesce(l.owner_id, a.owner_id) = ?", s.ownerId);
  if (s.source) addCondition(w, wb, "lower(l.source) = lower(?)", s.source);
  if (s.campaign) addCondition(w, wb, "lower(l.campaign) = lower(?)", s.campaign);
  const [byStatus, inventory] = await Promise.all([
    db.raw(
      `SELECT b.status, count(*)::int AS count, sum(b.units)::int AS units, sum(b.amount) AS amount
       FROM bookings b LEFT JOIN leads l ON l.id = b.lead_id LEFT JOIN accounts a ON a.id = b.account_id
       WHERE ${w.join(" AND ")} GROUP BY 1`,
      wb,
    ),
    db.raw(
      `SELECT project, unit_type, units_total, units_booked, units_available, unit_price
       FROM unit_inventory WHERE tenant_id = ? AND deleted_at IS NULL ORDER BY project, unit_type`,
      [s.tenantId],
    ),
  ]);
  const found = new Map(byStatus.rows.map((r: { status: string }) => [r.status, r]));
  // Every status shows, with zeros, in the order a booking moves through them.
  const statuses = BOOKING_STATUSES.map((status) => {
    const r = (found.get(status) ?? { count: 0, units: 0, amount: 0 }) as { count: number; units: number; amount: string | number };
    const amount = money(r.amount);
    return { status, count: r.count, units: r.units, amount, average: r.count ? money(amount / r.count) : null };
  });
  const live = statuses.filter((x) => x.status !== "cancelled");
  const count = live.reduce((n, x) => n + x.count, 0);
  const amount = money(live.reduce((n, x) => n + x.amount, 0));
  return {
    from: s.from,
    to: s.to,
    by_status: statuses,
    // Cancelled bookings are listed but not counted in the totals: they hold no units and bring no money.
    total: { count, units: live.reduce((n, x) => n + x.units, 0), amount, average: count ? money(amount / count) : null },
    inventory: inventory.rows.map((r: Record<string, unknown>) => ({
      ...r,
      unit_price: r.unit_price == null ? null : money(r.unit_price),
    })),
  };
}

export const BOOKING_COLUMNS = ["status", "count", "units", "amount", "average"];

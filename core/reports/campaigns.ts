import type { Knex } from "knex";
import { leadFacts } from "./facts.ts";
import { dayEnd, dayStart, money, rate, type ReportScope } from "./scope.ts";

/**
 * Per campaign (its leads are those whose `campaign` equals its code, case-blind, and that came in
 * in the range): leads, converted, the bookings those leads made (any time, not cancelled), booked
 * amount, budget, cost (actual cost, else the budget), cost per lead and ROI = booked ÷ cost.
 * Campaigns without leads in the range show when their dates overlap it. A campaign's cost is not
 * split by owner: with owner_id (or for a rep) the cost columns are null.
 */
export async function campaignPerformance(db: Knex, s: ReportScope) {
  const facts = await leadFacts(db, s, ["campaign"]);
  const costed = !s.ownerId;
  const [fromSql, fromB] = dayStart(s.tz, s.from!);
  const [toSql, toB] = dayEnd(s.tz, s.to!);
  const lw = ["l.tenant_id = ?", "l.deleted_at IS NULL", "l.campaign IS NOT NULL", `l.created_at >= ${fromSql}`, `l.created_at < ${toSql}`];
  const lb: Knex.RawBinding[] = [s.tenantId, ...fromB, ...toB];
  if (s.ownerId) (lw.push("l.owner_id = ?"), lb.push(s.ownerId));
  if (s.source) (lw.push("lower(l.source) = lower(?)"), lb.push(s.source));
  if (s.campaign) (lw.push("lower(l.campaign) = lower(?)"), lb.push(s.campaign));
  const cw = ["c.tenant_id = ?", "c.deleted_at IS NULL"];
  const cb: Knex.RawBinding[] = [s.tenantId];
  if (s.campaign) (cw.push("lower(c.code) = lower(?)"), cb.push(s.campaign));
  const { rows } = await db.raw(
    `WITH f AS (
       SELECT campaign AS c, sum(leads)::int AS leads, coalesce(sum(leads) FILTER (WHERE depth >= 5), 0)::int AS converted
       FROM (${facts.sql}) x WHERE campaign <> '' GROUP BY 1),
     bk AS (
       SELECT lower(l.campaign) AS c, count(*)::int AS bookings, sum(b.units)::int AS units, sum(b.amount) AS amount
       FROM bookings b JOIN leads l ON l.id = b.lead_id
       WHERE b.tenant_id = ? AND b.deleted_at IS NULL AND b.status <> 'cancelled' AND ${lw.join(" AND ")}
       GROUP BY 1)
     SELECT c.id, c.name, c.code, c.type, c.status, c.budget, c.actual_cost, c.start_date::text, c.end_date::text,
       coalesce(f.leads, 0) AS leads, coalesce(f.converted, 0) AS converted,
       coalesce(bk.bookings, 0) AS bookings, coalesce(bk.units, 0) AS units, coalesce(bk.amount, 0) AS booked_amount
     FROM campaigns c LEFT JOIN f ON f.c = lower(c.code) LEFT JOIN bk ON bk.c = lower(c.code)
     WHERE ${cw.join(" AND ")} AND (coalesce(f.leads, 0) > 0 OR coalesce(bk.bookings, 0) > 0
       OR ((c.start_date IS NULL OR c.start_date <= ?::date) AND (c.end_date IS NULL OR c.end_date >= ?::date)))
     ORDER BY booked_amount DESC, leads DESC, c.name`,
    [...facts.bindings, s.tenantId, ...lb, ...cb, s.to, s.from],
  );
  const out = rows.map((r: Record<string, string | number | null>) => {
    const cost = !costed ? null : r.actual_cost != null ? money(r.actual_cost) : r.budget != null ? money(r.budget) : null;
    const booked = money(r.booked_amount);
    const leads = Number(r.leads);
    return {
      id: r.id,
      name: r.name,
      code: r.code,
      type: r.type,
      status: r.status,
      start_date: r.start_date,
      end_date: r.end_date,
      leads,
      converted: Number(r.converted),
      conversion_rate: rate(Number(r.converted), leads),
      bookings: Number(r.bookings),
      units: Number(r.units),
      booked_amount: booked,
      budget: costed && r.budget != null ? money(r.budget) : null,
      cost,
      cost_per_lead: cost == null || !leads ? null : money(cost / leads),
      roi: cost ? rate(booked, cost) : null,
    };
  });
  return { from: s.from, to: s.to, rows: out };
}

export const CAMPAIGN_COLUMNS = ["name", "code", "type", "status", "start_date", "end_date", "leads", "converted", "conversion_rate", "bookings", "units", "booked_amount", "budget", "cost", "cost_per_lead", "roi"];

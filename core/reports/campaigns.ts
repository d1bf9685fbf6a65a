import type { Knex } from "knex";
import { addCondition, leadFacts } from "./facts.ts";
import { money, rate, type ReportScope } from "./scope.ts";

/**
 * Per campaign (its leads are those whose `campaign` equals its code, case-blind, and that came in
 * in the range): leads, converted, the bookings those leads made (any time, not cancelled), booked
 * amount, budget, cost (actual cost, else the budget), cost per lead and ROI = booked ÷ cost.
 * Campaigns without leads in the range show when their dates overlap it. A campaign's cost is not
 * split by owner: with owner_id (or for a rep) the cost columns are null.
 */
export async function campaignPerformance(db: Knex, s: ReportScope) {
  const facts = await leadFacts(db, s, ["campaign"], { bookings: true });
  const costed = !s.ownerId;
  const cw = ["c.tenant_id = ?", "c.deleted_at IS NULL"];
  const cb: Knex.RawBinding[] = [s.tenantId];
  if (s.campaign) addCondition(cw, cb, "lower(c.code) = lower(?)", s.campaign);
  const { rows } = await db.raw(
    `WITH f AS (
       SELECT campaign AS c, sum(leads)::int AS leads, coalesce(sum(leads) FILTER (WHERE depth >= 5), 0)::int AS converted,
         sum(bookings)::int AS bookings, sum(units)::int AS units, sum(booked_amount) AS amount
       FROM (${facts.sql}) x WHERE campaign <> '' GROUP BY 1)
     SELECT c.id, c.name, c.code, c.type, c.status, c.budget, c.actual_cost, c.start_date::text, c.end_date::text,
       coalesce(f.leads, 0) AS leads, coalesce(f.converted, 0) AS converted,
       coalesce(f.bookings, 0) AS bookings, coalesce(f.units, 0) AS units, coalesce(f.amount, 0) AS booked_amount
     FROM campaigns c LEFT JOIN f ON f.c = lower(c.code)
     WHERE ${cw.join(" AND ")} AND (coalesce(f.leads, 0) > 0
       OR ((c.start_date IS NULL OR c.start_date <= ?::date) AND (c.end_date IS NULL OR c.end_date >= ?::date)))
     ORDER BY booked_amount DESC, leads DESC, c.name`,
    [...facts.bindings, ...cb, s.to, s.from],
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

export const CAMPAIGN_COLUMNS = [
  "name",
  "code",
  "type",
  "status",
  "start_date",
  "end_date",
  "leads",
  "converted",
  "conversion_rate",
  "bookings",
  "units",
  "booked_amount",
  "budget",
  "cost",
  "cost_per_lead",
  "roi",
];

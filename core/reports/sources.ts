import type { Knex } from "knex";
import { addCondition, leadFacts } from "./facts.ts";
import { money, rate, type ReportScope } from "./scope.ts";

/**
 * Share of a month's cost each day of the range carries: a source costing 30,000 a month costs
 * 15,000 over the first half of June (15 of 30 days). Answers SQL giving `months` (a number).
 */
export const monthsInRange = `SELECT coalesce(sum((least((m + interval '1 month')::date - 1, ?::date) - greatest(m::date, ?::date) + 1)::numeric
    / ((m + interval '1 month')::date - m::date)), 0) AS months
  FROM generate_series(date_trunc('month', ?::date), ?::date, interval '1 month') m`;

interface SourceRow {
  source: string | null;
  subsource: string | null;
  channel: string | null;
  leads: number;
  qualified: number;
  converted: number;
  cost: string | null;
}

/**
 * Per source and subsource (as the leads spell them, case-blind): leads that came in in the range,
 * how many reached qualified and converted, and what the source cost over the range (its
 * `lead_sources.monthly_cost`, pro-rated by days). A source's cost is not split by owner or
 * campaign: with those filters the cost columns are null.
 */
export async function sourcePerformance(db: Knex, s: ReportScope) {
  const facts = await leadFacts(db, s, ["source"]);
  const costed = !s.ownerId && !s.campaign;
  const srcWhere = ["tenant_id = ?", "deleted_at IS NULL"];
  const srcB: Knex.RawBinding[] = [s.tenantId];
  if (s.source) addCondition(srcWhere, srcB, "lower(name) = lower(?)", s.source);
  const { rows } = await db.raw(
    `WITH f AS (
       SELECT source AS s, subsource AS ss, min(source_label) AS source, min(subsource_label) AS subsource,
         sum(leads)::int AS leads, coalesce(sum(leads) FILTER (WHERE depth >= 3), 0)::int AS qualified,
         coalesce(sum(leads) FILTER (WHERE depth >= 5), 0)::int AS converted
       FROM (${facts.sql}) x GROUP BY 1, 2),
     src AS (SELECT name, subsource, channel, monthly_cost FROM lead_sources WHERE ${srcWhere.join(" AND ")}),
     span AS (${monthsInRange})
     SELECT coalesce(f.source, src.name) AS source, coalesce(f.subsource, src.subsource) AS subsource, src.channel,
       coalesce(f.leads, 0) AS leads, coalesce(f.qualified, 0) AS qualified, coalesce(f.converted, 0) AS converted,
       ${costed ? "round(src.monthly_cost * span.months, 2)" : "NULL::numeric"} AS cost
     FROM (f ${costed ? "FULL" : "LEFT"} JOIN src ON lower(src.name) = f.s AND lower(coalesce(src.subsource, '')) = f.ss) CROSS JOIN span
     ORDER BY 4 DESC, 1, 2`,
    [...facts.bindings, ...srcB, s.to, s.from, s.from, s.to],
  );
  const out = rows.map((r: SourceRow) => {
    const cost = r.cost == null ? null : money(r.cost);
    return {
      source: r.source,
      subsource: r.subsource,
      channel: r.channel,
      leads: r.leads,
      qualified: r.qualified,
      converted: r.converted,
      conversion_rate: rate(r.converted, r.leads),
      cost,
      cost_per_lead: cost == null || !r.leads ? null : money(cost / r.leads),
      cost_per_conversion: cost == null || !r.converted ? null : money(cost / r.converted),
    };
  });
  const sum = (k: "leads" | "qualified" | "converted") => out.reduce((n: number, r: (typeof out)[number]) => n + r[k], 0);
  const cost = costed ? money(out.reduce((n: number, r: (typeof out)[number]) => n + (r.cost ?? 0), 0)) : null;
  const [leads, qualified, converted] = [sum("leads"), sum("qualified"), sum("converted")];
  return {
    from: s.from,
    to: s.to,
    rows: out,
    total: {
      leads,
      qualified,
      converted,
      conversion_rate: rate(converted, leads),
      cost,
      cost_per_lead: cost == null || !leads ? null : money(cost / leads),
      cost_per_conversion: cost == null || !converted ? null : money(cost / converted),
    },
  };
}

export const SOURCE_COLUMNS = [
  "source",
  "subsource",
  "channel",
  "leads",
  "qualified",
  "converted",
  "conversion_rate",
  "cost",
  "cost_per_lead",
  "cost_per_conversion",
];

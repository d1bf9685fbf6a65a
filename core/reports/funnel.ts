import type { Knex } from "knex";
import { leadFacts, STAGES } from "./facts.ts";
import { rate, type ReportScope } from "./scope.ts";

type Stage = (typeof STAGES)[number];
type Counts = Record<Stage, number> & { lost: number };

/** Stage-to-stage rates and the step that loses the most leads. */
function shape(c: Counts) {
  const conversion = {
    contacted: rate(c.contacted, c.new),
    qualified: rate(c.qualified, c.contacted),
    negotiation: rate(c.negotiation, c.qualified),
    converted: rate(c.converted, c.negotiation),
    overall: rate(c.converted, c.new),
  };
  const drops = STAGES.slice(1).map((to, i) => ({ from: STAGES[i], to, leads: c[STAGES[i]] - c[to] }));
  const worst = drops.reduce((a, b) => (b.leads > a.leads ? b : a), drops[0]);
  return { ...c, conversion, drop_off: drops, leak: worst.leads > 0 ? worst : null };
}

/**
 * Leads by the month they came in (tenant time), and how far each month's leads have come:
 * reached contacted, qualified, negotiation, converted (each a subset of the one before), and lost
 * (status lost or unqualified).
 */
export async function funnelReport(db: Knex, s: ReportScope) {
  const facts = await leadFacts(db, s);
  const { rows } = await db.raw(
    `SELECT to_char(day, 'YYYY-MM') AS month, sum(leads)::int AS new,
       coalesce(sum(leads) FILTER (WHERE depth >= 2), 0)::int AS contacted,
       coalesce(sum(leads) FILTER (WHERE depth >= 3), 0)::int AS qualified,
       coalesce(sum(leads) FILTER (WHERE depth >= 4), 0)::int AS negotiation,
       coalesce(sum(leads) FILTER (WHERE depth >= 5), 0)::int AS converted,
       coalesce(sum(leads) FILTER (WHERE status IN ('lost', 'unqualified')), 0)::int AS lost
     FROM (${facts.sql}) f GROUP BY 1 ORDER BY 1`,
    facts.bindings,
  );
  const keys = ["new", "contacted", "qualified", "negotiation", "converted", "lost"] as const;
  const total = Object.fromEntries(keys.map((k) => [k, rows.reduce((n: number, r: Counts) => n + r[k], 0)])) as Counts;
  return {
    from: s.from,
    to: s.to,
    months: rows.map((r: Counts & { month: string }) => ({ month: r.month, ...shape(r) })),
    total: shape(total),
  };
}

export const funnelCsv = (r: Awaited<ReturnType<typeof funnelReport>>) => ({
  columns: [
    "month",
    "new",
    "contacted",
    "qualified",
    "negotiation",
    "converted",
    "lost",
    "contacted_rate",
    "qualified_rate",
    "negotiation_rate",
    "converted_rate",
    "overall_rate",
    "leak_from",
    "leak_to",
    "leak_leads",
  ],
  rows: [...r.months, { month: "total", ...r.total }].map((m) => ({
    ...m,
    contacted_rate: m.conversion.contacted,
    qualified_rate: m.conversion.qualified,
    negotiation_rate: m.conversion.negotiation,
    converted_rate: m.conversion.converted,
    overall_rate: m.conversion.overall,
    leak_from: m.leak?.from,
    leak_to: m.leak?.to,
    leak_leads: m.leak?.leads,
  })),
});

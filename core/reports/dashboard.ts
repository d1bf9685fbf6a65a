import type { Knex } from "knex";
import { leadFacts, ownLeads } from "./facts.ts";
import { money, type ReportScope } from "./scope.ts";
import type { BookingStatus } from "../vocabulary.ts";

type Link = { resource: string; filter: Record<string, unknown> };

/**
 * The dashboard's figures, all-time unless named otherwise (new: today; engagement: this month),
 * a rep's own: leads from the monthly cube plus today live (one pass with grouping sets), the last
 * two weeks per day live, the rest from small indexed counts. Each KPI comes with the list (resource, filter) behind it.
 */
export async function dashboardFigures(
  db: Knex,
  s: ReportScope & { role: string },
  bounds: { today: Date; twoWeeks: string; monthStart: Date },
) {
  const facts = await leadFacts(db, { ...s, from: null, to: null }, ["source"]);
  const own = s.ownerId;
  const [leads, recent, accounts, bookings, engagement, tasks] = await Promise.all([
    db.raw(
      `SELECT GROUPING(source) AS g_src, GROUPING(status) AS g_status, min(source_label) AS source, status, sum(leads)::int AS count,
         coalesce(sum(leads) FILTER (WHERE status = 'qualified'), 0)::int AS qualified_leads,
         coalesce(sum(leads) FILTER (WHERE depth = 5), 0)::int AS converted_leads
       FROM (${facts.sql}) f GROUP BY GROUPING SETS ((), (source), (status))`,
      facts.bindings,
    ),
    // Leads per day of the last two weeks (today's are the new ones), read live by (tenant, created_at).
    db.raw(
      `SELECT to_char(created_at AT TIME ZONE ?, 'YYYY-MM-DD') AS day, count(*)::int AS count FROM leads
       WHERE tenant_id = ? AND deleted_at IS NULL AND created_at >= ((?::date)::timestamp AT TIME ZONE ?) ${own ? "AND owner_id = ?" : ""}
       GROUP BY 1 ORDER BY 1`,
      [s.tz, s.tenantId, bounds.twoWeeks, s.tz, ...(own ? [own] : [])],
    ),
    // Outstanding is what every account owes (a credit balance is not negative debt).
    db("accounts")
      .where({ tenant_id: s.tenantId })
      .whereNull("deleted_at")
      .modify((q) => own && q.where("owner_id", own))
      .first(
        db.raw("count(*) FILTER (WHERE type = 'customer' AND is_active)::int AS active_customers"),
        db.raw("coalesce(sum(ledger_balance) FILTER (WHERE ledger_balance > 0), 0) AS outstanding"),
      ),
    // A rep's bookings: their leads' (ids from the owner index), or their accounts' where no lead is named.
    db.raw(
      `SELECT count(*)::int AS total_bookings, coalesce(sum(b.amount), 0) AS booked_amount FROM bookings b
       WHERE b.tenant_id = ? AND b.deleted_at IS NULL AND b.status <> 'cancelled'
       ${own ? `AND (b.lead_id IN (${ownLeads}) OR (b.lead_id IS NULL AND b.account_id IN (SELECT id FROM accounts WHERE tenant_id = ? AND owner_id = ?)))` : ""}`,
      own ? [s.tenantId, s.tenantId, own, s.tenantId, own] : [s.tenantId],
    ),
    db.raw(
      `SELECT count(*)::int AS n FROM engagements e
       WHERE e.tenant_id = ? AND e.deleted_at IS NULL AND e.occurred_at >= ? ${own ? `AND e.lead_id IN (${ownLeads})` : ""}`,
      own ? [s.tenantId, bounds.monthStart, s.tenantId, own] : [s.tenantId, bounds.monthStart],
    ),
    db("tasks")
      .where("tenant_id", s.tenantId)
      .whereNull("done_at")
      .whereNull("deleted_at")
      .modify((q) => own && q.where("owner_id", own))
      .first(db.raw("count(*)::int AS n")),
  ]);
  type G = {
    g_src: number;
    g_status: number;
    source: string | null;
    status: string;
    count: number;
    qualified_leads: number;
    converted_leads: number;
  };
  const rows = leads.rows as G[];
  const totals = rows.find((r) => r.g_src && r.g_status) ?? { count: 0, qualified_leads: 0, converted_leads: 0 };
  const perDay = recent.rows as { day: string; count: number }[];
  const mine = own ? { owner_id: own } : {};
  const live: BookingStatus[] = ["pending", "confirmed", "on_hold", "completed"];
  const links: Record<string, Link> = {
    total_leads: { resource: "leads", filter: { ...mine } },
    new_leads: { resource: "leads", filter: { ...mine, created_at_gte: bounds.today.toISOString() } },
    qualified_leads: { resource: "leads", filter: { ...mine, status: "qualified" } },
    converted_leads: { resource: "leads", filter: { ...mine, status: "converted" } },
    conversion_rate: { resource: "leads", filter: { ...mine, status: "converted" } },
    active_customers: { resource: "accounts", filter: { ...mine, type: "customer", is_active: true } },
    total_bookings: { resource: "bookings", filter: { status: live } },
    booked_amount: { resource: "bookings", filter: { status: live } },
    // The accounts list cannot filter by balance (yet): the link is the accounts, whose ledgers hold it.
    outstanding_balance: { resource: "accounts", filter: { ...mine } },
    engagement_this_month: { resource: "engagements", filter: { occurred_at_gte: bounds.monthStart.toISOString() } },
    pending_follow_ups: { resource: "tasks", filter: { ...mine, done_at: null } },
  };
  return {
    total_leads: totals.count ?? 0,
    new_leads: perDay.find((d) => d.day === s.today)?.count ?? 0,
    qualified_leads: totals.qualified_leads,
    converted_leads: totals.converted_leads,
    conversion_rate: totals.count ? totals.converted_leads / totals.count : 0,
    active_customers: accounts.active_customers as number,
    total_bookings: bookings.rows[0].total_bookings as number,
    booked_amount: money(bookings.rows[0].booked_amount),
    outstanding_balance: money(accounts.outstanding),
    engagement_this_month: engagement.rows[0].n as number,
    pending_follow_ups: (tasks as { n: number }).n,
    perDay,
    bySource: rows
      .filter((r) => !r.g_src)
      .map((r) => ({ source: r.source ?? "unknown", count: r.count }))
      .sort((a, b) => b.count - a.count)
      .slice(0, 12),
    byStatus: rows.filter((r) => !r.g_status).map((r) => ({ status: r.status, count: r.count })),
    links,
  };
}

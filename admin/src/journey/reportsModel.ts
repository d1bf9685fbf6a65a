// The reports' filters, query strings and rows, and the dashboard's KPI tiles with their links.
import type { Tone } from "../components/toneModel.ts";
import { humanize } from "../components/toneModel.ts";
import { toAmount } from "./moneyModel.ts";

export interface ReportFilters {
  from: string;
  to: string;
  owner_id: string;
  source: string;
  campaign: string;
}

export type ReportKey = "funnel" | "source-performance" | "campaign-performance" | "bookings" | "engagement-stats";

export const REPORTS: readonly { key: ReportKey; path: string; title: string; filters: readonly (keyof ReportFilters)[] }[] = [
  { key: "funnel", path: "/reports/funnel", title: "Funnel", filters: ["from", "to", "owner_id", "source", "campaign"] },
  { key: "source-performance", path: "/reports/sources", title: "Source performance", filters: ["from", "to", "owner_id", "source"] },
  {
    key: "campaign-performance",
    path: "/reports/campaigns",
    title: "Campaign performance",
    filters: ["from", "to", "owner_id", "campaign"],
  },
  { key: "bookings", path: "/reports/bookings", title: "Bookings", filters: ["from", "to", "owner_id", "source", "campaign"] },
  { key: "engagement-stats", path: "/reports/engagement", title: "Engagement", filters: ["from", "to", "owner_id", "source", "campaign"] },
];

/** The calendar day `now` falls on in `timeZone` (the browser's when none is given, or it is unknown), as YYYY-MM-DD. */
function dayIn(now: Date, timeZone?: string | null): { y: number; m: number; d: number } {
  try {
    if (timeZone) {
      const parts = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric", day: "numeric" }).formatToParts(now);
      const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
      return { y: n("year"), m: n("month") - 1, d: n("day") };
    }
  } catch {
    // An unknown zone reads as the browser's.
  }
  return { y: now.getFullYear(), m: now.getMonth(), d: now.getDate() };
}

const iso = (y: number, m: number, d: number) => {
  const date = new Date(Date.UTC(y, m, d));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}-${String(date.getUTCDate()).padStart(2, "0")}`;
};

/**
 * The default window: the first of the month `months - 1` months ago up to today, in the tenant's
 * time zone (its reports count days in it; a browser a day behind would leave today's leads out).
 */
export function defaultFilters(now: Date, months = 6, timeZone?: string | null): ReportFilters {
  const { y, m, d } = dayIn(now, timeZone);
  return { from: iso(y, m - (months - 1), 1), to: iso(y, m, d), owner_id: "", source: "", campaign: "" };
}

/** `from`, `to`, `owner_id`, `source`, `campaign` as the API takes them; empty ones and those the report ignores left out. */
export function reportQuery(
  filters: Partial<ReportFilters>,
  allowed: readonly (keyof ReportFilters)[] = ["from", "to", "owner_id", "source", "campaign"],
  extra: Record<string, string> = {},
): string {
  const params = new URLSearchParams();
  for (const key of allowed) {
    const v = filters[key]?.trim();
    if (v) params.set(key, v);
  }
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const q = params.toString();
  return q ? `?${q}` : "";
}

/** The API path of a report (under /api), optionally its CSV. */
export function reportPath(
  key: ReportKey | string,
  filters: Partial<ReportFilters>,
  allowed?: readonly (keyof ReportFilters)[],
  csv = false,
): string {
  return `/reports/${key}${reportQuery(filters, allowed, csv ? { format: "csv" } : {})}`;
}

type Row = Record<string, unknown>;

/** A report's rows wherever the API put them: the body itself, or its first array under a known key. */
export function rowsOf(raw: unknown, keys: readonly string[] = ["rows", "months", "data", "items"]): Row[] {
  if (Array.isArray(raw)) return raw as Row[];
  if (!raw || typeof raw !== "object") return [];
  const o = raw as Row;
  for (const k of keys) if (Array.isArray(o[k])) return o[k] as Row[];
  return [];
}

const n = (v: unknown) => toAmount(v) ?? 0;

/** What a report says when its range holds nothing: why, and what to do about it. */
export const EMPTY_HINTS: Record<ReportKey, string> = {
  funnel:
    "No leads in this range — widen the dates or clear the owner, source and campaign filters; leads arrive through web forms, partners, email and imports.",
  "source-performance": "No leads from any source in this range — widen the dates or clear the filters.",
  "campaign-performance":
    "No campaign leads or bookings in this range — set a campaign on a web form or partner (or send utm_campaign), or widen the dates.",
  bookings: "No bookings in this range — record one from a lead's page or widen the dates.",
  "engagement-stats": "No calls, emails, meetings or replies in this range — log one from a lead's page or widen the dates.",
};

/** True when no month of the funnel counts a lead. */
export function funnelIsEmpty(months: readonly FunnelMonth[]): boolean {
  return months.every((m) => FUNNEL_STAGES.every((s) => !m[s]));
}

export const FUNNEL_STAGES = ["new", "contacted", "qualified", "negotiation", "converted", "lost"] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];
export type FunnelMonth = { month: string; label: string } & Record<FunnelStage, number>;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** "2026-03" / "2026-03-01" / a timestamp → "Mar 2026". */
export function monthLabel(value: unknown): string {
  const m = /^(\d{4})-(\d{2})/.exec(String(value ?? ""));
  return m ? `${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}` : String(value ?? "");
}

/** Where the funnel loses the most leads (the API's `total.leak`), or null. */
export function funnelLeak(raw: unknown): { from: string; to: string; leads: number } | null {
  const total = raw && typeof raw === "object" && !Array.isArray(raw) ? ((raw as Row).total as Row | undefined) : undefined;
  const leak = total?.leak as Row | null | undefined;
  if (!leak || typeof leak !== "object") return null;
  return { from: String(leak.from), to: String(leak.to), leads: n(leak.leads) };
}

/** Funnel months, oldest first, each stage a number (missing ones zero). */
export function funnelMonths(raw: unknown): FunnelMonth[] {
  return rowsOf(raw, ["months", "rows", "data"])
    .map((r) => {
      const month = String(r.month ?? r.period ?? r.date ?? "").slice(0, 7);
      const row = { month, label: monthLabel(month) } as FunnelMonth;
      for (const s of FUNNEL_STAGES) row[s] = n(r[s]);
      return row;
    })
    .sort((a, b) => a.month.localeCompare(b.month));
}

export interface StageConversion {
  from: FunnelStage;
  to: FunnelStage;
  fromCount: number;
  toCount: number;
  /** 0..1, null when nothing reached `from`. */
  rate: number | null;
  /** Leads that reached `from` and not `to` (the leak). */
  leaked: number;
}

/**
 * Stage-to-stage conversion over the whole period (new → contacted → qualified → negotiation →
 * converted). The API's own figures are used when it sends them (`conversion`/`stages`), otherwise
 * computed from the month totals, each stage counted as leads at or past it.
 */
export function stageConversion(raw: unknown): StageConversion[] {
  const fromApi = rowsOf(raw && typeof raw === "object" && !Array.isArray(raw) ? raw : null, ["conversion", "conversions", "stages"]);
  const path: FunnelStage[] = ["new", "contacted", "qualified", "negotiation", "converted"];
  if (fromApi.length && fromApi.some((r) => r.from !== undefined)) {
    return fromApi.map((r) => {
      const fromCount = n(r.from_count ?? r.entered ?? r.count);
      const toCount = n(r.to_count ?? r.reached);
      const rate = toAmount(r.rate ?? r.conversion_rate);
      return {
        from: r.from as FunnelStage,
        to: r.to as FunnelStage,
        fromCount,
        toCount,
        rate: rate ?? (fromCount ? toCount / fromCount : null),
        leaked: n(r.leaked ?? r.leak ?? fromCount - toCount),
      };
    });
  }
  const total = raw && typeof raw === "object" && !Array.isArray(raw) ? ((raw as Row).total as Row | undefined) : undefined;
  if (total && typeof total === "object" && FUNNEL_STAGES.every((st) => st === "lost" || total[st] !== undefined)) {
    const rates = (total.conversion && typeof total.conversion === "object" ? total.conversion : {}) as Row;
    return path.slice(0, -1).map((from, i) => {
      const to = path[i + 1];
      const fromCount = n(total[from]);
      const toCount = n(total[to]);
      return {
        from,
        to,
        fromCount,
        toCount,
        rate: toAmount(rates[to]) ?? (fromCount ? toCount / fromCount : null),
        leaked: Math.max(0, fromCount - toCount),
      };
    });
  }
  const months = funnelMonths(raw);
  const totals = Object.fromEntries(FUNNEL_STAGES.map((s) => [s, months.reduce((sum, m) => sum + m[s], 0)])) as Record<FunnelStage, number>;
  // "new" in a month is every lead created; later stages are leads that reached them. Cumulative from the end, so a stage counts those past it.
  const reached: Record<string, number> = {};
  let acc = 0;
  for (let i = path.length - 1; i >= 1; i--) {
    acc = Math.max(acc, totals[path[i]]);
    reached[path[i]] = acc;
  }
  reached.new = Math.max(totals.new, reached.contacted ?? 0);
  return path.slice(0, -1).map((from, i) => {
    const to = path[i + 1];
    const fromCount = reached[from] ?? 0;
    const toCount = reached[to] ?? 0;
    return { from, to, fromCount, toCount, rate: fromCount ? toCount / fromCount : null, leaked: Math.max(0, fromCount - toCount) };
  });
}

export interface SourceRow {
  key: string;
  source: string;
  subsource: string | null;
  leads: number;
  qualified: number;
  converted: number;
  conversion_rate: number | null;
  cost: number | null;
  cost_per_lead: number | null;
  cost_per_conversion: number | null;
}

export function sourceRows(raw: unknown): SourceRow[] {
  return rowsOf(raw, ["sources", "rows", "data"]).map((r, i) => {
    const leads = n(r.leads ?? r.lead_count);
    const converted = n(r.converted);
    return {
      key: `${r.source ?? r.name ?? ""}|${r.subsource ?? ""}|${i}`,
      source: String(r.source ?? r.name ?? "Unknown") || "Unknown",
      subsource: r.subsource ? String(r.subsource) : null,
      leads,
      qualified: n(r.qualified),
      converted,
      conversion_rate: toAmount(r.conversion_rate) ?? (leads ? converted / leads : null),
      cost: toAmount(r.cost ?? r.total_cost ?? r.spend),
      cost_per_lead: toAmount(r.cost_per_lead ?? r.cpl),
      cost_per_conversion: toAmount(r.cost_per_conversion ?? r.cost_per_acquisition),
    };
  });
}

export interface CampaignRow {
  key: string;
  name: string;
  code: string | null;
  status: string | null;
  leads: number;
  converted: number;
  bookings: number;
  booked_amount: number;
  budget: number | null;
  cost: number | null;
  cost_per_lead: number | null;
  /** booked amount ÷ cost; null without a cost. */
  roi: number | null;
}

export function campaignRows(raw: unknown): CampaignRow[] {
  return rowsOf(raw, ["campaigns", "rows", "data"]).map((r, i) => {
    const booked = n(r.booked_amount ?? r.revenue);
    const cost = toAmount(r.cost ?? r.actual_cost ?? r.spend);
    return {
      key: String(r.id ?? r.campaign_id ?? r.code ?? i),
      name: String(r.name ?? r.campaign ?? r.code ?? "—"),
      code: r.code ? String(r.code) : null,
      status: r.status ? String(r.status) : null,
      leads: n(r.leads),
      converted: n(r.converted),
      bookings: n(r.bookings),
      booked_amount: booked,
      budget: toAmount(r.budget),
      cost,
      cost_per_lead: toAmount(r.cost_per_lead),
      roi: toAmount(r.roi) ?? (cost ? booked / cost : null),
    };
  });
}

export interface BookingStatusRow {
  status: string;
  count: number;
  units: number;
  amount: number;
  average: number | null;
}
export interface AvailabilityRow {
  key: string;
  project: string;
  unit_type: string;
  units_total: number;
  units_booked: number;
  units_available: number;
}

export function bookingsReport(raw: unknown): { statuses: BookingStatusRow[]; availability: AvailabilityRow[] } {
  const o = (raw && typeof raw === "object" ? raw : {}) as Row;
  const statuses = rowsOf(o, ["by_status", "statuses", "rows"]).map((r) => {
    const count = n(r.count ?? r.bookings);
    const amount = n(r.amount ?? r.total_amount);
    return {
      status: String(r.status ?? "unknown"),
      count,
      units: n(r.units),
      amount,
      average: toAmount(r.average ?? r.average_amount ?? r.avg_amount) ?? (count ? amount / count : null),
    };
  });
  const availability = rowsOf(o, ["availability", "inventory", "units", "units_available"]).map((r, i) => {
    const total = n(r.units_total);
    const available = toAmount(r.units_available) ?? total - n(r.units_booked);
    return {
      key: String(r.id ?? `${r.project}|${r.unit_type}|${i}`),
      project: String(r.project ?? "—"),
      unit_type: String(r.unit_type ?? "—"),
      units_total: total,
      units_booked: toAmount(r.units_booked) ?? total - available,
      units_available: available,
    };
  });
  return { statuses, availability };
}

export interface EngagementRow {
  key: string;
  type: string;
  channel: string | null;
  count: number;
  responses: number;
  response_rate: number | null;
  average_duration: number | null;
}

export function engagementRows(raw: unknown): EngagementRow[] {
  return rowsOf(raw, ["rows", "by_type_channel", "stats", "data"]).map((r, i) => {
    const count = n(r.count);
    const responses = n(r.responses ?? r.response_count);
    return {
      key: `${r.type}|${r.channel}|${i}`,
      type: String(r.type ?? "unknown"),
      channel: r.channel ? String(r.channel) : null,
      count,
      responses,
      response_rate: toAmount(r.response_rate) ?? (count ? responses / count : null),
      average_duration: toAmount(r.average_duration ?? r.avg_duration_minutes ?? r.average_duration_minutes ?? r.avg_duration),
    };
  });
}

/** Per-type totals across channels, for the chart. */
export function engagementByType(rows: readonly EngagementRow[]): { type: string; label: string; count: number; responses: number }[] {
  const m = new Map<string, { count: number; responses: number }>();
  for (const r of rows) {
    const t = m.get(r.type) ?? { count: 0, responses: 0 };
    t.count += r.count;
    t.responses += r.responses;
    m.set(r.type, t);
  }
  return [...m.entries()].map(([type, v]) => ({ type, label: humanize(type), ...v })).sort((a, b) => b.count - a.count);
}

// ---- Dashboard KPIs ----

export type KpiFormat = "count" | "rate" | "money";
export interface KpiLink {
  resource: string;
  filter: Record<string, unknown>;
}
export interface KpiDef {
  key: string;
  label: string;
  format: KpiFormat;
  tone: Tone;
  /** Where the tile leads when the API sends no link. */
  fallback: KpiLink;
}

export const KPIS: readonly KpiDef[] = [
  { key: "total_leads", label: "Total leads", format: "count", tone: "indigo", fallback: { resource: "leads", filter: {} } },
  { key: "new_leads", label: "New today", format: "count", tone: "blue", fallback: { resource: "leads", filter: { status: "new" } } },
  {
    key: "qualified_leads",
    label: "Qualified",
    format: "count",
    tone: "teal",
    fallback: { resource: "leads", filter: { status: "qualified" } },
  },
  {
    key: "converted_leads",
    label: "Converted",
    format: "count",
    tone: "green",
    fallback: { resource: "leads", filter: { status: "converted" } },
  },
  {
    key: "conversion_rate",
    label: "Conversion rate",
    format: "rate",
    tone: "green",
    fallback: { resource: "leads", filter: { status: "converted" } },
  },
  { key: "active_customers", label: "Active customers", format: "count", tone: "violet", fallback: { resource: "accounts", filter: {} } },
  { key: "total_bookings", label: "Bookings", format: "count", tone: "teal", fallback: { resource: "bookings", filter: {} } },
  { key: "booked_amount", label: "Booked amount", format: "money", tone: "green", fallback: { resource: "bookings", filter: {} } },
  { key: "outstanding_balance", label: "Outstanding", format: "money", tone: "amber", fallback: { resource: "accounts", filter: {} } },
  {
    key: "engagement_this_month",
    label: "Engagements this month",
    format: "count",
    tone: "blue",
    fallback: { resource: "engagements", filter: {} },
  },
  {
    key: "pending_follow_ups",
    label: "Pending follow-ups",
    format: "count",
    tone: "orange",
    fallback: { resource: "tasks", filter: { status: "open" } },
  },
];

/** A KPI's number whether the API sends `12` or `{value: 12, link}`; absent → null. */
export function kpiValue(data: unknown, key: string): number | null {
  if (!data || typeof data !== "object") return null;
  const o = data as Row;
  const v =
    o[key] ??
    (o.kpis && typeof o.kpis === "object" && !Array.isArray(o.kpis) ? (o.kpis as Row)[key] : undefined) ??
    (Array.isArray(o.kpis) ? (o.kpis as Row[]).find((k) => k.key === key || k.name === key) : undefined);
  if (v && typeof v === "object") return toAmount((v as Row).value ?? (v as Row).count ?? (v as Row).amount);
  return toAmount(v);
}

/** API resource names the console lists under another name. */
const CONSOLE_RESOURCE: Record<string, string> = { forms: "web_forms" };

/** The KPI's link (`data[key].link`, `data.links[key]`, or the fallback). */
export function kpiLink(data: unknown, def: KpiDef): KpiLink {
  const o = (data && typeof data === "object" ? data : {}) as Row;
  const candidates = [
    o[def.key] && typeof o[def.key] === "object" ? (o[def.key] as Row).link : undefined,
    o.links && typeof o.links === "object" ? (o.links as Row)[def.key] : undefined,
    o.kpis &&
    typeof o.kpis === "object" &&
    !Array.isArray(o.kpis) &&
    (o.kpis as Row)[def.key] &&
    typeof (o.kpis as Row)[def.key] === "object"
      ? ((o.kpis as Row)[def.key] as Row).link
      : undefined,
  ];
  for (const c of candidates) {
    if (c && typeof c === "object" && typeof (c as Row).resource === "string") {
      const link = c as { resource: string; filter?: unknown };
      return {
        resource: CONSOLE_RESOURCE[link.resource] ?? link.resource,
        filter: link.filter && typeof link.filter === "object" ? (link.filter as Record<string, unknown>) : {},
      };
    }
  }
  return def.fallback;
}

/** The console's list URL for a link: `/leads?filter=...`. */
export function linkPath(link: KpiLink): string {
  const filter = Object.keys(link.filter).length ? `?filter=${encodeURIComponent(JSON.stringify(link.filter))}` : "";
  return `/${link.resource}${filter}`;
}

import { type Tone, humanize, toneOf } from "../components/toneModel.ts";
import { LEAD_STATUSES } from "../resources/leads/leadModel.ts";

const pad = (n: number) => String(n).padStart(2, "0");
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Local `YYYY-MM-DD` of a date: the API's `day` buckets are calendar days. */
export function dayKey(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The last `days` calendar days, oldest first, zero where the API sent no row (a quiet day is still a day).
 * They end on the API's latest day when it sent one: it buckets in its own time zone, which may be ahead
 * of or behind the browser's.
 */
export function fillLeadsPerDay(
  rows: readonly { day: string; count: number | string }[] | undefined,
  today: Date,
  days = 14,
): { day: string; label: string; count: number }[] {
  const counts = new Map((rows ?? []).map((r) => [String(r.day).slice(0, 10), Number(r.count) || 0]));
  const latest = [...counts.keys()]
    .filter((k) => /^\d{4}-\d{2}-\d{2}$/.test(k))
    .sort()
    .at(-1);
  const end = latest ? new Date(Number(latest.slice(0, 4)), Number(latest.slice(5, 7)) - 1, Number(latest.slice(8, 10))) : today;
  const out: { day: string; label: string; count: number }[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const d = new Date(end.getFullYear(), end.getMonth(), end.getDate() - i);
    const key = dayKey(d);
    out.push({ day: key, label: `${d.getDate()} ${MONTHS[d.getMonth()]}`, count: counts.get(key) ?? 0 });
  }
  return out;
}

/** Statuses in pipeline order (new → converted, then the dead ends), each with its share of the largest bar. */
export function statusBars(
  rows: readonly { status: string; count: number | string }[] | undefined,
): { status: string; label: string; count: number; pct: number; tone: Tone }[] {
  const counts = new Map<string, number>();
  for (const r of rows ?? []) counts.set(r.status, (counts.get(r.status) ?? 0) + (Number(r.count) || 0));
  const known: string[] = LEAD_STATUSES.map((s) => s.id);
  const order = [...known, ...[...counts.keys()].filter((s) => !known.includes(s)).sort()];
  const max = Math.max(1, ...counts.values());
  return order.map((status) => {
    const count = counts.get(status) ?? 0;
    return {
      status,
      label: LEAD_STATUSES.find((s) => s.id === status)?.name ?? humanize(status),
      count,
      pct: Math.round((count / max) * 1000) / 10,
      tone: toneOf(LEAD_STATUSES, status),
    };
  });
}

/** Top sources by count; the long tail folds into "Other" so the chart stays readable. */
export function sourceRows(
  rows: readonly { source: string | null; count: number | string }[] | undefined,
  top = 7,
): { source: string; count: number }[] {
  const merged = new Map<string, number>();
  for (const r of rows ?? []) {
    const name = r.source?.trim() || "Unknown";
    merged.set(name, (merged.get(name) ?? 0) + (Number(r.count) || 0));
  }
  const sorted = [...merged.entries()].map(([source, count]) => ({ source, count })).sort((a, b) => b.count - a.count);
  if (sorted.length <= top + 1) return sorted;
  const rest = sorted.slice(top).reduce((sum, r) => sum + r.count, 0);
  return [...sorted.slice(0, top), { source: "Other", count: rest }];
}

/** Indian digit grouping (1,23,456) — the console's users read lakhs. */
export function formatCount(value: unknown): string {
  const n = Number(value);
  return Number.isFinite(n) ? n.toLocaleString("en-IN") : "—";
}

/** 0..1 → "12.5%". */
export function formatRate(rate: unknown): string {
  const n = Number(rate);
  if (!Number.isFinite(n)) return "—";
  const pct = n * 100;
  return `${pct >= 10 || pct === 0 ? pct.toFixed(0) : pct.toFixed(1)}%`;
}

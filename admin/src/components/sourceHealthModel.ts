import { type Tone, choicesOf } from "./toneModel.ts";
import {
  ALERT_KINDS as KINDS,
  ALERT_SOURCE_TYPES as SOURCE_TYPES,
  type AlertKind,
  type AlertSourceType,
} from "../../../core/vocabulary.ts";

/** `GET /api/partners/:id/health` and `GET /api/forms/:id/health` (core/source-health.ts). */
export interface SourceHealth {
  last_delivery_at: string | null;
  per_hour: { hour: string; count: number }[];
  totals: Record<OutcomeKey | "received", number>;
  rates: { accepted: number; duplicate: number; rejected: number; error: number };
  drift: { field: string; count: number; last_seen: string }[];
  alerts: SourceAlert[];
}

export interface SourceAlert {
  id: string;
  kind: AlertKind;
  message: string;
  raised_at: string;
  resolved_at?: string | null;
  source_type?: AlertSourceType;
  source_id?: string;
}

export type OutcomeKey = "accepted" | "duplicate" | "rejected" | "ignored" | "spam" | "error" | "pending";

export const OUTCOME_GROUPS: readonly { key: OutcomeKey; label: string; tone: Tone }[] = [
  { key: "accepted", label: "Accepted", tone: "green" },
  { key: "duplicate", label: "Duplicate", tone: "teal" },
  { key: "rejected", label: "Rejected", tone: "red" },
  { key: "error", label: "Error", tone: "orange" },
  { key: "spam", label: "Spam", tone: "amber" },
  { key: "ignored", label: "Ignored", tone: "grey" },
  { key: "pending", label: "Pending", tone: "blue" },
];

export const ALERT_KINDS = choicesOf(KINDS, {
  silent: ["Gone silent", "amber"],
  error_rate: ["Error rate", "red"],
  schema_drift: ["Schema drift", "violet"],
});

export const ALERT_SOURCE_TYPES = choicesOf(SOURCE_TYPES, { partner: ["Partner", "violet"], form: ["Web form", "blue"] });

const pad = (n: number) => String(n).padStart(2, "0");

/** The 24 hourly buckets with a local "14:00" label; missing or bad counts read as 0. */
export function hourlyBars(perHour: SourceHealth["per_hour"] | null | undefined): { hour: string; label: string; count: number }[] {
  return (perHour ?? []).map((h) => {
    const d = new Date(h.hour);
    const label = Number.isNaN(d.getTime()) ? "" : `${pad(d.getHours())}:00`;
    return { hour: h.hour, label, count: Number(h.count) || 0 };
  });
}

/**
 * What became of the last 24 h of deliveries as segments of one bar: widths add up to 100, and a
 * non-zero sliver is at least 1.5 % so a single error among thousands stays visible.
 */
export function outcomeSegments(
  totals: Partial<SourceHealth["totals"]> | null | undefined,
): { key: OutcomeKey; label: string; tone: Tone; count: number; pct: number }[] {
  const rows = OUTCOME_GROUPS.map((g) => ({ ...g, count: Math.max(0, Number(totals?.[g.key]) || 0) })).filter((r) => r.count > 0);
  const sum = rows.reduce((a, r) => a + r.count, 0);
  if (sum === 0) return [];
  const raw = rows.map((r) => Math.max((r.count / sum) * 100, 1.5));
  const scale = 100 / raw.reduce((a, b) => a + b, 0);
  return rows.map((r, i) => ({ ...r, pct: Math.round(raw[i] * scale * 10) / 10 }));
}

/** One verdict for the panel's header: errors first, then open alerts, then silence. */
export function healthVerdict(health: Pick<SourceHealth, "last_delivery_at" | "totals" | "rates" | "alerts"> | null | undefined): {
  label: string;
  tone: Tone;
} {
  if (!health) return { label: "Unknown", tone: "grey" };
  if (!health.last_delivery_at) return { label: "No deliveries yet", tone: "grey" };
  if ((Number(health.rates?.error) || 0) + (Number(health.rates?.rejected) || 0) >= 0.25 && (Number(health.totals?.received) || 0) > 0) {
    return { label: "Failing", tone: "red" };
  }
  if ((health.alerts ?? []).length > 0) return { label: "Needs attention", tone: "amber" };
  if (!(Number(health.totals?.received) > 0)) return { label: "Quiet (24 h)", tone: "grey" };
  return { label: "Healthy", tone: "green" };
}

/** 0..1 → "12%", small shares with one decimal ("0.4%"). */
export function percent(rate: unknown): string {
  const n = Number(rate);
  if (!Number.isFinite(n)) return "—";
  const pct = n * 100;
  return `${pct === 0 || pct >= 10 ? pct.toFixed(0) : pct.toFixed(1)}%`;
}

/** `{resolved_at}` for `PUT /api/alerts/:id`: resolving is the only change a person makes. */
export function resolvePayload(now: Date): { resolved_at: string } {
  return { resolved_at: now.toISOString() };
}

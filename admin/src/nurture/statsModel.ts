// GET /api/sequences/:id/stats shaped for the show page: tiles with rates, days without mail filled in,
// and the per-step funnel.
import type { Tone } from "../components/toneModel.ts";

export interface DailyStats {
  date: string;
  sent: number;
  opened: number;
  clicked: number;
  replied: number;
}
export interface StepStats {
  step: number;
  type: string;
  sent: number;
  opened: number;
  clicked: number;
  replied: number;
}
export interface SequenceStats {
  enrolled: number;
  active: number;
  completed: number;
  exited: number;
  sent: number;
  opened: number;
  clicked: number;
  replied: number;
  unsubscribed: number;
  converted: number;
  bounced: number;
  unknown: number;
  exits: Record<string, number>;
  steps: StepStats[];
  daily: DailyStats[];
}

export interface Kpi {
  key: string;
  label: string;
  value: number;
  /** "42% of sent": rates are of what was sent, the way mail tools report them. */
  hint?: string;
  tone: Tone;
}

/** A rate as a whole percent; nothing sent reads as no rate rather than 0%. */
export function rate(part: number, whole: number): string | undefined {
  if (!whole) return undefined;
  return `${Math.round((part / whole) * 100)}%`;
}

export function kpis(s: SequenceStats): Kpi[] {
  const ofSent = (n: number) => (s.sent ? `${rate(n, s.sent)} of sent` : undefined);
  return [
    {
      key: "enrolled",
      label: "Enrolled",
      value: s.enrolled,
      tone: "indigo",
      hint: s.completed || s.exited ? `${s.completed} completed · ${s.exited} exited` : undefined,
    },
    { key: "active", label: "Active", value: s.active, tone: "blue" },
    {
      key: "sent",
      label: "Sent",
      value: s.sent,
      tone: "teal",
      hint: s.bounced || s.unknown ? `${s.bounced} bounced · ${s.unknown} unknown` : undefined,
    },
    { key: "opened", label: "Opened", value: s.opened, tone: "green", hint: ofSent(s.opened) },
    { key: "clicked", label: "Clicked", value: s.clicked, tone: "green", hint: ofSent(s.clicked) },
    { key: "replied", label: "Replied", value: s.replied, tone: "violet", hint: ofSent(s.replied) },
    { key: "unsubscribed", label: "Unsubscribed", value: s.unsubscribed, tone: "red", hint: ofSent(s.unsubscribed) },
    {
      key: "converted",
      label: "Converted",
      value: s.converted,
      tone: "green",
      hint: s.enrolled ? `${rate(s.converted, s.enrolled)} of enrolled` : undefined,
    },
  ];
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** One row per day from `from` to `to` (UTC dates, inclusive), zeros where nothing happened, so the chart's axis is even. */
export function fillDaily(daily: DailyStats[], from: string, to: string): (DailyStats & { label: string })[] {
  const byDate = new Map(daily.map((d) => [d.date.slice(0, 10), d]));
  const rows: (DailyStats & { label: string })[] = [];
  const end = new Date(`${to}T00:00:00Z`);
  for (let d = new Date(`${from}T00:00:00Z`); d <= end && rows.length < 400; d.setUTCDate(d.getUTCDate() + 1)) {
    const date = day(d);
    const found = byDate.get(date);
    rows.push({
      date,
      sent: found?.sent ?? 0,
      opened: found?.opened ?? 0,
      clicked: found?.clicked ?? 0,
      replied: found?.replied ?? 0,
      label: date.slice(5).replace("-", "/"),
    });
  }
  return rows;
}

/** The last `days` days up to today, as the stats endpoint's `from` and `to`. */
export function statsRange(days: number, now: Date): { from: string; to: string } {
  const from = new Date(now);
  from.setUTCDate(from.getUTCDate() - (days - 1));
  return { from: day(from), to: day(now) };
}

/**
 * The funnel: email steps only (others send nothing), labelled by number. The stats list only steps
 * that sent something, so the sequence's own email steps are added with zeros.
 */
export function funnelRows(steps: StepStats[], sequenceSteps: readonly { type: string }[] = []): (StepStats & { label: string })[] {
  const byStep = new Map(steps.map((s) => [s.step, s]));
  sequenceSteps.forEach((s, i) => {
    if (!byStep.has(i + 1)) byStep.set(i + 1, { step: i + 1, type: s.type, sent: 0, opened: 0, clicked: 0, replied: 0 });
  });
  return [...byStep.values()]
    .filter((s) => s.type === "email")
    .sort((a, b) => a.step - b.step)
    .map((s) => ({ ...s, label: `Step ${s.step}` }));
}

/** Exit reasons, most common first, for the "why they left" line. */
export function exitRows(exits: Record<string, number> | null | undefined): { reason: string; count: number }[] {
  return Object.entries(exits ?? {})
    .filter(([, n]) => n > 0)
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

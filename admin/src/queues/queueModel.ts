import type { Tone } from "../components/toneModel.ts";

export interface QueueRow {
  name: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
  paused?: number | boolean;
}

export const QUEUE_STATES: readonly { key: "waiting" | "active" | "delayed" | "failed" | "completed"; label: string; tone: Tone }[] = [
  { key: "waiting", label: "Waiting", tone: "blue" },
  { key: "active", label: "Active", tone: "violet" },
  { key: "delayed", label: "Delayed", tone: "amber" },
  { key: "failed", label: "Failed", tone: "red" },
  { key: "completed", label: "Completed", tone: "green" },
];

/** Widths of the stacked bar; each state keeps a sliver so a single failed job among thousands stays visible. */
export function queueSegments(q: QueueRow): { key: string; label: string; tone: Tone; count: number; pct: number }[] {
  const counts = QUEUE_STATES.map((s) => ({ ...s, count: Math.max(0, Number(q[s.key]) || 0) }));
  const total = counts.reduce((sum, s) => sum + s.count, 0);
  if (total === 0) return [];
  const minPct = 1.5;
  const raw = counts.map((s) => (s.count === 0 ? 0 : Math.max(minPct, (s.count / total) * 100)));
  const scale = 100 / raw.reduce((a, b) => a + b, 0);
  return counts
    .map((s, i) => ({ key: s.key, label: s.label, tone: s.tone, count: s.count, pct: Math.round(raw[i] * scale * 10) / 10 }))
    .filter((s) => s.count > 0);
}

export function isPaused(q: QueueRow): boolean {
  return q.paused === true || (typeof q.paused === "number" && q.paused > 0);
}

/** One word an operator can act on: failures first, then a paused queue, then backlog. */
export function queueHealth(q: QueueRow): { label: string; tone: Tone } {
  if ((Number(q.failed) || 0) > 0) return { label: "Failures", tone: "red" };
  if (isPaused(q)) return { label: "Paused", tone: "grey" };
  if ((Number(q.waiting) || 0) + (Number(q.delayed) || 0) > 1000) return { label: "Backlog", tone: "amber" };
  if ((Number(q.active) || 0) > 0 || (Number(q.waiting) || 0) > 0) return { label: "Busy", tone: "blue" };
  return { label: "Idle", tone: "green" };
}

/** Sum of every queue per state, for the summary row. */
export function queueTotals(rows: readonly QueueRow[]): QueueRow {
  const total: QueueRow = { name: "All queues", waiting: 0, active: 0, delayed: 0, failed: 0, completed: 0 };
  for (const q of rows) for (const s of QUEUE_STATES) total[s.key] += Number(q[s.key]) || 0;
  return total;
}

import type { TraceEntry } from "../../data/dataProvider.ts";
import type { Tone } from "../../components/toneModel.ts";

/** One job in a lead's pipeline trace, as `GET /api/leads/:id/trace` answers it. */
export type TraceItem = TraceEntry;

/** Successful steps green, retries amber, failures red, anything else (skipped, ignored) grey. */
export function traceOutcomeTone(outcome: string): Tone {
  const o = outcome.toLowerCase();
  if (/fail|error|dead|reject/.test(o)) return "red";
  if (/retry|delay|stall|timeout/.test(o)) return "amber";
  if (/ok|done|complet|success|created|merged|scored|assigned|converted|enrolled|sent|deliver/.test(o)) return "green";
  return "grey";
}

/** 850 → "850 ms", 1234 → "1.2 s", 125000 → "2 m 5 s". */
export function formatDuration(ms: unknown): string {
  const n = Number(ms);
  if (!Number.isFinite(n) || n < 0) return "—";
  if (n < 1000) return `${Math.round(n)} ms`;
  if (n < 60_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(n / 60_000);
  const seconds = Math.round((n % 60_000) / 1000);
  return `${minutes} m ${seconds} s`;
}

/**
 * Rows of the mini-gantt: each job placed on a shared time axis from the first start to the last end,
 * oldest first. Bars keep a minimum width so a 2 ms job next to a 3 s retry is still visible.
 */
export function traceGantt(items: readonly TraceItem[]): {
  rows: (TraceItem & { offsetPct: number; widthPct: number; tone: Tone })[];
  spanMs: number;
} {
  const sorted = [...items].sort((a, b) => Date.parse(a.started_at) - Date.parse(b.started_at));
  if (sorted.length === 0) return { rows: [], spanMs: 0 };
  const start = Math.min(...sorted.map((i) => Date.parse(i.started_at)));
  const end = Math.max(...sorted.map((i) => Date.parse(i.started_at) + Math.max(0, Number(i.duration_ms) || 0)));
  const span = Math.max(1, end - start);
  const minWidth = 1.5;
  return {
    spanMs: end - start,
    rows: sorted.map((item) => {
      const offset = ((Date.parse(item.started_at) - start) / span) * 100;
      const width = Math.max(minWidth, ((Number(item.duration_ms) || 0) / span) * 100);
      return {
        ...item,
        offsetPct: Math.round(Math.min(offset, 100 - minWidth) * 10) / 10,
        widthPct: Math.round(Math.min(width, 100 - Math.min(offset, 100 - minWidth)) * 10) / 10,
        tone: traceOutcomeTone(item.outcome),
      };
    }),
  };
}

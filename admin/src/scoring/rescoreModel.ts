import { choicesOf } from "../components/toneModel.ts";
import { RUN_STATUSES as STATUSES, type RunStatus } from "../../../core/vocabulary.ts";

/** A re-score of every lead after a scoring rule change (`GET /api/rescore_runs/:id`): its row is the progress. */
export interface RescoreRun {
  id: string;
  status: RunStatus;
  rule_version: number;
  total: number;
  processed: number;
  changed: number;
  error?: string | null;
  started_at?: string | null;
  finished_at?: string | null;
  created_at: string;
}

export const RUN_STATUSES = choicesOf(STATUSES, {
  queued: ["Queued", "blue"],
  running: ["Running", "violet"],
  done: ["Done", "green"],
  failed: ["Failed", "red"],
});

/** Poll while a worker may still move the row. */
export const isRunActive = (run: Pick<RescoreRun, "status"> | null | undefined): boolean =>
  run?.status === "queued" || run?.status === "running";

/** 0..100 for the bar; a finished run is full even when the tenant had no leads. */
export function runProgress(run: Pick<RescoreRun, "status" | "total" | "processed">): number {
  if (run.status === "done") return 100;
  const total = Number(run.total) || 0;
  if (total <= 0) return 0;
  return Math.max(0, Math.min(100, Math.round(((Number(run.processed) || 0) / total) * 100)));
}

const n = (x: unknown) => (Number(x) || 0).toLocaleString("en-IN");

export function runSummary(run: RescoreRun): string {
  switch (run.status) {
    case "queued":
      return "Waiting for a worker…";
    case "running":
      return `Re-scored ${n(run.processed)} of ${n(run.total)} leads`;
    case "done":
      return `Re-scored ${n(run.processed)} ${Number(run.processed) === 1 ? "lead" : "leads"} with rules v${run.rule_version}: ${n(run.changed)} changed`;
    case "failed":
      return `Stopped after ${n(run.processed)} of ${n(run.total)} leads: ${run.error || "unknown error"}`;
    default:
      return String(run.status);
  }
}

import { choicesOf } from "../components/toneModel.ts";
import { RUN_STATUSES as STATUSES, type RunStatus } from "../../../core/vocabulary.ts";

/** A duplicate scan as `GET /api/dedup_scans/:id` returns it; the row is the scan's progress. */
export interface DedupScan {
  id: string;
  status: RunStatus;
  total: number;
  processed: number;
  merged: number;
  reviews: number;
  auto_merge: boolean;
  error?: string | null;
  started_at?: string | null;
  finished_at?: string | null;
  created_at: string;
}

export const SCAN_STATUSES = choicesOf(STATUSES, {
  queued: ["Queued", "blue"],
  running: ["Running", "violet"],
  done: ["Done", "green"],
  failed: ["Failed", "red"],
});

/** Poll while the worker may still change the row. */
export const isScanActive = (scan: Pick<DedupScan, "status"> | null | undefined): boolean =>
  scan?.status === "queued" || scan?.status === "running";

/** 0..100 for the progress bar; a finished scan is full even when it had nothing to read. */
export function scanProgress(scan: Pick<DedupScan, "status" | "total" | "processed">): number {
  if (scan.status === "done") return 100;
  const total = Number(scan.total) || 0;
  if (total <= 0) return 0;
  return Math.max(0, Math.min(100, Math.round(((Number(scan.processed) || 0) / total) * 100)));
}

const n = (x: unknown) => (Number(x) || 0).toLocaleString("en-IN");
const plural = (count: number, one: string, many: string) => `${n(count)} ${count === 1 ? one : many}`;

/** One sentence on where the scan is or what it found. */
export function scanSummary(scan: DedupScan): string {
  switch (scan.status) {
    case "queued":
      return "Waiting for a worker…";
    case "running":
      return `Checked ${n(scan.processed)} of ${n(scan.total)} leads`;
    case "done":
      return `Checked ${plural(Number(scan.processed), "lead", "leads")}: ${plural(Number(scan.merged), "merge", "merges")}, ${plural(Number(scan.reviews), "review", "reviews")} opened`;
    case "failed":
      return `Stopped after ${n(scan.processed)} of ${n(scan.total)} leads: ${scan.error || "unknown error"}`;
    default:
      return String(scan.status);
  }
}

/** A 409 `dedup_scan_running` names the scan already under way (`error.details.id`): the card follows that one. */
export function runningScanId(body: unknown): string | null {
  if (!body || typeof body !== "object") return null;
  const error = (body as { error?: { code?: unknown; details?: unknown } }).error;
  if (error?.code !== "dedup_scan_running") return null;
  const id = (error.details as { id?: unknown } | null | undefined)?.id;
  return typeof id === "string" && id ? id : null;
}

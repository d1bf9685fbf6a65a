import type { Tone } from "../../components/toneModel.ts";
import type { MergeKind } from "../../../../core/vocabulary.ts";
import { leadFieldLabel } from "./leadFields.ts";

/** One row of `GET /api/leads/:id/merges` (newest first). */
export interface LeadMerge {
  id: string;
  kind: MergeKind;
  inbound_event_id?: string | null;
  channel?: string | null;
  merged_lead_id?: string | null;
  merged_lead_number?: string | null;
  score?: number | string | null;
  reasons?: string[] | null;
  taken?: Record<string, unknown> | null;
  not_taken?: Record<string, unknown> | null;
  created_at: string;
  merged_by_name?: string | null;
  undone_at?: string | null;
  split_lead_id?: string | null;
}

export interface UndoResult {
  merge_id: string;
  split_lead_id: string;
}

/** What was merged in: a repeat submission (by channel) or another lead (by number). */
export function mergeTitle(m: LeadMerge): string {
  if (m.kind === "submission") return `Submission via ${m.channel || "unknown channel"} merged in`;
  return `Lead ${m.merged_lead_number || "(deleted)"} merged in`;
}

/** Who decided: a person, else the matcher on arrival or in a scan. */
export function mergedBy(m: LeadMerge): string {
  if (m.merged_by_name) return m.merged_by_name;
  return m.kind === "submission" ? "automatically on arrival" : "automatically";
}

export function mergeState(m: LeadMerge): { label: string; tone: Tone } {
  return m.undone_at ? { label: "Undone", tone: "grey" } : { label: "Merged", tone: "violet" };
}

/** `{city: "Pune"}` → rows a person reads, labelled like the lead page, in a stable order. */
export function valueRows(values: Record<string, unknown> | null | undefined): { field: string; label: string; value: string }[] {
  if (!values || typeof values !== "object") return [];
  return Object.entries(values)
    .filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([field, v]) => ({ field, label: leadFieldLabel(field), value: typeof v === "object" ? JSON.stringify(v) : String(v) }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** The merge an undo would reverse: the newest one not undone yet (the API undoes only that one). */
export function undoableMerge(merges: readonly LeadMerge[]): LeadMerge | null {
  return [...merges].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at)).find((m) => !m.undone_at) ?? null;
}

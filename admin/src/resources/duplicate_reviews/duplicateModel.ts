import { type Tone, choicesOf } from "../../components/toneModel.ts";
import {
  REVIEW_ORIGINS as ORIGINS,
  REVIEW_STATUSES as STATUSES,
  type ReviewOrigin,
  type ReviewStatus,
} from "../../../../core/vocabulary.ts";
import type { Lead } from "../leads/leadModel.ts";

/** Which of the two records: `lead` is the newer one flagged as a duplicate, `candidate` the existing, older one. */
export type Side = "lead" | "candidate";

export interface DuplicateReview {
  id: string;
  lead_id: string;
  candidate_lead_id: string;
  score: number | string;
  reasons: string[];
  status: ReviewStatus;
  origin: ReviewOrigin;
  resolved_by?: string | null;
  resolved_at?: string | null;
  created_at: string;
  updated_at?: string;
}

export interface ComparisonField {
  field: string;
  lead: unknown;
  candidate: unknown;
  differs: boolean;
}

/** `GET /api/duplicate_reviews/:id/comparison` */
export interface DuplicateComparison {
  review: DuplicateReview;
  lead: Lead | null;
  candidate: Lead | null;
  fields: ComparisonField[];
}

/** `POST /api/duplicate_reviews/:id/merge`: per field, whose value the survivor keeps. */
export interface MergeRequest {
  survivor: Side;
  fields: Record<string, Side>;
}

export interface MergeResult {
  merge_id: string;
  lead_id: string;
  merged_lead_id: string;
}

export const REVIEW_STATUSES = choicesOf(STATUSES, {
  open: ["Open", "amber"],
  merged: ["Merged", "green"],
  dismissed: ["Not a duplicate", "grey"],
});

export const REVIEW_ORIGINS = choicesOf(ORIGINS, { intake: ["On arrival", "blue"], scan: ["Scan", "violet"], import: ["Import", "teal"] });

export const SIDE_LABELS: Record<Side, string> = { lead: "Incoming", candidate: "Existing" };

export const otherSide = (side: Side): Side => (side === "lead" ? "candidate" : "lead");

/** Match score (0..1) as a percentage with a band: reviews sit between the review and auto-merge thresholds. */
export function matchBand(score: unknown): { value: number; label: string; tone: Tone } {
  const n = Number(score);
  const value = Number.isFinite(n) ? Math.max(0, Math.min(100, Math.round(n * 100))) : 0;
  if (value >= 80) return { value, label: "strong match", tone: "green" };
  if (value >= 70) return { value, label: "likely match", tone: "amber" };
  return { value, label: "weak match", tone: "grey" };
}

/** Reasons coloured by the evidence they are: how to reach the person, who they are, where they work. */
export function reasonTone(reason: string): Tone {
  const r = reason.toLowerCase();
  if (/email|phone|mobile/.test(r)) return "blue";
  if (/name|nickname|translit/.test(r)) return "violet";
  if (/company|gstin|pan\b|tax/.test(r)) return "teal";
  return "grey";
}

export const isBlank = (v: unknown): boolean => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/** A field's value as one line of text; blank stays "" so the screen can show a dash. */
export function formatFieldValue(v: unknown): string {
  if (isBlank(v)) return "";
  if (Array.isArray(v)) return v.map(String).join(", ");
  if (typeof v === "object") return JSON.stringify(v);
  return String(v).trim();
}

/**
 * A choice is offered only where both records hold a value: the API fills a gap from either side
 * but never empties a field, so with one side blank the filled value is what the merge keeps.
 */
export const isPickable = (row: ComparisonField): boolean => row.differs && !isBlank(row.lead) && !isBlank(row.candidate);

/** Per differing field: the existing lead's value, or the incoming one's where the existing lead has none. */
export function defaultPicks(fields: readonly ComparisonField[]): Record<string, Side> {
  const picks: Record<string, Side> = {};
  for (const row of fields) if (row.differs) picks[row.field] = isBlank(row.candidate) && !isBlank(row.lead) ? "lead" : "candidate";
  return picks;
}

/** The merge body: every differing field named, so the result is what the screen showed. */
export function mergeRequest(fields: readonly ComparisonField[], picks: Readonly<Record<string, Side>>, survivor: Side): MergeRequest {
  const defaults = defaultPicks(fields);
  const chosen: Record<string, Side> = {};
  for (const row of fields) {
    if (!row.differs) continue;
    chosen[row.field] = isPickable(row) ? (picks[row.field] ?? defaults[row.field]) : defaults[row.field];
  }
  return { survivor, fields: chosen };
}

/**
 * The surviving record as the merge will leave it, mirroring the API: picked values, gaps filled,
 * and the other record's phone kept as the alternate phone when the survivor keeps its own and has none.
 */
export function mergePreview(
  fields: readonly ComparisonField[],
  picks: Readonly<Record<string, Side>>,
  survivor: Side,
): Record<string, unknown> {
  const body = mergeRequest(fields, picks, survivor);
  const result: Record<string, unknown> = {};
  for (const row of fields) {
    const side = body.fields[row.field];
    result[row.field] = side ? row[side] : isBlank(row[survivor]) ? row[otherSide(survivor)] : row[survivor];
  }
  const phone = fields.find((r) => r.field === "phone_e164");
  if (phone && isPickable(phone) && body.fields.phone_e164 === survivor && isBlank(result.alt_phone)) {
    result.alt_phone = phone[otherSide(survivor)];
  }
  return result;
}

/** Rows worth reading: both-empty fields are hidden unless asked for. */
export function visibleRows(fields: readonly ComparisonField[], showEmpty: boolean): ComparisonField[] {
  return showEmpty ? [...fields] : fields.filter((r) => !isBlank(r.lead) || !isBlank(r.candidate));
}

export const reviewPath = (id: string) => `/duplicate_reviews/${encodeURIComponent(id)}/show`;

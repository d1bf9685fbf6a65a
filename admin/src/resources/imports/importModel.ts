import { type Tone, choicesOf } from "../../components/toneModel.ts";
import { IMPORT_STATUSES as STATUSES, type ImportStatus, type Role } from "../../../../core/vocabulary.ts";
import { may } from "../../../../core/permissions.ts";

export type { ImportStatus };

export interface ImportDefaults {
  source?: string;
  subsource?: string;
  campaign?: string;
  owner_id?: string;
  tags?: string[];
}

export interface ImportOptions {
  /** What happens to columns the mapping does not name: kept as custom fields, or dropped. */
  unmapped: "custom" | "skip";
}

/** An import as `GET /api/imports/:id` returns it; the row is the import's progress. */
export interface ImportRecord {
  id: string;
  filename: string;
  /** bigint columns arrive as strings from PostgreSQL. */
  size_bytes: number | string;
  status: ImportStatus | string;
  encoding: string;
  delimiter: string;
  has_header: boolean;
  headers: string[];
  preview: string[][];
  proposed_mapping: Record<string, string>;
  mapping: Record<string, string> | null;
  defaults: ImportDefaults | null;
  options: Partial<ImportOptions> | null;
  total_rows: number;
  total_exact?: boolean;
  processed_rows: number;
  bytes_read?: number | string;
  imported: number;
  merged: number;
  flagged: number;
  rejected: number;
  error?: string | null;
  dedup_scan_id?: string | null;
  started_at?: string | null;
  finished_at?: string | null;
  created_at: string;
}

export interface ImportTemplate {
  id: string;
  name: string;
  mapping: Record<string, string>;
  defaults?: ImportDefaults;
  options?: Partial<ImportOptions>;
}

export const IMPORT_STATUSES = choicesOf(STATUSES, {
  staged: ["Set-up", "grey"],
  queued: ["Queued", "blue"],
  running: ["Running", "violet"],
  paused: ["Paused", "amber"],
  done: ["Done", "green"],
  failed: ["Failed", "red"],
  cancelled: ["Cancelled", "grey"],
});

const num = (x: unknown) => Number(x) || 0;

/** Poll while the worker may still change the row. */
export const isImportActive = (imp: Pick<ImportRecord, "status"> | null | undefined): boolean =>
  imp?.status === "queued" || imp?.status === "running";

/** Started and not yet finished: the list shows a progress bar for these. */
export const isImportInFlight = (imp: Pick<ImportRecord, "status"> | null | undefined): boolean =>
  isImportActive(imp) || imp?.status === "paused";

/** Which controls the API accepts in this state (others answer 409 `import_wrong_status`). */
export function importControls(status: string | undefined): { pause: boolean; resume: boolean; cancel: boolean } {
  return {
    pause: status === "queued" || status === "running",
    resume: status === "paused",
    cancel: status === "staged" || status === "queued" || status === "running" || status === "paused",
  };
}

/**
 * 0..100 for the bar. The total is an estimate from the file size until the whole file is read, so
 * an unfinished import never shows full; a finished one always does.
 */
export function importPercent(imp: Pick<ImportRecord, "status" | "total_rows" | "processed_rows" | "total_exact">): number {
  if (imp.status === "done") return 100;
  const total = num(imp.total_rows);
  if (total <= 0) return 0;
  const pct = Math.round((num(imp.processed_rows) / total) * 100);
  return Math.max(0, Math.min(imp.total_exact ? 100 : 99, pct));
}

const n = (x: unknown) => num(x).toLocaleString("en-IN");

/** "1,200 of ~5,000 rows": the tilde marks the estimate. */
export function rowsText(imp: Pick<ImportRecord, "status" | "total_rows" | "processed_rows" | "total_exact">): string {
  const exact = imp.total_exact || imp.status === "done";
  return `${n(imp.processed_rows)} of ${exact ? "" : "~"}${n(imp.total_rows)} rows`;
}

/** One sentence on where the import is. */
export function importSummary(imp: ImportRecord): string {
  switch (imp.status) {
    case "staged":
      return "Uploaded; the columns are not mapped yet.";
    case "queued":
      return num(imp.processed_rows) > 0 ? `Waiting for a worker to carry on after ${rowsText(imp)}…` : "Waiting for a worker…";
    case "running":
      return `Imported ${rowsText(imp)}`;
    case "paused":
      return `Paused after ${rowsText(imp)}`;
    case "done":
      return `Finished: ${n(imp.processed_rows)} ${num(imp.processed_rows) === 1 ? "row" : "rows"} read`;
    case "failed":
      return `Stopped after ${rowsText(imp)}: ${imp.error || "unknown error"}`;
    case "cancelled":
      return `Cancelled after ${rowsText(imp)}; rows already imported stay`;
    default:
      return String(imp.status);
  }
}

export interface ImportCount {
  key: "imported" | "merged" | "flagged" | "rejected";
  label: string;
  hint: string;
  tone: Tone;
  value: number;
}

export function importCounts(imp: Pick<ImportRecord, "imported" | "merged" | "flagged" | "rejected">): ImportCount[] {
  return [
    { key: "imported", label: "Imported", hint: "new leads", tone: "green", value: num(imp.imported) },
    { key: "merged", label: "Merged", hint: "into existing leads or earlier rows", tone: "blue", value: num(imp.merged) },
    { key: "flagged", label: "Flagged", hint: "new leads sent to duplicate review", tone: "amber", value: num(imp.flagged) },
    { key: "rejected", label: "Rejected", hint: "rows not imported (see the error file)", tone: "red", value: num(imp.rejected) },
  ];
}

/** "2.4 MB"; binary units as file managers show them. */
export function formatBytes(bytes: unknown): string {
  let value = num(bytes);
  const units = ["B", "kB", "MB", "GB"];
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

const DELIMITERS: Record<string, string> = { ",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe" };

/** The separator as a word: a tab character is invisible in a table cell. */
export function delimiterLabel(delimiter: string | null | undefined): string {
  if (!delimiter) return "—";
  return DELIMITERS[delimiter] ?? JSON.stringify(delimiter);
}

/** The leads list filtered by the import, with the filter shown so it can be seen and removed. */
export function importLeadsPath(importId: string): string {
  const filter = encodeURIComponent(JSON.stringify({ import_id: importId }));
  const displayed = encodeURIComponent(JSON.stringify({ import_id: true }));
  return `/leads?filter=${filter}&displayedFilters=${displayed}`;
}

export const errorFilePath = (importId: string) => `/imports/${encodeURIComponent(importId)}/errors.csv`;

/** "hubspot-contacts.csv" → "hubspot-contacts-errors.csv", for when the response names no file. */
export function errorFileName(filename: string | null | undefined): string {
  const base = (filename ?? "import").replace(/\.(csv|txt|tsv)$/i, "") || "import";
  return `${base}-errors.csv`;
}

/** A 409 `import_wrong_status` says what state the import is really in (`error.details.status`). */
export function wrongStatusOf(body: unknown): string | null {
  if (!body || typeof body !== "object") return null;
  const error = (body as { error?: { code?: unknown; details?: unknown } }).error;
  if (error?.code !== "import_wrong_status") return null;
  const status = (error.details as { status?: unknown } | null | undefined)?.status;
  return typeof status === "string" && status ? status : null;
}

/** The Options step's form: the import's defaults and option, flat. */
export interface ImportSettingsForm {
  source: string;
  subsource: string;
  campaign: string;
  owner_id: string | null;
  tags: string[];
  unmapped: "custom" | "skip";
}

export function settingsForm(
  defaults: ImportDefaults | null | undefined,
  options: Partial<ImportOptions> | null | undefined,
): ImportSettingsForm {
  return {
    source: defaults?.source ?? "",
    subsource: defaults?.subsource ?? "",
    campaign: defaults?.campaign ?? "",
    owner_id: defaults?.owner_id ?? null,
    tags: defaults?.tags ?? [],
    unmapped: options?.unmapped === "skip" ? "skip" : "custom",
  };
}

/** The API's `defaults` takes no empty strings or nulls (a blank input means "no default"). */
export function settingsPayload(form: Partial<ImportSettingsForm>): { defaults: ImportDefaults; options: ImportOptions } {
  const defaults: ImportDefaults = {};
  for (const key of ["source", "subsource", "campaign", "owner_id"] as const) {
    const value = typeof form[key] === "string" ? form[key].trim() : "";
    if (value) defaults[key] = value;
  }
  const tags = [...new Set((form.tags ?? []).map((t) => String(t).trim()).filter(Boolean))];
  if (tags.length) defaults.tags = tags;
  return { defaults, options: { unmapped: form.unmapped === "skip" ? "skip" : "custom" } };
}

/** The roles the API lets import (`POST /api/imports`), as core/permissions.ts lists them; reps work leads, they do not load them in bulk. */
export const canImport = (role: string | undefined): boolean => may(role as Role | undefined, "imports", "create");

/** An import in a picker: its file and when it came in ("contacts.csv · 22 Nov 2026"). */
export function importOptionText(imp: Pick<ImportRecord, "filename" | "created_at"> | null | undefined): string {
  if (!imp) return "";
  const when = Date.parse(imp.created_at);
  const day = Number.isNaN(when) ? "" : new Date(when).toLocaleDateString("en-IN", { day: "numeric", month: "short", year: "numeric" });
  return day ? `${imp.filename} · ${day}` : imp.filename;
}

/** The API's limit (413 `import_too_large` above it): checked first so a huge file is not sent in vain. */
export const MAX_UPLOAD_BYTES = 1024 ** 3;

/** Why a chosen file cannot be uploaded, or null. */
export function uploadProblem(file: { name: string; size: number }): string | null {
  if (file.size === 0) return `${file.name} is empty`;
  if (file.size > MAX_UPLOAD_BYTES)
    return `${file.name} is ${formatBytes(file.size)}; files up to ${formatBytes(MAX_UPLOAD_BYTES)} can be imported`;
  if (/\.(xlsx?|ods|numbers)$/i.test(file.name)) return `${file.name} is a spreadsheet: save it as CSV first (File → Save as → CSV UTF-8)`;
  return null;
}

/** Nothing to measure yet while it waits for its first worker: a moving bar rather than an empty one. */
export const barVariant = (imp: Pick<ImportRecord, "status" | "processed_rows">): "indeterminate" | "determinate" =>
  imp.status === "queued" && !Number(imp.processed_rows) ? "indeterminate" : "determinate";

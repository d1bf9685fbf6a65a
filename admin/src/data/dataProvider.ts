import simpleRestProvider from "ra-data-simple-rest";
import type { DataProvider, UpdateParams } from "react-admin";
import { httpClient } from "./httpClient.ts";
import { writablePayload } from "./apiModel.ts";
import { LEAD_READ_ONLY_FIELDS } from "../resources/leads/leadModel.ts";
import type { SourceHealth } from "../components/sourceHealthModel.ts";
import { apiResourceName } from "./apiModel.ts";
import { type DownloadedFile, type UploadOptions, fetchFile, uploadForm } from "./files.ts";
import type { DuplicateComparison, DuplicateReview, MergeRequest, MergeResult } from "../resources/duplicate_reviews/duplicateModel.ts";
import type { LeadMerge, UndoResult } from "../resources/leads/mergeHistoryModel.ts";
import type { MatchRules, RulesResponse } from "../dedup/rulesModel.ts";
import type { DedupScan } from "../dedup/scanModel.ts";
import type { ImportDefaults, ImportOptions, ImportRecord } from "../resources/imports/importModel.ts";
import type { ScoringDryRun, ScoringRule } from "../scoring/scoringModel.ts";
import type { ScoringSettings, ScoringSettingsResponse } from "../scoring/scoringSettingsModel.ts";
import type { AssignmentDryRun, AssignmentRule, AssignmentSettings } from "../assignment/assignmentModel.ts";
import type { Group } from "../rules/conditionModel.ts";
import type { RuleTestResult } from "../rules/explainModel.ts";
import type { ScoreHistoryEntry } from "../resources/leads/scoreHistoryModel.ts";
import type { ConversionOverrides, ConversionPlan, Converted } from "../resources/leads/convertModel.ts";
import type { SummaryRow } from "../pipeline/boardModel.ts";
import type { SequenceStats } from "../nurture/statsModel.ts";
import type { NurtureSettings } from "../nurture/settingsModel.ts";

export const API_URL = "/api";

export interface Dashboard {
  total_leads: number;
  new_leads: number;
  qualified_leads: number;
  converted_leads: number;
  conversion_rate: number;
  inbound_today: { received: number; done: number; failed: number };
  leads_per_day: { day: string; count: number }[];
  by_source: { source: string | null; count: number }[];
  by_status: { status: string; count: number }[];
}

export interface QueueCounts {
  name: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
  paused?: number | boolean;
}

export interface TimelineEntry {
  id: string;
  /** A lead's timeline has activity, submission, milestone and attachment; a record's adds task, stage, email and score. */
  kind: "activity" | "submission" | "milestone" | "attachment" | "task" | "stage" | "email" | "score";
  type: string;
  action?: string | null;
  title?: string | null;
  body?: string | null;
  occurred_at: string;
  actor_name?: string | null;
  data?: unknown;
}

export interface TraceEntry {
  id: string | number;
  queue: string;
  job_id?: string | null;
  attempt: number;
  outcome: string;
  detail?: string | null;
  started_at: string;
  duration_ms: number;
}

export interface FormEmbed {
  hosted_url: string;
  snippet: string;
}

export interface PartnerTestResult {
  id: string;
  format: string;
  payload: unknown;
}

/** What an import starts with; each part left out keeps what the import holds (the proposed mapping at first). */
export interface ImportSettings {
  mapping?: Record<string, string>;
  defaults?: ImportDefaults;
  options?: ImportOptions;
}

export type ImportControl = "pause" | "resume" | "cancel";

/** A rule as `PUT .../set` and `.../dry_run` take it: no position or priority (the list's order is). */
export type RulePayload<R> = Omit<R, "position" | "priority">;

export interface LeadhubDataProvider extends DataProvider {
  /** A board's exact count and sum per column (opportunities by stage_id, leads by status), with the list's filter. */
  getBoardSummary(resource: string, filter: Record<string, unknown>): Promise<SummaryRow[]>;
  getDashboard(): Promise<Dashboard>;
  getQueues(): Promise<QueueCounts[]>;
  getLeadTimeline(id: string): Promise<TimelineEntry[]>;
  /** An account's, contact's or deal's story, newest first (an account's takes in its contacts' and deals'). */
  getRecordTimeline(type: "account" | "contact" | "opportunity", id: string): Promise<TimelineEntry[]>;
  getLeadTrace(id: string): Promise<TraceEntry[]>;
  getSourceHealth(resource: "partners" | "forms", id: string): Promise<SourceHealth>;
  getFormEmbed(id: string): Promise<FormEmbed>;
  rotatePartnerKeys(id: string): Promise<{ id: string; apiKey: string; signingSecret: string }>;
  sendPartnerTest(id: string, format: string): Promise<PartnerTestResult>;
  replayInboundEvent(id: string): Promise<{ id: string; status: string }>;
  /** The event's raw message or body as a file (needs the Bearer token, so not a plain link). */
  downloadInboundRaw(id: string): Promise<DownloadedFile>;
  /** Any file under /api (error files, CSV exports), fetched with the session's token. */
  downloadFile(path: string, fallbackName: string): Promise<DownloadedFile>;
  getDuplicateComparison(reviewId: string): Promise<DuplicateComparison>;
  mergeDuplicate(reviewId: string, body: MergeRequest): Promise<MergeResult>;
  /** "Not a duplicate": closes the review and remembers the pair. */
  dismissDuplicate(reviewId: string): Promise<DuplicateReview>;
  getLeadMerges(leadId: string): Promise<LeadMerge[]>;
  /** Undoes the lead's most recent merge; 404 when there is none left. */
  undoLastMerge(leadId: string): Promise<UndoResult>;
  getDedupRules(): Promise<RulesResponse>;
  /** 422 `dedup_invalid_rules` carries per-field messages in the HttpError body's `errors`. */
  saveDedupRules(rules: MatchRules): Promise<RulesResponse>;
  /** 409 `dedup_scan_running` while another scan is queued or running. */
  startDedupScan(autoMerge: boolean): Promise<DedupScan>;
  getDedupScan(id: string): Promise<DedupScan>;
  /** Multipart upload; `start` runs it at once. 413 `import_too_large`, 422 `import_empty_file` / `import_invalid_mapping`. */
  uploadImport(file: File, settings?: ImportSettings & { start?: boolean }, upload?: UploadOptions): Promise<ImportRecord>;
  getImport(id: string): Promise<ImportRecord>;
  /** Staged imports only; 409 `import_wrong_status` otherwise. */
  startImport(id: string, settings: ImportSettings): Promise<ImportRecord>;
  /** 409 `import_wrong_status` (with `details.status`) when the import is not in a state that allows it. */
  controlImport(id: string, control: ImportControl): Promise<ImportRecord>;
  /** The whole set in its order as one new version; a re-score of every lead follows (its run id). 422 `scoring_invalid_rules`. */
  publishScoringRules(rules: RulePayload<ScoringRule>[]): Promise<{ version: number; rescore_run_id: string }>;
  /** The whole set in its order (first match wins) as one new version. 422 `assignment.*`. */
  publishAssignmentRules(rules: RulePayload<AssignmentRule>[]): Promise<{ version: number }>;
  dryRunScoringRules(rules: RulePayload<ScoringRule>[], limit: number): Promise<ScoringDryRun>;
  dryRunAssignmentRules(rules: RulePayload<AssignmentRule>[], limit: number): Promise<AssignmentDryRun>;
  /** One condition on one lead, every check's verdict with the lead's value. */
  testCondition(condition: Group, leadId: string): Promise<RuleTestResult>;
  getScoringSettings(): Promise<ScoringSettingsResponse>;
  saveScoringSettings(settings: ScoringSettings): Promise<ScoringSettingsResponse>;
  getAssignmentSettings(): Promise<AssignmentSettings>;
  saveAssignmentSettings(settings: AssignmentSettings): Promise<AssignmentSettings>;
  /** Newest first. */
  getScoreHistory(leadId: string): Promise<ScoreHistoryEntry[]>;
  /** What converting the lead would match or create. */
  getConversionPreview(leadId: string): Promise<ConversionPlan>;
  /** Account + contact + deal, once: a converted lead answers the ids it already has. */
  convertLead(leadId: string, overrides: ConversionOverrides): Promise<Converted>;
  /** One email step's templates rendered with a lead; 422 `invalid_template` when one does not parse. */
  previewSequenceEmail(body: EmailPreviewRequest): Promise<EmailPreview>;
  getSequenceStats(id: string, range: { from: string; to: string }): Promise<SequenceStats>;
  /** By ids or by the leads list's filter; leads already in it or that cannot be mailed are skipped. */
  enrollInSequence(
    id: string,
    body: { lead_ids?: string[]; filter?: Record<string, unknown> },
  ): Promise<{ enrolled: number; skipped: number }>;
  /** Settles an `unknown` message: did the SMTP call go through after all? */
  reconcileEmail(id: string, outcome: "sent" | "not_sent"): Promise<unknown>;
  getNurtureSettings(): Promise<NurtureSettings>;
  saveNurtureSettings(settings: NurtureSettings): Promise<NurtureSettings>;
}

export interface EmailPreviewRequest {
  subject: string;
  body_text: string;
  body_html: string;
  lead_id: string;
}
export interface EmailPreview {
  subject: string;
  text: string;
  html: string;
}

const rest = simpleRestProvider(API_URL, httpClient);

/** simple-rest with console resource names translated to the API's (see API_RESOURCE_NAMES). */
const base: DataProvider = {
  getList: (resource, params) => rest.getList(apiResourceName(resource), params),
  getOne: (resource, params) => rest.getOne(apiResourceName(resource), params),
  getMany: (resource, params) => rest.getMany(apiResourceName(resource), params),
  getManyReference: (resource, params) => rest.getManyReference(apiResourceName(resource), params),
  update: (resource, params) => rest.update(apiResourceName(resource), params),
  updateMany: (resource, params) => rest.updateMany(apiResourceName(resource), params),
  create: (resource, params) => rest.create(apiResourceName(resource), params),
  delete: (resource, params) => rest.delete(apiResourceName(resource), params),
  deleteMany: (resource, params) => rest.deleteMany(apiResourceName(resource), params),
};
const extraReadOnly = { leads: LEAD_READ_ONLY_FIELDS };

async function getJson<T>(path: string): Promise<T> {
  const { json } = await httpClient(`${API_URL}${path}`);
  return json as T;
}

async function postJson<T>(path: string, body: unknown = {}): Promise<T> {
  const { json } = await httpClient(`${API_URL}${path}`, { method: "POST", body: JSON.stringify(body) });
  return json as T;
}

async function putJson<T>(path: string, body: unknown): Promise<T> {
  const { json } = await httpClient(`${API_URL}${path}`, { method: "PUT", body: JSON.stringify(body) });
  return json as T;
}

const seg = encodeURIComponent;
const RECORD_PATHS = { account: "accounts", contact: "contacts", opportunity: "opportunities" } as const;

export const dataProvider: LeadhubDataProvider = {
  ...base,
  // simple-rest PUTs the whole form record; computed columns are dropped so the API sees only edits.
  update: (resource: string, params: UpdateParams) =>
    base.update(resource, { ...params, data: writablePayload(apiResourceName(resource), params.data, extraReadOnly) }),
  getBoardSummary: (resource, filter) =>
    getJson<SummaryRow[]>(`/${apiResourceName(resource)}/summary?filter=${seg(JSON.stringify(filter))}`),
  getDashboard: () => getJson<Dashboard>("/reports/dashboard"),
  getQueues: () => getJson<QueueCounts[]>("/queues"),
  getLeadTimeline: (id) => getJson<TimelineEntry[]>(`/leads/${encodeURIComponent(id)}/timeline`),
  getRecordTimeline: (type, id) => getJson<TimelineEntry[]>(`/${RECORD_PATHS[type]}/${seg(id)}/timeline`),
  getLeadTrace: (id) => getJson<TraceEntry[]>(`/leads/${encodeURIComponent(id)}/trace`),
  getSourceHealth: (resource, id) => getJson<SourceHealth>(`/${resource}/${seg(id)}/health`),
  getFormEmbed: (id) => getJson<FormEmbed>(`/forms/${seg(id)}/embed`),
  rotatePartnerKeys: (id) => postJson(`/partners/${seg(id)}/rotate`),
  sendPartnerTest: (id, format) => postJson<PartnerTestResult>(`/partners/${seg(id)}/test`, { format }),
  replayInboundEvent: (id) => postJson(`/inbound_events/${seg(id)}/replay`),
  getDuplicateComparison: (id) => getJson<DuplicateComparison>(`/duplicate_reviews/${seg(id)}/comparison`),
  mergeDuplicate: (id, body) => postJson<MergeResult>(`/duplicate_reviews/${seg(id)}/merge`, body),
  dismissDuplicate: (id) => postJson<DuplicateReview>(`/duplicate_reviews/${seg(id)}/dismiss`),
  getLeadMerges: (id) => getJson<LeadMerge[]>(`/leads/${seg(id)}/merges`),
  undoLastMerge: (id) => postJson<UndoResult>(`/leads/${seg(id)}/merges/undo`),
  getDedupRules: () => getJson<RulesResponse>("/dedup/rules"),
  saveDedupRules: (rules) => putJson<RulesResponse>("/dedup/rules", rules),
  startDedupScan: (autoMerge) => postJson<DedupScan>("/dedup_scans", { auto_merge: autoMerge }),
  getDedupScan: (id) => getJson<DedupScan>(`/dedup_scans/${seg(id)}`),
  downloadInboundRaw: (id) => fetchFile(`${API_URL}/inbound_events/${seg(id)}/raw`, `${id}.txt`),
  downloadFile: (path, fallbackName) => fetchFile(`${API_URL}${path}`, fallbackName),
  uploadImport(file, settings = {}, upload) {
    const form = new FormData();
    if (settings.mapping) form.append("mapping", JSON.stringify(settings.mapping));
    if (settings.defaults) form.append("defaults", JSON.stringify(settings.defaults));
    if (settings.options) form.append("options", JSON.stringify(settings.options));
    if (settings.start) form.append("start", "true");
    form.append("file", file, file.name);
    return uploadForm<ImportRecord>(`${API_URL}/imports`, form, upload);
  },
  getImport: (id) => getJson<ImportRecord>(`/imports/${seg(id)}`),
  startImport: (id, settings) => postJson<ImportRecord>(`/imports/${seg(id)}/start`, settings),
  controlImport: (id, control) => postJson<ImportRecord>(`/imports/${seg(id)}/${control}`),
  publishScoringRules: (rules) => putJson("/scoring_rules/set", { rules }),
  publishAssignmentRules: (rules) => putJson("/assignment_rules/set", { rules }),
  dryRunScoringRules: (rules, limit) => postJson<ScoringDryRun>("/scoring_rules/dry_run", { rules, limit }),
  dryRunAssignmentRules: (rules, limit) => postJson<AssignmentDryRun>("/assignment_rules/dry_run", { rules, limit }),
  testCondition: (condition, leadId) => postJson<RuleTestResult>("/rules/test", { condition, lead_id: leadId }),
  getScoringSettings: () => getJson<ScoringSettingsResponse>("/scoring_settings"),
  saveScoringSettings: (settings) => putJson<ScoringSettingsResponse>("/scoring_settings", settings),
  getAssignmentSettings: () => getJson<AssignmentSettings>("/assignment_settings"),
  saveAssignmentSettings: (settings) => putJson<AssignmentSettings>("/assignment_settings", settings),
  getScoreHistory: (id) => getJson<ScoreHistoryEntry[]>(`/leads/${seg(id)}/score_history`),
  getConversionPreview: (id) => getJson<ConversionPlan>(`/leads/${seg(id)}/convert/preview`),
  convertLead: (id, overrides) => postJson<Converted>(`/leads/${seg(id)}/convert`, overrides),
  previewSequenceEmail: (body) => postJson<EmailPreview>("/sequences/preview", body),
  getSequenceStats: (id, { from, to }) => getJson<SequenceStats>(`/sequences/${seg(id)}/stats?from=${seg(from)}&to=${seg(to)}`),
  enrollInSequence: (id, body) => postJson(`/sequences/${seg(id)}/enroll`, body),
  reconcileEmail: (id, outcome) => postJson(`/email_messages/${seg(id)}/reconcile`, { outcome }),
  getNurtureSettings: () => getJson<NurtureSettings>("/nurture/settings"),
  saveNurtureSettings: (settings) => putJson<NurtureSettings>("/nurture/settings", settings),
};

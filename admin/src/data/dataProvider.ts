import simpleRestProvider from "ra-data-simple-rest";
import type { DataProvider, UpdateParams } from "react-admin";
import { httpClient } from "./httpClient.ts";
import { writablePayload } from "./apiModel.ts";
import { LEAD_READ_ONLY_FIELDS } from "../resources/leads/leadModel.ts";

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
  kind: "activity" | "submission";
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

export interface LeadhubDataProvider extends DataProvider {
  getDashboard(): Promise<Dashboard>;
  getQueues(): Promise<QueueCounts[]>;
  getLeadTimeline(id: string): Promise<TimelineEntry[]>;
  getLeadTrace(id: string): Promise<TraceEntry[]>;
}

const base = simpleRestProvider(API_URL, httpClient);
const extraReadOnly = { leads: LEAD_READ_ONLY_FIELDS };

async function getJson<T>(path: string): Promise<T> {
  const { json } = await httpClient(`${API_URL}${path}`);
  return json as T;
}

export const dataProvider: LeadhubDataProvider = {
  ...base,
  // simple-rest PUTs the whole form record; computed columns are dropped so the API sees only edits.
  update: (resource: string, params: UpdateParams) =>
    base.update(resource, { ...params, data: writablePayload(resource, params.data, extraReadOnly) }),
  getDashboard: () => getJson<Dashboard>("/reports/dashboard"),
  getQueues: () => getJson<QueueCounts[]>("/queues"),
  getLeadTimeline: (id) => getJson<TimelineEntry[]>(`/leads/${encodeURIComponent(id)}/timeline`),
  getLeadTrace: (id) => getJson<TraceEntry[]>(`/leads/${encodeURIComponent(id)}/trace`),
};

// Deals as the console shows them; pure helpers, unit-tested.
import type { Choice } from "../../components/toneModel.ts";

export interface Opportunity {
  id: string;
  name: string;
  value: number | string | null;
  currency: string;
  stage_id: string;
  probability: number;
  forecast_category: string;
  expected_close: string | null;
  actual_close: string | null;
  status: "open" | "won" | "lost";
  loss_reason: string | null;
  account_id: string | null;
  primary_contact_id: string | null;
  lead_id: string | null;
  owner_id: string | null;
  stage_changed_at: string | null;
  [field: string]: unknown;
}

export const OPPORTUNITY_STATUSES: readonly Choice[] = [
  { id: "open", name: "Open", tone: "blue" },
  { id: "won", name: "Won", tone: "green" },
  { id: "lost", name: "Lost", tone: "red" },
];

export const FORECAST_CATEGORIES: readonly Choice[] = [
  { id: "pipeline", name: "Pipeline", tone: "grey" },
  { id: "best_case", name: "Best case", tone: "blue" },
  { id: "commit", name: "Commit", tone: "indigo" },
  { id: "closed", name: "Closed", tone: "green" },
  { id: "omitted", name: "Omitted", tone: "grey" },
];

/** A date without its time, as Indian users write it ("5 Dec 2026"); blank for none. */
export function formatDay(value: unknown): string {
  if (value === null || value === undefined || value === "") return "";
  const date = new Date(String(value));
  if (Number.isNaN(date.getTime())) return "";
  return date.toLocaleDateString("en-IN", { day: "numeric", month: "short", year: "numeric" });
}

/**
 * What an edit form sends: a stage change without a probability of its own takes the new stage's
 * (the API keeps a probability it is sent, and the form always holds the old one).
 */
export function editPayload(data: Record<string, unknown>, previous: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!previous || data.stage_id === previous.stage_id || data.probability !== previous.probability) return data;
  const { probability: _, ...rest } = data;
  return rest;
}

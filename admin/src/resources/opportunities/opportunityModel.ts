// Deals as the console shows them; pure helpers, unit-tested.
import { choicesOf } from "../../components/toneModel.ts";
import {
  FORECAST_CATEGORIES as CATEGORIES,
  OPPORTUNITY_STATUSES as STATUSES,
  type ForecastCategory,
  type OpportunityStatus,
} from "../../../../core/vocabulary.ts";
import { DEFAULT_LOCALE, formatDate } from "../../components/dates.ts";

export interface Opportunity {
  id: string;
  name: string;
  value: number | string | null;
  currency: string;
  stage_id: string;
  probability: number;
  forecast_category: ForecastCategory;
  expected_close: string | null;
  actual_close: string | null;
  status: OpportunityStatus;
  loss_reason: string | null;
  account_id: string | null;
  primary_contact_id: string | null;
  lead_id: string | null;
  owner_id: string | null;
  stage_changed_at: string | null;
  [field: string]: unknown;
}

export const OPPORTUNITY_STATUSES = choicesOf(STATUSES, { open: ["Open", "blue"], won: ["Won", "green"], lost: ["Lost", "red"] });

export const FORECAST_CATEGORIES = choicesOf(CATEGORIES, {
  pipeline: ["Pipeline", "grey"],
  best_case: ["Best case", "blue"],
  commit: ["Commit", "indigo"],
  closed: ["Closed", "green"],
  omitted: ["Omitted", "grey"],
});

/** A date without its time in the tenant's locale ("5 Dec 2026" in en-IN); blank for none. */
export function formatDay(value: unknown, locale: string = DEFAULT_LOCALE): string {
  return formatDate(value, locale);
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

// Accounts as the console shows them; pure helpers, unit-tested.
import { type Tone, choicesOf } from "../../components/toneModel.ts";
import { ACCOUNT_TYPES as TYPES, type AccountType } from "../../../../core/vocabulary.ts";

export interface Account {
  id: string;
  name: string;
  type: AccountType;
  industry: string | null;
  gstin: string | null;
  website: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
  owner_id: string | null;
  health_score: number | null;
  health_reasons: unknown;
  lifecycle_stage: string | null;
  annual_revenue: number | string | null;
  currency: string | null;
  [field: string]: unknown;
}

export const ACCOUNT_TYPES = choicesOf(TYPES, {
  prospect: ["Prospect", "blue"],
  customer: ["Customer", "green"],
  partner: ["Partner", "violet"],
});

/** Health as a traffic light: most CRMs read 70+ as healthy and under 40 as at risk. */
export function healthTone(score: unknown): Tone {
  if (score === null || score === undefined || score === "") return "grey";
  const n = Number(score);
  if (!Number.isFinite(n)) return "grey";
  return n >= 70 ? "green" : n >= 40 ? "amber" : "red";
}

/** A website as a link that opens: "acme.in" gets its scheme, one that has it keeps it. */
export function websiteHref(website: string | null | undefined): string | null {
  const w = website?.trim();
  if (!w) return null;
  return /^https?:\/\//i.test(w) ? w : `https://${w}`;
}

/** The account's place in one line: "Pune, Maharashtra, India". */
export function accountPlace(a: Pick<Account, "city" | "state" | "country">): string {
  return [a.city, a.state, a.country].filter(Boolean).join(", ");
}

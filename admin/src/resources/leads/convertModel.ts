// Converting a lead, as the preview dialog words it; pure helpers, unit-tested.
import { formatBudget } from "./leadModel.ts";

/** `GET /api/leads/:id/convert/preview` (core/crm/convert.ts `ConversionPlan`). */
export interface ConversionPlan {
  lead: { id: string; lead_number: string; name: string; converted: boolean };
  account: {
    action: "match" | "create";
    id: string | null;
    name: string;
    matched_by: "gstin" | "email domain" | "company name" | "chosen" | null;
  };
  contact: { action: "match" | "create"; id: string | null; name: string; email: string | null; phone: string | null };
  opportunity: {
    name: string;
    value: number | null;
    currency: string;
    stage_id: string;
    stage: string;
    probability: number;
    owner_id: string | null;
  };
}

/** What `POST /api/leads/:id/convert` may change from the plan. */
export interface ConversionOverrides {
  account_id?: string;
  opportunity_name?: string;
  value?: number | null;
  stage_id?: string;
  owner_id?: string;
}

export interface Converted {
  account_id: string;
  contact_id: string;
  opportunity_id: string;
}

/** The deal fields the dialog lets a person change before converting. */
export interface DealEdits {
  name: string;
  /** As typed: blank means no value. */
  value: string;
  stage_id: string;
}

const MATCHED_BY: Record<NonNullable<ConversionPlan["account"]["matched_by"]>, string> = {
  gstin: "same GSTIN",
  "email domain": "same email domain",
  "company name": "same company name",
  chosen: "chosen",
};

export interface PreviewLine {
  kind: "account" | "contact" | "opportunity";
  action: "match" | "create";
  text: string;
}

/** One sentence per record: what is matched (and why) and what is created. */
export function previewLines(plan: ConversionPlan, deal?: DealEdits, stageName?: string): PreviewLine[] {
  const { account, contact, opportunity } = plan;
  const reach = [contact.email, contact.phone].filter(Boolean).join(" · ");
  const value = deal ? parseValue(deal.value) : opportunity.value;
  return [
    {
      kind: "account",
      action: account.action,
      text:
        account.action === "match"
          ? `Add to the existing account “${account.name}”${account.matched_by ? ` (${MATCHED_BY[account.matched_by]})` : ""}`
          : `Create the account “${account.name}”`,
    },
    {
      kind: "contact",
      action: contact.action,
      text:
        contact.action === "match"
          ? `Use the contact “${contact.name}” already at that account`
          : `Create the contact “${contact.name}”${reach ? ` (${reach})` : ""}`,
    },
    {
      kind: "opportunity",
      action: "create",
      text: `Open the deal “${deal?.name.trim() || opportunity.name}” in ${stageName ?? opportunity.stage}${value != null ? `, worth ${formatBudget(value, opportunity.currency)}` : ", no value yet"}`,
    },
  ];
}

/** The dialog's starting deal fields, from the plan. */
export function initialEdits(plan: ConversionPlan): DealEdits {
  return {
    name: plan.opportunity.name,
    value: plan.opportunity.value == null ? "" : String(plan.opportunity.value),
    stage_id: plan.opportunity.stage_id,
  };
}

function parseValue(text: string): number | null {
  const t = text.replace(/[,\s₹]/g, "");
  if (!t) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** A typed value the API would refuse (not a number, or negative); null when it is fine. */
export function valueError(text: string): string | null {
  const t = text.replace(/[,\s₹]/g, "");
  if (!t) return null;
  const n = Number(t);
  return Number.isFinite(n) && n >= 0 ? null : "An amount, e.g. 4500000 or 45,00,000";
}

/** Only what the person changed is sent, so the API's own choices (owner, matching) stand otherwise. */
export function overridesFrom(plan: ConversionPlan, edits: DealEdits): ConversionOverrides {
  const out: ConversionOverrides = {};
  const name = edits.name.trim();
  if (name && name !== plan.opportunity.name) out.opportunity_name = name;
  const value = parseValue(edits.value);
  if (value !== plan.opportunity.value) out.value = value;
  if (edits.stage_id && edits.stage_id !== plan.opportunity.stage_id) out.stage_id = edits.stage_id;
  return out;
}

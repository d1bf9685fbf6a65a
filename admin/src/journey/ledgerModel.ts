// Inventory, bookings and the account ledger: what the lists, the picker and the statement show.
import { choicesOf } from "../components/toneModel.ts";
import { toAmount } from "./moneyModel.ts";
import {
  BOOKING_STATUSES as BOOKING,
  CAMPAIGN_STATUSES as CAMPAIGN,
  CAMPAIGN_TYPES,
  LEDGER_TYPES as LEDGER,
  SOURCE_CHANNELS,
  type LedgerType,
} from "../../../core/vocabulary.ts";

export { CAMPAIGN_TYPES, SOURCE_CHANNELS };

export const BOOKING_STATUSES = choicesOf(BOOKING, {
  pending: ["Pending", "amber"],
  confirmed: ["Confirmed", "green"],
  on_hold: ["On hold", "orange"],
  completed: ["Completed", "teal"],
  cancelled: ["Cancelled", "red"],
});

export const LEDGER_TYPES = choicesOf(LEDGER, {
  invoice: ["Invoice", "blue"],
  payment: ["Payment", "green"],
  credit_note: ["Credit note", "teal"],
  debit_note: ["Debit note", "orange"],
  adjustment: ["Adjustment", "grey"],
});

export const CAMPAIGN_STATUSES = choicesOf(CAMPAIGN, {
  planned: ["Planned", "grey"],
  active: ["Active", "green"],
  paused: ["Paused", "amber"],
  completed: ["Completed", "teal"],
  cancelled: ["Cancelled", "red"],
});

export interface UnitInventory {
  id: string;
  project: string;
  unit_type: string;
  units_total: number;
  units_booked: number;
  units_available: number;
  unit_price?: number | string | null;
  currency?: string | null;
}

/** Booked and available as shares of the total, for the bar (0..100, rounded to a tenth). */
export function inventoryBar(u: Pick<UnitInventory, "units_total" | "units_booked" | "units_available">): {
  booked: number;
  available: number;
  bookedPct: number;
  availablePct: number;
  total: number;
} {
  const total = Math.max(0, Number(u.units_total) || 0);
  const booked = Math.min(total, Math.max(0, Number(u.units_booked) || 0));
  const available = u.units_available == null ? total - booked : Math.max(0, Number(u.units_available) || 0);
  const pct = (n: number) => (total ? Math.round((n / total) * 1000) / 10 : 0);
  return { total, booked, available, bookedPct: pct(booked), availablePct: pct(available) };
}

/** The picker's line: "Skyline · 2BHK — 12 of 40 available". */
export function inventoryLabel(u: UnitInventory): string {
  return `${u.project} · ${u.unit_type} — ${inventoryBar(u).available} of ${Number(u.units_total) || 0} available`;
}

/** A booking's amount before anyone types one: units × unit price, when the price is known. */
export function suggestedAmount(u: Pick<UnitInventory, "unit_price"> | null | undefined, units: unknown): number | null {
  const price = toAmount(u?.unit_price);
  const n = Number(units);
  if (price === null || !Number.isFinite(n) || n <= 0) return null;
  return Math.round(price * n * 100) / 100;
}

/** A booking asks for no more units than are free; the API refuses with 409 insufficient_units anyway. */
export function bookingUnitsError(
  u: Pick<UnitInventory, "units_total" | "units_booked" | "units_available"> | null | undefined,
  units: unknown,
): string | undefined {
  const n = Number(units);
  if (!Number.isInteger(n) || n <= 0) return "At least one whole unit";
  if (u && n > inventoryBar(u).available) return `Only ${inventoryBar(u).available} available`;
  return undefined;
}

export interface LedgerEntry {
  id?: string;
  seq?: number | null;
  type: LedgerType;
  amount: number | string;
  effect?: number | string | null;
  balance_after?: number | string | null;
  date?: string | null;
  entry_date?: string | null;
  document_ref?: string | null;
  document_url?: string | null;
  booking_id?: string | null;
  description?: string | null;
}

export interface StatementRow {
  key: string;
  seq: number | null;
  date: string;
  type: string;
  description: string;
  documentRef: string | null;
  documentUrl: string | null;
  /** What it adds to what the customer owes (invoices, debit notes, positive adjustments). */
  debit: number | null;
  /** What it takes off (payments, credit notes, negative adjustments). */
  credit: number | null;
  balance: number;
}

export interface Statement {
  rows: StatementRow[];
  invoiced: number;
  paid: number;
  outstanding: number;
  /** 0..1, null when nothing was invoiced. */
  collection: number | null;
  /** The balance brought forward from before the period. */
  opening: number;
  /** The API's check of the stored balance against the entries' sum; null when it did not say. */
  balanced: boolean | null;
  accountName: string | null;
}

/** Signed effect on what the customer owes, from the entry's type when the API did not send `effect`. */
export function entryEffect(e: Pick<LedgerEntry, "type" | "amount" | "effect">): number {
  const effect = toAmount(e.effect);
  if (effect !== null) return effect;
  const amount = toAmount(e.amount) ?? 0;
  if (e.type === "payment" || e.type === "credit_note") return -Math.abs(amount);
  if (e.type === "adjustment") return amount;
  return Math.abs(amount);
}

const pickNumber = (o: Record<string, unknown>, ...keys: string[]): number | null => {
  for (const k of keys) {
    const n = toAmount(o[k]);
    if (n !== null) return n;
  }
  return null;
};

/**
 * GET /api/reports/ledger/:accountId as the statement shows it: entries in ledger order with debit,
 * credit and running balance (the API's `balance_after`, or summed here when absent), and the totals.
 */
export function statementFrom(raw: unknown): Statement {
  const o = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const list = (Array.isArray(raw) ? raw : Array.isArray(o.entries) ? o.entries : Array.isArray(o.rows) ? o.rows : []) as LedgerEntry[];
  const sorted = [...list].sort(
    (a, b) =>
      (Number(a.seq) || 0) - (Number(b.seq) || 0) ||
      String(a.entry_date ?? a.date ?? "").localeCompare(String(b.entry_date ?? b.date ?? "")),
  );
  const opening = pickNumber(o, "opening_balance") ?? 0;
  let running = opening;
  let invoiced = 0;
  let paid = 0;
  const rows = sorted.map((e, i) => {
    const effect = entryEffect(e);
    running = toAmount(e.balance_after) ?? Math.round((running + effect) * 100) / 100;
    if (e.type === "invoice" || e.type === "debit_note") invoiced += Math.abs(toAmount(e.amount) ?? 0);
    if (e.type === "payment") paid += Math.abs(toAmount(e.amount) ?? 0);
    return {
      key: String(e.id ?? e.seq ?? i),
      seq: e.seq == null ? null : Number(e.seq),
      date: String(e.entry_date ?? e.date ?? "").slice(0, 10),
      type: e.type,
      description: e.description?.trim() || "",
      documentRef: e.document_ref ?? null,
      documentUrl: e.document_url ?? null,
      debit: effect > 0 ? effect : null,
      credit: effect < 0 ? -effect : null,
      balance: running,
    };
  });
  const summary = (o.summary && typeof o.summary === "object" ? o.summary : o) as Record<string, unknown>;
  const inv = pickNumber(summary, "invoiced", "total_invoiced") ?? invoiced;
  const pd = pickNumber(summary, "paid", "total_paid", "collected") ?? paid;
  const outstanding = pickNumber(summary, "outstanding", "balance", "closing_balance") ?? running;
  let collection = pickNumber(summary, "collection_rate", "collection_ratio");
  const pct = pickNumber(summary, "collection_pct", "collection_percent", "collection_percentage");
  if (collection === null && pct !== null) collection = pct / 100;
  if (collection === null) collection = inv ? pd / inv : null;
  const checkObj =
    summary.balance_check && typeof summary.balance_check === "object" ? (summary.balance_check as Record<string, unknown>).ok : undefined;
  const check = checkObj ?? summary.balanced ?? summary.balance_matches ?? summary.is_balanced ?? summary.balance_ok;
  const accountObj = (o.account && typeof o.account === "object" ? o.account : null) as Record<string, unknown> | null;
  return {
    rows,
    opening,
    invoiced: inv,
    paid: pd,
    outstanding,
    collection,
    balanced: typeof check === "boolean" ? check : null,
    accountName: typeof accountObj?.name === "string" ? accountObj.name : typeof o.account_name === "string" ? o.account_name : null,
  };
}

export interface EntryForm {
  type: string;
  amount: string;
  date: string;
  document_ref: string;
  description: string;
}

export function entryErrors(f: EntryForm): Partial<Record<keyof EntryForm, string>> {
  const e: Partial<Record<keyof EntryForm, string>> = {};
  if (!LEDGER_TYPES.some((t) => t.id === f.type)) e.type = "Pick a type";
  const n = Number(f.amount);
  if (!f.amount.trim() || !Number.isFinite(n)) e.amount = "An amount";
  else if (f.type !== "adjustment" && n <= 0) e.amount = "More than zero (adjustments may be negative)";
  else if (n === 0) e.amount = "Not zero";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.date)) e.date = "A date";
  return e;
}

/** POST /api/ledger_entries. */
export function entryPayload(accountId: string, f: EntryForm): Record<string, unknown> {
  const body: Record<string, unknown> = {
    account_id: accountId,
    type: f.type,
    amount: Number(f.amount),
    date: f.date,
    document_ref: f.document_ref.trim() || undefined,
    description: f.description.trim() || undefined,
  };
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
}

import type { Knex } from "knex";
import type { LedgerType } from "../vocabulary.ts";
import { unprocessable } from "../errors.ts";

export interface LedgerInput {
  tenantId: string;
  accountId: string;
  type: LedgerType;
  /** Positive, except an adjustment, which carries its own sign. */
  amount: number;
  /** YYYY-MM-DD; the tenant's today (in its time zone) when absent. */
  entryDate?: string | null;
  currency?: string | null;
  documentRef?: string | null;
  documentUrl?: string | null;
  bookingId?: string | null;
  description?: string | null;
  createdBy?: string | null;
  now: Date;
}

export const LEDGER_COLUMNS = [
  "id",
  "account_id",
  "type",
  "amount",
  "effect",
  "balance_after",
  "seq",
  "currency",
  "entry_date",
  "document_ref",
  "document_url",
  "booking_id",
  "description",
  "created_by",
  "created_at",
  "updated_at",
];

/** What an entry does to what the customer owes: invoices and debit notes add, payments and credit notes subtract. */
export function ledgerEffect(type: LedgerType, amount: number): number {
  if (type === "adjustment") return amount;
  if (amount <= 0)
    throw unprocessable("ledger_amount_not_positive", `a ${type} needs a positive amount (only an adjustment carries a sign)`);
  return type === "invoice" || type === "debit_note" ? amount : -amount;
}

/**
 * Appends one entry to an account's ledger, in the caller's transaction. One statement: the
 * UPDATE of the account takes its row lock (concurrent entries queue behind it and then see the
 * committed balance), moves its balance and sequence, and the entry is written with what it
 * returns, so seq has no gaps and balance_after is always the running sum in seq order.
 */
export async function postLedgerEntry(trx: Knex, e: LedgerInput): Promise<Record<string, unknown>> {
  if (e.type === "adjustment" && e.amount === 0) throw unprocessable("ledger_amount_zero", "an adjustment of zero changes nothing");
  const effect = ledgerEffect(e.type, e.amount);
  const { rows } = await trx.raw(
    `WITH acc AS (
       UPDATE accounts SET ledger_balance = ledger_balance + ?::numeric, ledger_seq = ledger_seq + 1
       WHERE id = ? AND tenant_id = ? AND deleted_at IS NULL
       RETURNING id, tenant_id, ledger_balance, ledger_seq, currency
     )
     INSERT INTO ledger_entries (tenant_id, account_id, type, amount, effect, balance_after, seq, currency, entry_date, document_ref, document_url, booking_id, description, created_by, created_at, updated_at)
     SELECT acc.tenant_id, acc.id, ?, ?::numeric, ?::numeric, acc.ledger_balance, acc.ledger_seq, coalesce(?, acc.currency),
            coalesce(?::date, (SELECT (?::timestamptz AT TIME ZONE t.time_zone)::date FROM tenants t WHERE t.id = acc.tenant_id)),
            ?, ?, ?, ?, ?, ?, ?
     FROM acc
     RETURNING ${LEDGER_COLUMNS.join(", ")}, entry_date AS date`,
    [
      effect,
      e.accountId,
      e.tenantId,
      e.type,
      e.amount,
      effect,
      e.currency ?? null,
      e.entryDate ?? null,
      e.now,
      e.documentRef ?? null,
      e.documentUrl ?? null,
      e.bookingId ?? null,
      e.description ?? null,
      e.createdBy ?? null,
      e.now,
      e.now,
    ],
  );
  if (!rows.length) throw unprocessable("ledger_unknown_account", "account_id is not an account of this tenant");
  return rows[0];
}

import type { Knex } from "knex";
import { notFound } from "../errors.ts";
import { money, type ReportScope } from "./scope.ts";

/**
 * An account's statement: its entries dated in the range, in seq order, each with the running
 * balance stored on it; the opening balance (everything dated before `from`) and closing balance
 * (everything dated up to `to`); invoiced (invoices and debit notes), paid (payments), credited
 * (credit notes) in the range; outstanding = the closing balance; collection % = paid ÷ invoiced.
 * `balance_check` sets the account's stored balance beside the sum of every entry's effect: ok only
 * when they agree and every entry's balance_after equals the running sum up to it.
 * A rep reads the ledgers of accounts they own; any other account is not found.
 */
export async function ledgerReport(db: Knex, s: ReportScope, accountId: string) {
  const account = await db("accounts")
    .where({ id: accountId, tenant_id: s.tenantId })
    .whereNull("deleted_at")
    .modify((q) => {
      if (s.ownerId) q.where("owner_id", s.ownerId);
    })
    .first("id", "name", "currency", "ledger_balance", "ledger_seq");
  if (!account) throw notFound("account");
  const inRange = "(?::date IS NULL OR entry_date >= ?::date) AND (?::date IS NULL OR entry_date <= ?::date)";
  const rangeB = [s.from, s.from, s.to, s.to];
  const [entries, sums] = await Promise.all([
    db.raw(
      `SELECT seq::int, entry_date::text AS date, type, document_ref, description, booking_id, amount, effect, balance_after
       FROM ledger_entries WHERE account_id = ? AND tenant_id = ? AND ${inRange} ORDER BY seq`,
      [accountId, s.tenantId, ...rangeB],
    ),
    db.raw(
      `SELECT sum(effect) AS sum,
         coalesce(sum(effect) FILTER (WHERE ?::date IS NOT NULL AND entry_date < ?::date), 0) AS opening,
         coalesce(sum(effect) FILTER (WHERE ?::date IS NULL OR entry_date <= ?::date), 0) AS closing,
         coalesce(sum(amount) FILTER (WHERE type IN ('invoice', 'debit_note') AND ${inRange}), 0) AS invoiced,
         coalesce(sum(amount) FILTER (WHERE type = 'payment' AND ${inRange}), 0) AS paid,
         coalesce(sum(amount) FILTER (WHERE type = 'credit_note' AND ${inRange}), 0) AS credited,
         count(*) FILTER (WHERE balance_after <> running)::int AS broken
       FROM (SELECT *, sum(effect) OVER (ORDER BY seq) AS running FROM ledger_entries WHERE account_id = ? AND tenant_id = ?) e`,
      [s.from, s.from, s.to, s.to, ...rangeB, ...rangeB, ...rangeB, accountId, s.tenantId],
    ),
  ]);
  const t = sums.rows[0];
  const invoiced = money(t.invoiced);
  const paid = money(t.paid);
  const stored = money(account.ledger_balance);
  const sum = money(t.sum);
  return {
    account: { id: account.id, name: account.name, currency: account.currency },
    from: s.from,
    to: s.to,
    opening_balance: money(t.opening),
    closing_balance: money(t.closing),
    invoiced,
    paid,
    credited: money(t.credited),
    outstanding: money(t.closing),
    collection_pct: invoiced ? Math.round((paid / invoiced) * 10000) / 100 : null,
    entries: entries.rows.map((r: Record<string, unknown>) => ({
      ...r,
      amount: money(r.amount),
      effect: money(r.effect),
      balance_after: money(r.balance_after),
    })),
    balance_check: { stored, sum, ok: stored === sum && t.broken === 0 },
  };
}

export const LEDGER_COLUMNS = ["seq", "date", "type", "document_ref", "description", "amount", "effect", "balance_after"];

/** What an account's health is computed from (one row per account, from one set-based query). */
export interface AccountSignals {
  /** Days since the last activity on the account, its contacts or its deals; null: never. */
  idle_days: number | null;
  open_deals: number;
  won_last_year: number;
  lost_last_quarter: number;
  overdue_tasks: number;
}

export interface Health {
  score: number;
  reasons: { points: number; reason: string }[];
}

/**
 * An account's health, 0–100, from 50 and its reasons: recent activity, open and won deals lift
 * it; silence, lost deals and overdue tasks lower it. (Overdue ledger balances join when ledgers exist.)
 */
export function accountHealth(s: AccountSignals): Health {
  const reasons: Health["reasons"] = [];
  const add = (points: number, reason: string) => points && reasons.push({ points, reason });
  if (s.idle_days === null) add(-20, "no activity yet");
  else if (s.idle_days <= 14) add(20, `active ${s.idle_days === 0 ? "today" : `${s.idle_days} days ago`}`);
  else if (s.idle_days <= 30) add(10, `active ${s.idle_days} days ago`);
  else if (s.idle_days > 60) add(-20, `silent for ${s.idle_days} days`);
  if (s.open_deals) add(Math.min(20, 5 * s.open_deals), `${s.open_deals} open deal${s.open_deals > 1 ? "s" : ""}`);
  if (s.won_last_year) add(15, `${s.won_last_year} deal${s.won_last_year > 1 ? "s" : ""} won this year`);
  if (s.lost_last_quarter) add(-10, `${s.lost_last_quarter} deal${s.lost_last_quarter > 1 ? "s" : ""} lost this quarter`);
  if (s.overdue_tasks) add(-Math.min(20, 5 * s.overdue_tasks), `${s.overdue_tasks} overdue task${s.overdue_tasks > 1 ? "s" : ""}`);
  const score = Math.max(0, Math.min(100, 50 + reasons.reduce((sum, r) => sum + r.points, 0)));
  return { score, reasons };
}

/**
 * The lifecycle stage the account's deals put it in, moved forward only: a won deal makes a
 * customer, an open one an opportunity. A stage people set that is not on this ladder (churned,
 * partner…) is theirs to change.
 */
export function lifecycleFrom(current: string, s: AccountSignals): string {
  const order = ["prospect", "opportunity", "customer"];
  if (!order.includes(current)) return current;
  const earned = s.won_last_year ? "customer" : s.open_deals ? "opportunity" : "prospect";
  return order.indexOf(earned) > order.indexOf(current) ? earned : current;
}

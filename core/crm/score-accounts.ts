import type { JobContext, JobResult } from "../context.ts";
import { accountHealth, lifecycleFrom, type AccountSignals } from "./health.ts";

const BATCH = 1000;

/**
 * Hourly: every active account's health score with its reasons, and its lifecycle stage moved
 * forward by its deals, from one set-based query and one update per thousand accounts.
 */
export async function scoreAllAccounts(ctx: JobContext): Promise<JobResult> {
  const { db } = ctx;
  let after = "00000000-0000-0000-0000-000000000000";
  let scored = 0;
  let moved = 0;
  for (;;) {
    const now = ctx.clock.now();
    const { rows } = await db.raw(
      `SELECT a.id, a.lifecycle_stage, a.type, a.health_score,
         (SELECT floor(extract(epoch FROM ? - max(x.occurred_at)) / 86400)::int FROM activities x
            WHERE x.tenant_id = a.tenant_id AND x.deleted_at IS NULL AND (
              (x.record_type = 'account' AND x.record_id = a.id)
              OR (x.record_type = 'opportunity' AND x.record_id IN (SELECT o.id FROM opportunities o WHERE o.account_id = a.id))
              OR (x.record_type = 'contact' AND x.record_id IN (SELECT c.id FROM contacts c WHERE c.account_id = a.id)))) AS idle_days,
         (SELECT count(*) FROM opportunities o WHERE o.account_id = a.id AND o.deleted_at IS NULL AND o.status = 'open')::int AS open_deals,
         (SELECT count(*) FROM opportunities o WHERE o.account_id = a.id AND o.deleted_at IS NULL AND o.status = 'won' AND o.actual_close > ?::date - 365)::int AS won_last_year,
         (SELECT count(*) FROM opportunities o WHERE o.account_id = a.id AND o.deleted_at IS NULL AND o.status = 'lost' AND o.actual_close > ?::date - 90)::int AS lost_last_quarter,
         (SELECT count(*) FROM tasks t WHERE t.tenant_id = a.tenant_id AND t.deleted_at IS NULL AND t.done_at IS NULL AND t.due_at < ?
            AND ((t.record_type = 'account' AND t.record_id = a.id)
              OR (t.record_type = 'opportunity' AND t.record_id IN (SELECT o.id FROM opportunities o WHERE o.account_id = a.id))))::int AS overdue_tasks
       FROM accounts a WHERE a.deleted_at IS NULL AND a.is_active AND a.id > ? ORDER BY a.id LIMIT ?`,
      [now, now, now, now, after, BATCH],
    );
    if (!rows.length) break;
    const updates = rows.map((r: AccountSignals & { id: string; lifecycle_stage: string; type: string }) => {
      const h = accountHealth(r);
      const lifecycle = lifecycleFrom(r.lifecycle_stage, r);
      if (lifecycle !== r.lifecycle_stage) moved++;
      return {
        id: r.id,
        score: h.score,
        reasons: h.reasons,
        lifecycle,
        type: lifecycle === "customer" && r.type === "prospect" ? "customer" : r.type,
      };
    });
    await db.raw(
      `UPDATE accounts a SET health_score = v.score, health_reasons = v.reasons, lifecycle_stage = v.lifecycle, type = v.type, updated_at = ?
       FROM json_to_recordset(?::json) AS v(id uuid, score int, reasons jsonb, lifecycle text, type text) WHERE a.id = v.id`,
      [now, JSON.stringify(updates)],
    );
    scored += rows.length;
    after = rows[rows.length - 1].id;
  }
  return { outcome: "done", detail: `${scored} accounts scored, ${moved} moved on in their lifecycle` };
}

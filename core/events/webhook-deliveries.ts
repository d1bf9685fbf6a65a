import type { Knex } from "knex";

/** Why a delivery was cancelled without a person asking: shown in the delivery log. */
export const CANCELLED_INACTIVE = "cancelled: the subscription was deleted or deactivated";

/**
 * Cancels the pending deliveries of subscriptions that are deleted or switched off: of one
 * subscription (in the transaction that deletes or deactivates it), or of all (the sender, each
 * tick, for rows made pending behind the API's back). Answers how many it cancelled. Deliveries
 * being sent right now finish; if they fail they come back pending, and the next tick cancels them.
 */
export async function cancelDeliveriesOfInactive(db: Knex, now: Date, subscriptionId?: string): Promise<number> {
  const { rowCount } = await db.raw(
    `UPDATE webhook_deliveries d SET status = 'cancelled', error = ?, updated_at = ?
     FROM webhook_subscriptions s
     WHERE d.status = 'pending' AND s.id = d.subscription_id AND (NOT s.is_active OR s.deleted_at IS NOT NULL)
       ${subscriptionId ? "AND s.id = ?" : ""}`,
    [CANCELLED_INACTIVE, now, ...(subscriptionId ? [subscriptionId] : [])],
  );
  return rowCount ?? 0;
}

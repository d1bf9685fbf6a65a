import type { Knex } from "knex";
import { writeAudit, type Actor } from "../audit.ts";
import { conflict, notFound } from "../errors.ts";

/** A subscription to events out; its signing secret is stored sealed (the caller seals it, and shows it once). */
export async function createSubscription(
  db: Knex,
  actor: Actor,
  s: { url: string; description?: string | null; events: string[]; secretEnc: string; isActive?: boolean },
) {
  return db.transaction(async (trx) => {
    const [row] = await trx("webhook_subscriptions")
      .insert({
        tenant_id: actor.tenantId,
        url: s.url,
        description: s.description ?? null,
        events: s.events,
        secret_enc: s.secretEnc,
        is_active: s.isActive ?? true,
        created_by: actor.id,
      })
      .returning(["id", "url", "description", "events", "is_active", "created_at", "updated_at"]);
    await writeAudit(trx, actor, "create", "webhook_subscriptions", row.id, { url: s.url, events: s.events });
    return row;
  });
}

const deliveryOf = async (db: Knex, id: string, tenantId: string): Promise<{ status: string }> => {
  const d = await db("webhook_deliveries").where({ id, tenant_id: tenantId }).first("status");
  if (!d) throw notFound("webhook delivery");
  return d;
};

/** A delivery sent again from the start (attempts reset), unless it is being sent or its subscription is gone or off. */
export async function replayDelivery(db: Knex, tenantId: string, id: string, now: Date) {
  const [row] = await db("webhook_deliveries as d")
    .where({ "d.id": id, "d.tenant_id": tenantId })
    .whereNot("d.status", "sending")
    .whereExists((q) =>
      q.from("webhook_subscriptions as s").whereRaw("s.id = d.subscription_id").where("s.is_active", true).whereNull("s.deleted_at"),
    )
    .update({ status: "pending", attempts: 0, next_attempt_at: now, updated_at: now })
    .returning(["id", "status", "next_attempt_at"]);
  if (!row) {
    const d = await deliveryOf(db, id, tenantId);
    if (d.status === "sending") throw conflict("webhooks_sending", "this delivery is being sent right now");
    throw conflict("webhooks_subscription_inactive", "the subscription of this delivery is deleted or deactivated");
  }
  return row;
}

/** A pending delivery cancelled by hand (audited); any other state is a conflict naming it. */
export async function cancelDelivery(db: Knex, actor: Actor, id: string, now: Date) {
  const row = await db.transaction(async (trx) => {
    const [cancelled] = await trx("webhook_deliveries")
      .where({ id, tenant_id: actor.tenantId, status: "pending" })
      .update({ status: "cancelled", error: "cancelled by hand", updated_at: now })
      .returning(["id", "status", "updated_at"]);
    if (cancelled)
      await writeAudit(trx, actor, "cancel", "webhook_deliveries", cancelled.id, { status: { from: "pending", to: "cancelled" } });
    return cancelled;
  });
  if (!row) {
    const d = await deliveryOf(db, id, actor.tenantId);
    throw conflict(
      d.status === "sending" ? "webhooks_sending" : "webhooks_not_pending",
      `only a pending delivery can be cancelled; this one is ${d.status}`,
    );
  }
  return row;
}

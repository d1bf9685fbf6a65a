import type { DbRow } from "../db.ts";
import type { JobContext, JobResult } from "../context.ts";
import { signLeadhub } from "../crypto.ts";
import { outboundFetch } from "../outbound.ts";
import { cancelDeliveriesOfInactive } from "./webhook-deliveries.ts";

const FAN_OUT = 500;
const CLAIM = 50;
const TIMEOUT_MS = 10_000;
/** 30 s, 1, 2, 4 … 32 min, then hourly: the 30th attempt comes about a day after the first; then the delivery is failed (and can be replayed). */
export const MAX_ATTEMPTS = 30;
/** A sender that died mid-send leaves rows "sending"; after this they are due again (receivers dedupe on the event id). */
const STALE_SENDING_MS = 5 * 60_000;

export const backoffMs = (attempts: number) => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3600_000);

/**
 * Events out, every few seconds: the outbox's new events become one delivery per matching
 * subscription (unique per subscription and event), then due deliveries are claimed (SKIP LOCKED:
 * parallel workers never send the same one), POSTed signed like inbound webhooks
 * (`X-Leadhub-Signature: t=…,v1=…`, HMAC-SHA256 of "t.body" with the subscription's secret), and
 * marked delivered, or due again with exponential backoff, or failed after a day.
 */
export async function deliverEvents(ctx: JobContext): Promise<JobResult> {
  const { db } = ctx;
  const now = ctx.clock.now();
  let fanned = 0;
  for (;;) {
    const n = await fanOut(ctx, now);
    fanned += n;
    if (n < FAN_OUT) break;
  }
  await db("webhook_deliveries")
    .where("status", "sending")
    .where("updated_at", "<", new Date(now.getTime() - STALE_SENDING_MS))
    .update({ status: "pending", updated_at: now });

  // A subscription deleted or switched off since (or a row made pending behind the API's back): its deliveries are cancelled, not sent.
  const cancelled = await cancelDeliveriesOfInactive(db, now);

  let delivered = 0;
  let retried = 0;
  let failed = 0;
  for (;;) {
    const { rows } = await db.raw(
      `UPDATE webhook_deliveries d SET status = 'sending', attempts = d.attempts + 1, updated_at = ?
       FROM webhook_subscriptions s, outbox_events e
       WHERE d.id IN (SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
         AND s.id = d.subscription_id AND s.is_active AND s.deleted_at IS NULL AND e.id = d.event_id
       RETURNING d.id, d.attempts, d.event_id, d.event_type, d.tenant_id, s.url, s.secret_enc, e.payload, e.created_at AS occurred_at`,
      [now, now, CLAIM],
    );
    if (!rows.length) break;
    await Promise.all(
      rows.map(async (d: DbRow) => {
        const body = JSON.stringify({
          id: `evt_${d.event_id}`,
          type: d.event_type,
          created_at: d.occurred_at,
          tenant_id: d.tenant_id,
          data: d.payload,
        });
        const started = performance.now();
        let code: number | null = null;
        let error: string | null = null;
        try {
          const res = await outboundFetch(d.url, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              "user-agent": "leadhub-webhooks/1",
              "x-leadhub-event": d.event_type,
              "x-leadhub-event-id": `evt_${d.event_id}`,
              "x-leadhub-delivery": d.id,
              "x-leadhub-signature": signLeadhub(body, ctx.openSecret(d.secret_enc), Math.floor(Date.now() / 1000)),
            },
            body,
            allowPrivate: ctx.settings.outboundAllowPrivate,
            timeoutMs: TIMEOUT_MS,
            // A redirect is the receiver's answer, not an address to re-post signed events to.
            maxRedirects: 0,
            readBody: false,
          });
          code = res.status;
          if (code < 200 || code >= 300) error = `answered ${code}`;
        } catch (err) {
          error = (err as Error).message.slice(0, 500);
        }
        const ms = Math.round(performance.now() - started);
        const at = ctx.clock.now();
        if (!error) {
          delivered++;
          await db("webhook_deliveries")
            .where("id", d.id)
            .update({ status: "delivered", response_code: code, response_ms: ms, error: null, delivered_at: at, updated_at: at });
        } else if (d.attempts >= MAX_ATTEMPTS) {
          failed++;
          await db("webhook_deliveries")
            .where("id", d.id)
            .update({ status: "failed", response_code: code, response_ms: ms, error, updated_at: at });
        } else {
          retried++;
          await db("webhook_deliveries")
            .where("id", d.id)
            .update({
              status: "pending",
              response_code: code,
              response_ms: ms,
              error,
              next_attempt_at: new Date(at.getTime() + backoffMs(d.attempts)),
              updated_at: at,
            });
        }
      }),
    );
  }
  return {
    outcome: "done",
    detail: `${fanned} events fanned out; ${delivered} delivered, ${retried} to retry, ${failed} failed, ${cancelled} cancelled`,
  };
}

/** The outbox's oldest undispatched events become deliveries to their subscribers; answers how many events it took. */
function fanOut(ctx: JobContext, now: Date): Promise<number> {
  return ctx.db.transaction(async (trx) => {
    const events = await trx("outbox_events")
      .whereNull("dispatched_at")
      .orderBy("id")
      .limit(FAN_OUT)
      .forUpdate()
      .skipLocked()
      .select("id", "tenant_id", "type");
    if (!events.length) return 0;
    await trx.raw(
      `INSERT INTO webhook_deliveries (tenant_id, subscription_id, event_id, event_type, next_attempt_at)
       SELECT e.tenant_id, s.id, e.id, e.type, ? FROM outbox_events e
       JOIN webhook_subscriptions s ON s.tenant_id = e.tenant_id AND s.is_active AND s.deleted_at IS NULL AND (e.type = ANY (s.events) OR '*' = ANY (s.events))
       WHERE e.id = ANY (?::bigint[]) ON CONFLICT (subscription_id, event_id) DO NOTHING`,
      [now, `{${events.map((e) => e.id).join(",")}}`],
    );
    await trx("outbox_events")
      .whereIn(
        "id",
        events.map((e) => e.id),
      )
      .update({ dispatched_at: now });
    return events.length;
  });
}

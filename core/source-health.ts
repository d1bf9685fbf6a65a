import type { Knex } from "knex";
import type { AlertSourceType } from "./vocabulary.ts";

export type SourceType = AlertSourceType;

const column = (type: SourceType) => (type === "partner" ? "partner_id" : "form_id");

/**
 * How a partner or form is doing: last delivery, volume per hour over 24 h, what became of its
 * deliveries (accepted, duplicate, rejected, error), fields it sends that no mapping uses (schema
 * drift), and its open alerts.
 */
export async function sourceHealth(db: Knex, tenantId: string, type: SourceType, id: string, now: Date) {
  // 24 hourly buckets ending with the current hour; counts and totals cover the same span.
  const currentHour = Math.floor(now.getTime() / 3600_000) * 3600_000;
  const since = new Date(currentHour - 23 * 3600_000);
  const events = () => db("inbound_events").where({ tenant_id: tenantId, [column(type)]: id });
  const [last, perHour, outcomes, drift, alerts] = await Promise.all([
    events().max<{ at: Date | null }>("created_at as at").first(),
    events()
      .where("created_at", ">=", since)
      .select(db.raw("date_trunc('hour', created_at) as hour"), db.raw("count(*)::int as count"))
      .groupByRaw("1"),
    events()
      .where("created_at", ">=", since)
      .select(
        db.raw("coalesce(outcome, 'pending') as outcome"),
        db.raw("(error->>'code') = 'processing_failed' as errored"),
        db.raw("count(*)::int as count"),
      )
      .groupByRaw("1, 2"),
    events()
      .where("created_at", ">=", new Date(now.getTime() - 7 * 24 * 3600_000))
      .whereNotNull("unmapped")
      .select(db.raw("unnest(unmapped) as field"), db.raw("count(*)::int as count"), db.raw("max(created_at) as last_seen"))
      .groupByRaw("1")
      .orderBy("count", "desc")
      .limit(50),
    db("alerts").where({ tenant_id: tenantId, source_type: type, source_id: id }).whereNull("resolved_at").orderBy("raised_at", "desc"),
  ]);
  const hours = new Map(perHour.map((h: { hour: Date; count: number }) => [new Date(h.hour).toISOString(), h.count]));
  const totals = { received: 0, accepted: 0, duplicate: 0, rejected: 0, ignored: 0, spam: 0, error: 0, pending: 0 };
  for (const o of outcomes as { outcome: string; errored: boolean; count: number }[]) {
    totals.received += o.count;
    if (o.errored) totals.error += o.count;
    else if (o.outcome === "created" || o.outcome === "engagement") totals.accepted += o.count;
    else if (o.outcome === "merged" || o.outcome === "flagged_duplicate") totals.duplicate += o.count;
    else if (o.outcome in totals) totals[o.outcome as "rejected" | "ignored" | "spam" | "pending"] += o.count;
  }
  const rate = (n: number) => (totals.received ? n / totals.received : 0);
  return {
    last_delivery_at: last?.at ?? null,
    per_hour: Array.from({ length: 24 }, (_, i) => {
      const hour = new Date(since.getTime() + i * 3600_000).toISOString();
      return { hour, count: hours.get(hour) ?? 0 };
    }),
    totals,
    rates: {
      accepted: rate(totals.accepted),
      duplicate: rate(totals.duplicate),
      rejected: rate(totals.rejected),
      error: rate(totals.error),
    },
    drift,
    alerts,
  };
}

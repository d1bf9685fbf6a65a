import type { Knex } from "knex";

/** The start of today and of this month in the tenant's zone (Asia/Kolkata by default), not UTC's. */
export async function dayBounds(db: Knex, now: Date, tz: string): Promise<{ today: Date; month_start: Date }> {
  const {
    rows: [bounds],
  } = await db.raw(
    `SELECT date_trunc('day', ?::timestamptz AT TIME ZONE ?) AT TIME ZONE ? AS today,
       date_trunc('month', ?::timestamptz AT TIME ZONE ?) AT TIME ZONE ? AS month_start`,
    [now, tz, tz, now, tz, tz],
  );
  return bounds;
}

/**
 * What arrived since a moment: deliveries received, processed and failed. With an owner (a rep's
 * report scope), only the deliveries that became or joined one of their leads: a rep cannot open the
 * inbound events, so a tenant-wide count would be a figure they could not follow.
 */
export const inboundSince = (db: Knex, tenantId: string, since: Date, ownerId: string | null = null) =>
  db("inbound_events")
    .where("tenant_id", tenantId)
    .where("created_at", ">=", since)
    .modify((q) => {
      if (ownerId) q.whereIn("lead_id", db("leads").where({ tenant_id: tenantId, owner_id: ownerId }).select("id"));
    })
    .first(
      db.raw("count(*)::int as received"),
      db.raw("count(*) filter (where status = 'done')::int as done"),
      db.raw("count(*) filter (where status = 'failed')::int as failed"),
    );

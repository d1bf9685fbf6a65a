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

/** What arrived since a moment: deliveries received, processed and failed. */
export const inboundSince = (db: Knex, tenantId: string, since: Date) =>
  db("inbound_events")
    .where("tenant_id", tenantId)
    .where("created_at", ">=", since)
    .first(
      db.raw("count(*)::int as received"),
      db.raw("count(*) filter (where status = 'done')::int as done"),
      db.raw("count(*) filter (where status = 'failed')::int as failed"),
    );

import type { Knex } from "knex";

/**
 * What keeps the reports under 300 ms on a million leads: a per-tenant daily rollup of leads by
 * source, subsource, campaign, status and funnel depth (refreshed by the `reports.rollup` job; the
 * days since its last run are read live), and covering indexes for the live parts.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("report_lead_days", (t) => {
    t.uuid("tenant_id").notNullable().references("tenants.id");
    // The lead's creation day in the tenant's time zone.
    t.date("day").notNullable();
    t.text("source");
    t.text("subsource");
    t.text("campaign");
    t.text("status").notNullable();
    // How far down the funnel: 1 new, 2 contacted, 3 qualified, 4 negotiation, 5 converted (core/reports/facts.ts).
    t.smallint("depth").notNullable();
    t.integer("leads").notNullable();
  });
  await knex.raw("CREATE INDEX report_lead_days_day ON report_lead_days (tenant_id, day)");

  await knex.schema.createTable("report_rollup_state", (t) => {
    t.uuid("tenant_id").primary().references("tenants.id");
    // Days before this one are in the rollup; this day and later are read from leads.
    t.date("through_day").notNullable();
    t.text("time_zone").notNullable();
    t.timestamp("refreshed_at", { useTz: true }).notNullable();
  });

  // Which days to refresh: the leads changed since the last run.
  await knex.raw("CREATE INDEX leads_tenant_updated ON leads (tenant_id, updated_at)");
  // The live part (today, or one owner's leads) read from the index alone.
  await knex.raw(`CREATE INDEX leads_report_owner ON leads (tenant_id, owner_id, created_at)
    INCLUDE (status, source, subsource, campaign, converted_at, first_contacted_at) WHERE deleted_at IS NULL`);
  await knex.raw(`CREATE INDEX engagements_report ON engagements (tenant_id, occurred_at)
    INCLUDE (type, channel, response_received, duration_minutes, lead_id) WHERE deleted_at IS NULL`);
  await knex.raw("CREATE INDEX milestones_lead_kind ON milestones (record_id, kind) WHERE record_type = 'lead' AND deleted_at IS NULL");
  await knex.raw("CREATE INDEX bookings_tenant_booked ON bookings (tenant_id, booked_at) WHERE deleted_at IS NULL");
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}

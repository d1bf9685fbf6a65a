import type { Knex } from "knex";

/**
 * Reports in milliseconds on a million leads. The daily rollup (migration 14) kept nearly as many
 * rows as leads; this replaces it with a monthly cube holding only the cuts the reports ask for
 * (core/reports/facts.ts), and keeps the negotiation stage on the lead so that reading a lead's
 * funnel depth needs no probe into its milestones.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("leads", (t) => {
    // When a negotiation or proposal milestone was first logged on the lead (kept by the trigger below).
    t.timestamp("negotiation_at", { useTz: true });
  });
  await knex.raw(`UPDATE leads l SET negotiation_at = m.at
    FROM (SELECT record_id, min(occurred_at) AS at FROM milestones
          WHERE record_type = 'lead' AND kind IN ('negotiation', 'proposal') AND deleted_at IS NULL GROUP BY 1) m
    WHERE l.id = m.record_id`);
  // A trigger, not application code: milestones are written by the REST resource, imports and merges alike.
  await knex.raw(`CREATE FUNCTION leads_sync_negotiation() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE ids uuid[] := '{}';
    BEGIN
      IF TG_OP <> 'INSERT' AND OLD.record_type = 'lead' AND OLD.kind IN ('negotiation', 'proposal') THEN ids := ids || OLD.record_id; END IF;
      IF TG_OP <> 'DELETE' AND NEW.record_type = 'lead' AND NEW.kind IN ('negotiation', 'proposal') THEN ids := ids || NEW.record_id; END IF;
      -- updated_at moves with it: the report cube refreshes the months of changed leads.
      UPDATE leads l SET negotiation_at = m.at, updated_at = now()
        FROM (SELECT l2.id, (SELECT min(m.occurred_at) FROM milestones m WHERE m.record_type = 'lead' AND m.record_id = l2.id
                AND m.kind IN ('negotiation', 'proposal') AND m.deleted_at IS NULL) AS at
              FROM leads l2 WHERE l2.id = ANY(ids)) m
        WHERE l.id = m.id AND l.negotiation_at IS DISTINCT FROM m.at;
      RETURN NULL;
    END $$`);
  await knex.raw(`CREATE TRIGGER milestones_sync_negotiation AFTER INSERT OR DELETE OR UPDATE OF kind, record_type, record_id, occurred_at, deleted_at
    ON milestones FOR EACH ROW EXECUTE FUNCTION leads_sync_negotiation()`);

  await knex.schema.dropTable("report_lead_days");
  await knex.schema.createTable("report_lead_months", (t) => {
    t.uuid("tenant_id").notNullable().references("tenants.id");
    // The month the leads came in (tenant time).
    t.date("month").notNullable();
    // Which cut the row belongs to: the GROUPING() bitmask of (owner, source, subsource, campaign).
    t.smallint("grain").notNullable();
    t.uuid("owner_id");
    // Case-folded keys ('' for none; NULL where the cut does not split by them) and a spelling to show.
    t.text("source");
    t.text("subsource");
    t.text("campaign");
    t.text("source_label");
    t.text("subsource_label");
    t.text("status").notNullable();
    t.smallint("depth").notNullable();
    t.integer("leads").notNullable();
    // What those leads booked (not cancelled), whenever: campaign ROI without a join to bookings.
    t.integer("bookings").notNullable();
    t.integer("units").notNullable();
    t.decimal("booked_amount", 17, 2).notNullable();
  });
  await knex.raw("CREATE INDEX report_lead_months_grain ON report_lead_months (tenant_id, grain, month)");
  await knex.schema.createTable("report_engagement_months", (t) => {
    t.uuid("tenant_id").notNullable().references("tenants.id");
    t.date("month").notNullable();
    // Two cuts: all engagements (owner_id NULL, grain 1), and by the engaged lead's owner (grain 0).
    t.smallint("grain").notNullable();
    t.uuid("owner_id");
    t.text("type").notNullable();
    t.text("channel");
    t.integer("count").notNullable();
    t.integer("responses").notNullable();
    t.bigint("duration_sum").notNullable();
    t.integer("duration_count").notNullable();
  });
  await knex.raw("CREATE INDEX report_engagement_months_grain ON report_engagement_months (tenant_id, grain, month)");
  // Which months to refresh: the engagements and bookings changed since the last run.
  await knex.raw("CREATE INDEX engagements_tenant_updated ON engagements (tenant_id, updated_at)");
  await knex.raw("CREATE INDEX bookings_tenant_updated ON bookings (tenant_id, updated_at)");
  // Rebuilt in full by the next run.
  await knex("report_rollup_state").delete();

  // The live edges (days since the cube's last run, partial months at a range's ends) and one owner's
  // leads (ids for the semi-joins to their bookings and engagements) from the index alone.
  await knex.raw("DROP INDEX leads_report_owner");
  const covered = "id, status, source, subsource, campaign, converted_at, first_contacted_at, negotiation_at";
  await knex.raw(
    `CREATE INDEX leads_report_owner ON leads (tenant_id, owner_id, created_at) INCLUDE (${covered}) WHERE deleted_at IS NULL`,
  );
  await knex.raw(`CREATE INDEX leads_report_time ON leads (tenant_id, created_at) INCLUDE (owner_id, ${covered}) WHERE deleted_at IS NULL`);
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}

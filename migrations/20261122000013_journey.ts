import type { Knex } from "knex";

function stamps(t: Knex.CreateTableBuilder, knex: Knex) {
  t.timestamp("created_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
  t.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
}
const tenantRef = (t: Knex.CreateTableBuilder) => t.uuid("tenant_id").notNullable().references("tenants.id");

export const MILESTONE_KINDS = [
  "lead_generated",
  "contacted",
  "site_visit",
  "revisit",
  "demo",
  "proposal",
  "negotiation",
  "booking",
  "cancellation",
  "reengaged",
] as const;
export const OUTCOMES = ["positive", "neutral", "negative"] as const;
export const ENGAGEMENT_TYPES = ["email_sent", "call_made", "message_sent", "meeting_scheduled", "proposal_sent", "quote_sent"] as const;
export const ENGAGEMENT_CHANNELS = ["email", "phone", "sms", "whatsapp", "in_person", "video"] as const;
export const CAMPAIGN_TYPES = ["email", "social", "search", "display", "event", "referral", "print", "partner", "other"] as const;
export const CAMPAIGN_STATUSES = ["planned", "active", "paused", "completed", "cancelled"] as const;
export const SOURCE_CHANNELS = ["organic", "paid", "referral", "partner", "offline", "direct", "email", "social"] as const;
export const BOOKING_STATUSES = ["pending", "confirmed", "on_hold", "completed", "cancelled"] as const;
export const LEDGER_TYPES = ["invoice", "payment", "credit_note", "debit_note", "adjustment"] as const;

/**
 * The lead's journey and what it is worth: milestones and engagements in full, campaigns and
 * sources with their costs, unit inventory and bookings (never overbooked), and account ledgers
 * with a running balance kept in the same transaction as each entry.
 */
export async function up(knex: Knex): Promise<void> {
  // Milestones existed for re-engagement (docs/dedup.md); now they carry the whole visit.
  await knex.schema.alterTable("milestones", (t) => {
    t.text("location_name");
    t.decimal("latitude", 9, 6);
    t.decimal("longitude", 9, 6);
    t.text("outcome").checkIn([...OUTCOMES]);
    t.integer("duration_minutes");
    t.text("notes");
    t.timestamp("follow_up_at", { useTz: true });
    t.uuid("follow_up_task_id").references("tasks.id");
    t.text("status_before");
    t.text("status_after");
    t.jsonb("metadata").notNullable().defaultTo("{}");
    t.uuid("created_by").references("users.id");
    t.timestamp("deleted_at", { useTz: true });
  });
  // One spelling for the returning lead's milestone (intake wrote "re_engaged" before).
  await knex("milestones").where("kind", "re_engaged").update({ kind: "reengaged" });

  // Engagements existed for behaviour scoring; people now log calls, messages, meetings and quotes too.
  await knex.schema.alterTable("engagements", (t) => {
    t.text("direction").notNullable().defaultTo("out").checkIn(["out", "in"]);
    t.text("subject");
    t.text("notes");
    t.integer("duration_minutes");
    t.boolean("response_received").notNullable().defaultTo(false);
    t.timestamp("response_at", { useTz: true });
    t.text("outcome").checkIn([...OUTCOMES]);
    t.uuid("created_by").references("users.id");
  });
  await knex.raw("CREATE INDEX engagements_tenant_time ON engagements (tenant_id, occurred_at)");

  await knex.schema.createTable("lead_sources", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    tenantRef(t);
    // Matches leads.source (and subsource): attribution needs no id on the lead.
    t.text("name").notNullable();
    t.text("subsource");
    t.text("channel").checkIn([...SOURCE_CHANNELS]);
    t.decimal("monthly_cost", 15, 2);
    t.text("currency").notNullable().defaultTo("INR");
    t.boolean("is_active").notNullable().defaultTo(true);
    t.text("description");
    t.timestamp("deleted_at", { useTz: true });
    stamps(t, knex);
  });
  await knex.raw(
    "CREATE UNIQUE INDEX lead_sources_name ON lead_sources (tenant_id, lower(name), lower(coalesce(subsource, ''))) WHERE deleted_at IS NULL",
  );

  await knex.schema.createTable("campaigns", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    tenantRef(t);
    t.text("name").notNullable();
    // Matches leads.campaign (the UTM campaign or the vendor's campaign name).
    t.text("code").notNullable();
    t.text("type")
      .notNullable()
      .defaultTo("other")
      .checkIn([...CAMPAIGN_TYPES]);
    t.text("status")
      .notNullable()
      .defaultTo("planned")
      .checkIn([...CAMPAIGN_STATUSES]);
    t.uuid("lead_source_id").references("lead_sources.id");
    t.decimal("budget", 15, 2);
    t.decimal("actual_cost", 15, 2);
    t.text("currency").notNullable().defaultTo("INR");
    t.date("start_date");
    t.date("end_date");
    // Expected return on the budget, as a ratio (2.5 = 250%).
    t.decimal("expected_roi", 9, 2);
    t.text("description");
    t.uuid("created_by").references("users.id");
    t.timestamp("deleted_at", { useTz: true });
    stamps(t, knex);
  });
  await knex.raw("CREATE UNIQUE INDEX campaigns_code ON campaigns (tenant_id, lower(code)) WHERE deleted_at IS NULL");

  await knex.schema.createTable("unit_inventory", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    tenantRef(t);
    t.text("project").notNullable();
    t.text("unit_type").notNullable();
    t.integer("units_total").notNullable();
    t.integer("units_booked").notNullable().defaultTo(0);
    t.decimal("unit_price", 15, 2);
    t.text("currency").notNullable().defaultTo("INR");
    t.timestamp("deleted_at", { useTz: true });
    stamps(t, knex);
  });
  // Never overbooked: the database itself refuses it, whatever the application does.
  await knex.raw(
    "ALTER TABLE unit_inventory ADD CONSTRAINT unit_inventory_not_overbooked CHECK (units_booked >= 0 AND units_booked <= units_total)",
  );
  await knex.raw("ALTER TABLE unit_inventory ADD COLUMN units_available integer GENERATED ALWAYS AS (units_total - units_booked) STORED");
  await knex.raw(
    "CREATE UNIQUE INDEX unit_inventory_unit ON unit_inventory (tenant_id, lower(project), lower(unit_type)) WHERE deleted_at IS NULL",
  );

  await knex.schema.createTable("bookings", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    tenantRef(t);
    t.uuid("lead_id").references("leads.id");
    t.uuid("account_id").references("accounts.id");
    t.uuid("unit_inventory_id").notNullable().references("unit_inventory.id");
    t.integer("units").notNullable();
    t.decimal("amount", 15, 2).notNullable();
    t.text("currency").notNullable().defaultTo("INR");
    t.text("status")
      .notNullable()
      .defaultTo("confirmed")
      .checkIn([...BOOKING_STATUSES]);
    t.timestamp("booked_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.date("delivery_date");
    t.timestamp("cancelled_at", { useTz: true });
    t.text("cancellation_reason");
    t.decimal("refund_amount", 15, 2);
    t.text("notes");
    t.uuid("created_by").references("users.id");
    t.timestamp("deleted_at", { useTz: true });
    stamps(t, knex);
    t.index(["tenant_id", "status", "booked_at"]);
    t.index(["lead_id"]);
    t.index(["account_id"]);
  });
  await knex.raw("ALTER TABLE bookings ADD CONSTRAINT bookings_who CHECK (lead_id IS NOT NULL OR account_id IS NOT NULL)");
  await knex.raw("ALTER TABLE bookings ADD CONSTRAINT bookings_units CHECK (units > 0 AND amount >= 0)");

  await knex.schema.createTable("ledger_entries", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    tenantRef(t);
    t.uuid("account_id").notNullable().references("accounts.id");
    t.text("type")
      .notNullable()
      .checkIn([...LEDGER_TYPES]);
    // As entered (positive); the signed effect on what the customer owes is in `effect`.
    t.decimal("amount", 15, 2).notNullable();
    t.decimal("effect", 15, 2).notNullable();
    t.decimal("balance_after", 15, 2).notNullable();
    // Order within the account: the running balance follows it.
    t.bigInteger("seq").notNullable();
    t.text("currency").notNullable().defaultTo("INR");
    t.date("entry_date").notNullable();
    t.text("document_ref");
    t.text("document_url");
    t.uuid("booking_id").references("bookings.id");
    t.text("description");
    t.uuid("created_by").references("users.id");
    stamps(t, knex);
    t.unique(["account_id", "seq"]);
    t.index(["tenant_id", "entry_date"]);
  });
  // The account's balance, moved in the same transaction as each entry (the report checks it against the sum).
  await knex.schema.alterTable("accounts", (t) => {
    t.decimal("ledger_balance", 15, 2).notNullable().defaultTo(0);
    t.bigInteger("ledger_seq").notNullable().defaultTo(0);
  });

  // Amounts shown in the tenant's locale ("en-IN": ₹4,50,00,000) and, if it wants, in lakh/crore.
  await knex.schema.alterTable("tenants", (t) => {
    t.text("locale").notNullable().defaultTo("en-IN");
  });
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}

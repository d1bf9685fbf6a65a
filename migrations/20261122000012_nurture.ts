import type { Knex } from "knex";

function stamps(t: Knex.CreateTableBuilder, knex: Knex) {
  t.timestamp("created_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
  t.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
}
const tenantRef = (t: Knex.CreateTableBuilder) => t.uuid("tenant_id").notNullable().references("tenants.id");

export const STEP_TYPES = ["email", "task", "wait", "branch", "end"] as const;
export const EXIT_REASONS = ["replied", "converted", "unsubscribed", "dnd", "bounced", "lost", "manual", "no_consent"] as const;
export const EMAIL_STATUSES = ["sending", "sent", "unknown", "failed", "bounced", "not_sent"] as const;

/** Drip sequences: versioned steps, enrolments walking them, the mail they send, and who must not get any. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("sequences", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    tenantRef(t);
    t.text("name").notNullable();
    t.text("description");
    t.text("status").notNullable().defaultTo("active").checkIn(["active", "paused", "archived"]);
    // Steps are kept per version: an enrolment finishes the version it started.
    t.integer("version").notNullable().defaultTo(1);
    t.jsonb("enrol_rule");
    t.jsonb("quiet_hours");
    t.uuid("created_by").references("users.id");
    t.timestamp("deleted_at", { useTz: true });
    stamps(t, knex);
    t.index(["tenant_id", "status"]);
  });

  await knex.schema.createTable("sequence_steps", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    tenantRef(t);
    t.uuid("sequence_id").notNullable().references("sequences.id");
    t.integer("version").notNullable();
    // 1-based, as people count them (branches name their targets by it).
    t.integer("step").notNullable();
    t.text("type")
      .notNullable()
      .checkIn([...STEP_TYPES]);
    t.text("name");
    t.integer("delay_minutes").notNullable().defaultTo(0);
    t.integer("business_days");
    t.text("until_time");
    t.text("subject");
    t.text("body_text");
    t.text("body_html");
    t.text("task_title");
    t.text("task_body");
    t.integer("task_due_hours");
    t.jsonb("condition");
    t.integer("then_step");
    t.integer("else_step");
    stamps(t, knex);
    t.unique(["sequence_id", "version", "step"]);
  });

  await knex.schema.createTable("enrollments", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    tenantRef(t);
    t.uuid("lead_id").notNullable().references("leads.id");
    t.uuid("sequence_id").notNullable().references("sequences.id");
    t.integer("sequence_version").notNullable();
    t.text("status").notNullable().defaultTo("active").checkIn(["active", "completed", "exited"]);
    t.text("exit_reason").checkIn([...EXIT_REASONS]);
    t.integer("current_step").notNullable().defaultTo(1);
    t.timestamp("next_run_at", { useTz: true });
    t.text("source").notNullable().defaultTo("api").checkIn(["rule", "manual", "api"]);
    t.uuid("enrolled_by").references("users.id");
    t.timestamp("enrolled_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp("completed_at", { useTz: true });
    t.timestamp("exited_at", { useTz: true });
    stamps(t, knex);
    t.index(["tenant_id", "sequence_id", "status"]);
    t.index(["lead_id"]);
  });
  // A lead is in a sequence at most once at a time.
  await knex.raw("CREATE UNIQUE INDEX enrollments_one_active ON enrollments (lead_id, sequence_id) WHERE status = 'active'");
  // The sweeper's and the lateness report's way in: only active enrolments have a next run.
  await knex.raw("CREATE INDEX enrollments_due ON enrollments (next_run_at) WHERE status = 'active'");

  await knex.schema.alterTable("email_messages", (t) => {
    t.uuid("enrollment_id").references("enrollments.id");
    t.uuid("sequence_id").references("sequences.id");
    t.integer("step");
    t.text("body_text");
    t.text("body_html");
    t.timestamp("due_at", { useTz: true });
    t.timestamp("opened_at", { useTz: true });
    t.timestamp("clicked_at", { useTz: true });
    t.timestamp("replied_at", { useTz: true });
    t.timestamp("unsubscribed_at", { useTz: true });
    t.timestamp("bounced_at", { useTz: true });
    t.integer("open_count").notNullable().defaultTo(0);
    t.integer("click_count").notNullable().defaultTo(0);
    t.text("error");
    t.text("smtp_response");
    t.index(["sequence_id", "created_at"]);
    // The send ledger: one claim per enrolment and step, taken before the SMTP call (other mail has no enrolment: NULLs never collide).
    t.unique(["enrollment_id", "step"]);
  });
  // A bounce that does not quote our Message-ID is matched by the failed address.
  await knex.raw("CREATE INDEX email_messages_to ON email_messages (tenant_id, lower(to_address))");
  await knex.raw(
    `ALTER TABLE email_messages ADD CONSTRAINT email_messages_status_check CHECK (status IN ('queued', ${EMAIL_STATUSES.map((s) => `'${s}'`).join(", ")}))`,
  );

  await knex.schema.createTable("suppressions", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    tenantRef(t);
    // Lower-cased address; an erased person's is kept as a hash (see GDPR erasure).
    t.text("email").notNullable();
    t.text("reason").notNullable().checkIn(["unsubscribed", "bounced", "complained", "manual"]);
    t.uuid("lead_id").references("leads.id");
    t.uuid("email_message_id").references("email_messages.id");
    t.uuid("created_by").references("users.id");
    t.text("note");
    stamps(t, knex);
    t.unique(["tenant_id", "email"]);
  });

  // Drip steps and exits have their own kind of timeline entry.
  await knex.raw(`ALTER TABLE activities DROP CONSTRAINT activities_type_check,
    ADD CONSTRAINT activities_type_check CHECK (type IN ('system', 'note', 'call', 'email', 'meeting', 'task', 'submission', 'nurture'))`);

  await knex.schema.alterTable("leads", (t) => {
    // IANA zone for "until 09:00 their time" and quiet hours; the tenant's when unknown.
    t.text("time_zone");
  });
  // An unsubscribe or bounce names an address: every lead with it leaves its sequences.
  await knex.raw("CREATE INDEX leads_email_lower ON leads (tenant_id, lower(email)) WHERE email IS NOT NULL");
  await knex.schema.alterTable("tenants", (t) => {
    // Enrolment rules are cached per process by this number, like the other rule sets.
    t.integer("nurture_version").notNullable().defaultTo(0);
  });
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}

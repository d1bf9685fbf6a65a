import type { Knex } from "knex";

function stamps(t: Knex.CreateTableBuilder, knex: Knex) {
  t.timestamp("created_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
  t.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
}

/** Scoring and assignment: the rules, their versions, score history, round-robin pointers, SLAs, notifications. */
export async function up(knex: Knex): Promise<void> {
  // The rule sets' current versions: intake compares them with its cached rules on every lead.
  await knex.schema.alterTable("tenants", (t) => {
    t.integer("scoring_version").notNullable().defaultTo(0);
    t.integer("assignment_version").notNullable().defaultTo(0);
  });

  await knex.schema.createTable("scoring_rules", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    t.uuid("tenant_id").notNullable().references("tenants.id");
    t.text("name").notNullable();
    t.text("description");
    t.jsonb("condition").notNullable();
    t.integer("points").notNullable();
    t.boolean("active").notNullable().defaultTo(true);
    t.integer("position").notNullable().defaultTo(0);
    t.uuid("created_by").references("users.id");
    t.timestamp("deleted_at", { useTz: true });
    stamps(t, knex);
    t.index(["tenant_id", "position"]);
  });

  await knex.schema.createTable("assignment_rules", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    t.uuid("tenant_id").notNullable().references("tenants.id");
    t.text("name").notNullable();
    t.text("description");
    // Lower first; the first rule that matches wins.
    t.integer("priority").notNullable().defaultTo(100);
    t.jsonb("condition").notNullable();
    t.uuid("target_user_id").references("users.id");
    t.uuid("target_team_id").references("teams.id");
    t.text("strategy").notNullable().defaultTo("round_robin").checkIn(["round_robin", "weighted", "least_loaded"]);
    // Not contacted by the owner within this many minutes: reassigned or escalated.
    t.integer("sla_minutes");
    t.text("sla_action").notNullable().defaultTo("reassign").checkIn(["reassign", "escalate"]);
    t.boolean("active").notNullable().defaultTo(true);
    t.uuid("created_by").references("users.id");
    t.timestamp("deleted_at", { useTz: true });
    stamps(t, knex);
    t.index(["tenant_id", "priority"]);
  });
  await knex.raw(
    "ALTER TABLE assignment_rules ADD CONSTRAINT assignment_rules_target CHECK (target_user_id IS NOT NULL OR target_team_id IS NOT NULL)",
  );

  // Every saved change of a rule set: what each decision's version number refers to.
  await knex.schema.createTable("rule_versions", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    t.uuid("tenant_id").notNullable().references("tenants.id");
    t.text("kind").notNullable().checkIn(["scoring", "assignment"]);
    t.integer("version").notNullable();
    t.jsonb("rules").notNullable();
    t.text("change");
    t.uuid("created_by").references("users.id");
    stamps(t, knex);
    t.unique(["tenant_id", "kind", "version"]);
  });

  await knex.schema.createTable("score_history", (t) => {
    t.bigIncrements("id");
    t.uuid("tenant_id").notNullable().references("tenants.id");
    t.uuid("lead_id").notNullable().references("leads.id");
    t.integer("score").notNullable();
    t.integer("previous_score").notNullable();
    t.integer("delta").notNullable();
    t.text("grade").notNullable();
    // rules (a new lead), rescore (the rules changed), behaviour, decay
    t.text("reason").notNullable();
    t.text("cause");
    t.jsonb("details").notNullable().defaultTo("{}");
    t.integer("rule_version");
    t.uuid("engagement_id");
    t.timestamp("created_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(["lead_id", "created_at"]);
  });
  // A behaviour's points count once per engagement, however often its job runs.
  await knex.raw("CREATE UNIQUE INDEX score_history_engagement ON score_history (engagement_id) WHERE engagement_id IS NOT NULL");

  await knex.schema.createTable("rescore_runs", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    t.uuid("tenant_id").notNullable().references("tenants.id");
    t.text("status").notNullable().defaultTo("queued").checkIn(["queued", "running", "done", "failed"]);
    t.integer("rule_version").notNullable();
    t.integer("total").notNullable().defaultTo(0);
    t.integer("processed").notNullable().defaultTo(0);
    t.integer("changed").notNullable().defaultTo(0);
    t.uuid("cursor");
    t.text("error");
    t.timestamp("started_at", { useTz: true });
    t.timestamp("finished_at", { useTz: true });
    stamps(t, knex);
    t.index(["tenant_id", "created_at"]);
  });

  await knex.schema.createTable("notifications", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    t.uuid("tenant_id").notNullable().references("tenants.id");
    t.uuid("user_id").notNullable().references("users.id");
    t.text("kind").notNullable();
    t.uuid("lead_id").references("leads.id");
    t.text("subject").notNullable();
    t.text("body").notNullable();
    // pending → sending (claimed by one sender) → sent | failed; never sent twice.
    t.text("status").notNullable().defaultTo("pending").checkIn(["pending", "sending", "sent", "failed"]);
    t.boolean("digest").notNullable().defaultTo(false);
    t.text("error");
    t.timestamp("sent_at", { useTz: true });
    stamps(t, knex);
  });
  await knex.raw("CREATE INDEX notifications_pending ON notifications (tenant_id, created_at) WHERE status = 'pending'");

  await knex.schema.alterTable("users", (t) => {
    t.text("notify_new_leads").notNullable().defaultTo("immediate").checkIn(["immediate", "digest", "off"]);
  });
  await knex.schema.alterTable("teams", (t) => {
    // The round-robin pointer: advanced under the team row's lock, so concurrent assignments take turns.
    t.bigInteger("rr_position").notNullable().defaultTo(0);
  });
  await knex.schema.alterTable("leads", (t) => {
    t.integer("behaviour_score").notNullable().defaultTo(0);
    t.integer("score_version");
    t.timestamp("decayed_at", { useTz: true });
    t.uuid("assignment_rule_id").references("assignment_rules.id");
    t.integer("assignment_version");
    t.timestamp("assigned_at", { useTz: true });
    t.timestamp("sla_due_at", { useTz: true });
    t.timestamp("sla_breached_at", { useTz: true });
  });
  await knex.raw(
    "CREATE INDEX leads_sla_due ON leads (sla_due_at) WHERE sla_due_at IS NOT NULL AND first_contacted_at IS NULL AND deleted_at IS NULL",
  );
  // Open leads per rep (least loaded, capacity caps), counted from the index alone.
  await knex.raw(`CREATE INDEX leads_open_by_owner ON leads (owner_id) WHERE owner_id IS NOT NULL AND deleted_at IS NULL
    AND status IN ('new', 'contacted', 'qualified', 'nurturing')`);
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}

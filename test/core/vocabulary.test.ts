import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { readFileSync } from "node:fs";
import { createDb } from "../../core/db.ts";
import { ALL_TENANTS } from "../../core/tenant-scope.ts";
import * as v from "../../core/vocabulary.ts";

const db = createDb(inject("databaseUrl"), { scope: ALL_TENANTS });
afterAll(() => db.destroy());

/** Each enumerated column of the migrated schema, and the vocabulary list that must equal its CHECK. */
const COLUMNS: Record<string, readonly string[]> = {
  "leads.status": v.LEAD_STATUSES,
  "leads.priority": v.LEAD_PRIORITIES,
  "leads.validation_status": v.VALIDATION_STATUSES,
  "users.role": v.ROLES,
  "users.notify_new_leads": v.NOTIFY_NEW_LEADS,
  "user_sessions.end_reason": v.SESSION_END_REASONS,
  "inbound_events.channel": v.INBOUND_CHANNELS,
  "inbound_events.status": v.INBOUND_STATUSES,
  "inbound_events.outcome": v.INBOUND_OUTCOMES,
  "alerts.kind": v.ALERT_KINDS,
  "alerts.source_type": v.ALERT_SOURCE_TYPES,
  "duplicate_reviews.status": v.REVIEW_STATUSES,
  "duplicate_reviews.origin": v.REVIEW_ORIGINS,
  "lead_merges.kind": v.MERGE_KINDS,
  "dedup_scans.status": v.RUN_STATUSES,
  "rescore_runs.status": v.RUN_STATUSES,
  "imports.status": v.IMPORT_STATUSES,
  "rule_versions.kind": v.RULE_KINDS,
  "assignment_rules.strategy": v.ASSIGNMENT_STRATEGIES,
  "assignment_rules.sla_action": v.SLA_ACTIONS,
  "notifications.status": v.NOTIFICATION_STATUSES,
  "activities.record_type": v.RECORD_TYPES,
  "tasks.record_type": v.RECORD_TYPES,
  "custom_field_definitions.record_type": v.RECORD_TYPES,
  "activities.type": v.ACTIVITY_TYPES,
  "accounts.type": v.ACCOUNT_TYPES,
  "contacts.role": v.CONTACT_ROLES,
  "contacts.preferred_channel": v.CONTACT_CHANNELS,
  "opportunities.status": v.OPPORTUNITY_STATUSES,
  "opportunities.forecast_category": v.FORECAST_CATEGORIES,
  "custom_field_definitions.type": v.CUSTOM_FIELD_TYPES,
  "milestones.outcome": v.OUTCOMES,
  "engagements.outcome": v.OUTCOMES,
  "engagements.direction": v.DIRECTIONS,
  "email_messages.direction": v.DIRECTIONS,
  "campaigns.type": v.CAMPAIGN_TYPES,
  "campaigns.status": v.CAMPAIGN_STATUSES,
  "lead_sources.channel": v.SOURCE_CHANNELS,
  "bookings.status": v.BOOKING_STATUSES,
  "ledger_entries.type": v.LEDGER_TYPES,
  "sequences.status": v.SEQUENCE_STATUSES,
  "sequence_steps.type": v.STEP_TYPES,
  "enrollments.status": v.ENROLLMENT_STATUSES,
  "enrollments.source": v.ENROLLMENT_SOURCES,
  "enrollments.exit_reason": v.EXIT_REASONS,
  "email_messages.status": v.EMAIL_STATUSES,
  "suppressions.reason": v.SUPPRESSION_REASONS,
  "suppressions.kind": v.SUPPRESSION_KINDS,
  "webhook_deliveries.status": v.DELIVERY_STATUSES,
};

/** Lists no column constrains: leads.grade, score_history.reason, forms.fields (jsonb), milestones.kind, engagements.type/channel and inbound_events.format are free text in the schema. */
const UNCONSTRAINED: readonly (readonly string[])[] = [
  v.LEAD_GRADES,
  v.WEBHOOK_FORMATS,
  v.FORM_FIELD_TYPES,
  v.CONDITION_OPS,
  v.BEHAVIOURS,
  v.SCORE_REASONS,
  v.MILESTONE_KINDS,
  v.ENGAGEMENT_TYPES,
  v.ENGAGEMENT_CHANNELS,
  v.ENROL_TRIGGERS,
];

/** `column = ANY (ARRAY['a'::text, …])`, as PostgreSQL prints both knex's checkIn and a hand-written IN. */
const IN_LIST = /^CHECK \(\(\(?(\w+)\)? = ANY \(\(?ARRAY\[(.*)\]\)?\)\)\)$/;

async function enumeratedColumns(): Promise<Map<string, string[]>> {
  const { rows } = await db.raw<{ rows: { tbl: string; def: string }[] }>(`
    SELECT c.conrelid::regclass::text AS tbl, pg_get_constraintdef(c.oid) AS def
    FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
    WHERE c.contype = 'c' AND n.nspname = current_schema()`);
  const out = new Map<string, string[]>();
  for (const { tbl, def } of rows) {
    const m = IN_LIST.exec(def);
    if (!m) continue;
    const key = `${tbl}.${m[1]}`;
    expect(out.has(key), `${key} has two value lists`).toBe(false);
    out.set(
      key,
      [...m[2].matchAll(/'((?:[^']|'')*)'::text/g)].map((x) => x[1].replaceAll("''", "'")),
    );
  }
  return out;
}

let enumerated: Map<string, string[]>;
beforeAll(async () => {
  enumerated = await enumeratedColumns();
});

describe("core/vocabulary.ts and the schema", () => {
  it("when a column's CHECK lists values, then the vocabulary has that column's list", () => {
    const unmapped = [...enumerated.keys()].filter((k) => !(k in COLUMNS)).sort();
    expect(unmapped, "add these columns' lists to core/vocabulary.ts and to COLUMNS here").toEqual([]);
  });

  it.each(Object.entries(COLUMNS))("when %s is constrained, then its CHECK holds exactly the vocabulary's values", (column, list) => {
    const constraint = enumerated.get(column);
    expect(constraint, `${column} has no CHECK (… IN …) constraint`).toBeDefined();
    expect([...constraint!].sort()).toEqual([...list].sort());
  });

  it("when a list is exported, then the schema or the unconstrained list here accounts for it, and it has no repeats", () => {
    const known = new Set<readonly string[]>([...Object.values(COLUMNS), ...UNCONSTRAINED]);
    const lists = Object.entries(v).filter(([, value]) => Array.isArray(value)) as [string, readonly string[]][];
    expect(lists.filter(([, list]) => !known.has(list)).map(([name]) => name)).toEqual([]);
    for (const [name, list] of lists) expect(new Set(list).size, `${name} repeats a value`).toBe(list.length);
  });

  it("when the console bundles the vocabulary, then it pulls in nothing else: the file imports nothing", () => {
    const source = readFileSync(new URL("../../core/vocabulary.ts", import.meta.url), "utf8");
    expect(source).not.toMatch(/^\s*(import|export\s+(\*|\{[^}]*\})\s+from)\b/m);
    expect(source).not.toMatch(/\brequire\(|\bimport\(/);
  });
});

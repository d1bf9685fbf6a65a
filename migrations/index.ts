import type { Knex } from "knex";
import * as init from "./20261122000001_init.ts";
import * as captureChannels from "./20261122000002_capture_channels.ts";
import * as phoneSearch from "./20261122000003_phone_search.ts";
import * as dedup from "./20261122000004_dedup.ts";
import * as imports from "./20261122000005_imports.ts";
import * as scoringAssignment from "./20261122000006_scoring_assignment.ts";
import * as crm from "./20261122000007_crm.ts";
import * as eventsOut from "./20261122000008_events_out.ts";
import * as boardIndex from "./20261122000009_board_index.ts";
import * as customFields from "./20261122000010_custom_fields.ts";
import * as conversionVersion from "./20261122000011_conversion_version.ts";
import * as nurture from "./20261122000012_nurture.ts";
import * as journey from "./20261122000013_journey.ts";
import * as reportRollups from "./20261122000014_report_rollups.ts";
import * as reportCube from "./20261122000015_report_cube.ts";
import * as privacy from "./20261122000016_privacy.ts";
import * as auditAppendOnly from "./20261122000017_audit_append_only.ts";
import * as rowLevelSecurity from "./20261122000018_row_level_security.ts";
import * as webhookCancelled from "./20261122000019_webhook_cancelled.ts";
import * as userSessions from "./20261122000020_user_sessions.ts";
import * as auditScrubSecrets from "./20261122000021_audit_scrub_secrets.ts";
import * as auditRecordLabel from "./20261122000022_audit_record_label.ts";
import * as taskReminders from "./20261122000023_task_reminders.ts";
import * as importSource from "./20261122000024_import_source.ts";
import * as leadContactPoints from "./20261122000025_lead_contact_points.ts";
import * as leadSearchText from "./20261122000026_lead_search_text.ts";
import * as dedupCandidatesBatch from "./20261122000027_dedup_candidates_batch.ts";
import * as contactPointsLeakproof from "./20261122000028_contact_points_leakproof.ts";
import * as contactPointsGinDirect from "./20261122000029_contact_points_gin_direct.ts";
import * as candidatesBatchContactPoints from "./20261122000030_candidates_batch_contact_points.ts";
import * as candidatesBatchSelf from "./20261122000032_candidates_batch_self.ts";
import * as ginPendingListsBySession from "./20261122000033_gin_pending_lists_by_session.ts";
import * as candidatesBatchGenericPlan from "./20261122000034_candidates_batch_generic_plan.ts";
import { grantAppRole } from "./app-role.ts";

/** Forward-only migrations in order; listed here so they load the same under tsx, vitest and a bundler. */
const migrations: Record<string, Knex.Migration> = {
  "20261122000001_init": init,
  "20261122000002_capture_channels": captureChannels,
  "20261122000003_phone_search": phoneSearch,
  "20261122000004_dedup": dedup,
  "20261122000005_imports": imports,
  "20261122000006_scoring_assignment": scoringAssignment,
  "20261122000007_crm": crm,
  "20261122000008_events_out": eventsOut,
  "20261122000009_board_index": boardIndex,
  "20261122000010_custom_fields": customFields,
  "20261122000011_conversion_version": conversionVersion,
  "20261122000012_nurture": nurture,
  "20261122000013_journey": journey,
  "20261122000014_report_rollups": reportRollups,
  "20261122000015_report_cube": reportCube,
  "20261122000016_privacy": privacy,
  "20261122000017_audit_append_only": auditAppendOnly,
  "20261122000018_row_level_security": rowLevelSecurity,
  "20261122000019_webhook_cancelled": webhookCancelled,
  "20261122000020_user_sessions": userSessions,
  "20261122000021_audit_scrub_secrets": auditScrubSecrets,
  "20261122000022_audit_record_label": auditRecordLabel,
  "20261122000023_task_reminders": taskReminders,
  "20261122000024_import_source": importSource,
  "20261122000025_lead_contact_points": leadContactPoints,
  "20261122000026_lead_search_text": leadSearchText,
  "20261122000027_dedup_candidates_batch": dedupCandidatesBatch,
  "20261122000028_contact_points_leakproof": contactPointsLeakproof,
  "20261122000029_contact_points_gin_direct": contactPointsGinDirect,
  "20261122000030_candidates_batch_contact_points": candidatesBatchContactPoints,
  "20261122000032_candidates_batch_self": candidatesBatchSelf,
  "20261122000033_gin_pending_lists_by_session": ginPendingListsBySession,
  "20261122000034_candidates_batch_generic_plan": candidatesBatchGenericPlan,
};

/**
 * Data work that needs the app's own code, which migration files may not import (they must mean
 * the same forever). Run in the migration's transaction, right after it. Migration 4's keys are
 * today's core/dedup keys on purpose: stored keys must equal what intake computes for newcomers,
 * which a frozen copy would not stay.
 */
export interface DataSteps {
  /** After migration 4: the matching keys of leads written before it. */
  dedupKeys(trx: Knex): Promise<void>;
}

function sourceWith(steps: DataSteps | undefined): Knex.MigrationSource<string> {
  const dedupWithKeys: Knex.Migration = {
    ...dedup,
    up: async (trx) => {
      await dedup.up(trx);
      if (steps) return steps.dedupKeys(trx);
      // Callers without the app's code (test and bench databases) start empty; an old database must not lose its keys.
      if (await trx("leads").first("id"))
        throw new Error(
          "this database has leads from before migration 4: migrate with `npm run migrate` or `npm start`, which compute their dedup keys",
        );
    },
  };
  return {
    getMigrations: async () => Object.keys(migrations),
    getMigrationName: (name) => name,
    getMigration: async (name) => (name === "20261122000004_dedup" ? dedupWithKeys : migrations[name]),
  };
}

/** Applies pending migrations as the tables' owner, then grants the app's role (appUrl's user) the data. */
export async function migrate(db: Knex, appUrl: string, steps?: DataSteps): Promise<string[]> {
  const [, applied] = await db.migrate.latest({ migrationSource: sourceWith(steps) });
  await grantAppRole(db, appUrl);
  return applied as string[];
}

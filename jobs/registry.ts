import type { JobName, JobPayloads, ScheduledJobName } from "../core/queues.ts";
import type { JobContext, JobResult } from "../core/context.ts";
import { INDIAMART_POLL_MINUTES } from "../core/intake/indiamart-poll.ts";
import { INTAKE_BATCH } from "../core/intake/intake.ts";
import * as intake from "./intake/intake.job.ts";
import * as fetchFacebook from "./intake/fetch-facebook.job.ts";
import * as indiamart from "./intake/indiamart-poll.job.ts";
import * as sweepInbound from "./maintenance/sweep-inbound.job.ts";
import * as sourceHealth from "./maintenance/source-health.job.ts";
import * as scanDuplicates from "./dedup/scan-duplicates.job.ts";
import * as runImport from "./imports/run-import.job.ts";
import * as rescore from "./scoring/rescore.job.ts";
import * as engagement from "./scoring/engagement.job.ts";
import * as decay from "./scoring/decay.job.ts";
import * as sla from "./assignment/sla.job.ts";
import * as notifications from "./notifications/send-notifications.job.ts";
import * as webhooks from "./webhooks/send-webhooks.job.ts";
import * as accountHealth from "./crm/account-health.job.ts";
import * as taskReminders from "./crm/task-reminders.job.ts";
import * as rollup from "./reports/rollup.job.ts";
import * as nurtureStep from "./nurture/run-step.job.ts";
import * as nurtureSweep from "./nurture/sweep-due.job.ts";

/**
 * A tick of node-cron (six fields, seconds first) enqueues the job for the time slot of `seconds`
 * it falls in; the slot names the job id, so one job runs per slot however many workers tick.
 */
export interface Schedule {
  cron: string;
  seconds: number;
}

/**
 * The worker's side of one job; its queue, payload schema and id are its row in core/queues.ts.
 * Scheduled jobs (payload `{ tenantId: null, slot }`) must have a schedule, the others cannot.
 */
export type JobRow<N extends JobName = JobName> = {
  /** A function exported by a `*.job.ts` file (test/jobs/registry.test.ts holds this). */
  handle(ctx: JobContext, data: JobPayloads[N]): Promise<JobResult>;
  /** Called once a job has failed for good (retries exhausted or unrecoverable). */
  onFailed?(ctx: JobContext, data: JobPayloads[N], err: Error): Promise<void>;
  /** Jobs at a time per worker process on this job's queue (default: WORKER_CONCURRENCY); rows sharing a queue agree. */
  concurrency?: number;
} & (N extends ScheduledJobName ? { schedule: Schedule } : { schedule?: never });

/** One at a time per worker: each run walks a whole table, file or tenant. */
const SERIAL = 1;
/**
 * A send spends ~55 ms waiting (the claim's durable commit, SMTP, the confirmation) and well under
 * a millisecond of the worker's CPU: 32 in flight capped a worker near 550 sends/s (docs/performance.md, Nurture).
 */
const NURTURE_STEPS_IN_FLIGHT = 96;

/** Every job's handler, schedule and concurrency, one row per job name (the type holds every name exactly once). */
export const registry: { [N in JobName]: JobRow<N> } = {
  // Enough jobs in hand to fill a process's batches (core/intake/intake.ts); a lone lead still goes at once.
  "lead.intake": { handle: intake.handleIntake, onFailed: intake.onIntakeFailed, concurrency: INTAKE_BATCH.max * INTAKE_BATCH.inFlight },
  "lead.fetch-facebook": { handle: fetchFacebook.fetchFacebookLead, onFailed: fetchFacebook.onFetchFailed },
  "indiamart.poll": {
    handle: indiamart.pollIndiamart,
    schedule: { cron: `0 */${INDIAMART_POLL_MINUTES} * * * *`, seconds: INDIAMART_POLL_MINUTES * 60 },
  },
  "maintenance.source-health": {
    handle: sourceHealth.checkSourceHealth,
    concurrency: SERIAL,
    schedule: { cron: "0 7 * * * *", seconds: 3600 },
  },
  "maintenance.sweep-inbound": {
    handle: sweepInbound.sweepInbound,
    concurrency: SERIAL,
    schedule: { cron: "*/15 * * * * *", seconds: 15 },
  },
  "dedup.scan": { handle: scanDuplicates.scanDuplicates, onFailed: scanDuplicates.onScanFailed, concurrency: SERIAL },
  "import.run": { handle: runImport.runImport, onFailed: runImport.onImportFailed, concurrency: SERIAL },
  "scoring.rescore": { handle: rescore.rescore, onFailed: rescore.onRescoreFailed, concurrency: SERIAL },
  "scoring.engagement": { handle: engagement.scoreEngagement },
  "scoring.decay": { handle: decay.decayScores, schedule: { cron: "0 15 2 * * *", seconds: 86_400 } },
  "assignment.sla": { handle: sla.checkSlas, schedule: { cron: "30 * * * * *", seconds: 60 } },
  "notifications.send": { handle: notifications.sendPending, schedule: { cron: "5,20,35,50 * * * * *", seconds: 15 } },
  "notifications.digest": { handle: notifications.sendDigests, schedule: { cron: "0 0 * * * *", seconds: 3600 } },
  "webhooks.send": { handle: webhooks.sendWebhooks, concurrency: SERIAL, schedule: { cron: "*/5 * * * * *", seconds: 5 } },
  "crm.account-health": { handle: accountHealth.scoreAccounts, concurrency: SERIAL, schedule: { cron: "0 20 * * * *", seconds: 3600 } },
  "crm.task-reminders": { handle: taskReminders.remindTasks, concurrency: SERIAL, schedule: { cron: "40 * * * * *", seconds: 60 } },
  "reports.rollup": { handle: rollup.refreshRollups, concurrency: SERIAL, schedule: { cron: "0 */15 * * * *", seconds: 900 } },
  "nurture.step": { handle: nurtureStep.runStep, concurrency: NURTURE_STEPS_IN_FLIGHT },
  "nurture.sweep": { handle: nurtureSweep.sweepDueSteps, concurrency: SERIAL, schedule: { cron: "10,25,40,55 * * * * *", seconds: 15 } },
};

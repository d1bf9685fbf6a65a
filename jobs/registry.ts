import type { ZodType } from "zod";
import type { JobName, JobPayloads } from "../core/queues.ts";
import type { JobContext, JobResult } from "../core/context.ts";
import * as intake from "./intake/intake.job.ts";
import * as sweep from "./maintenance/sweep-inbound.job.ts";
import * as fetchFacebook from "./intake/fetch-facebook.job.ts";
import * as indiamart from "./intake/indiamart-poll.job.ts";
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
import * as reportsRollup from "./reports/rollup.job.ts";
import * as nurtureStep from "./nurture/run-step.job.ts";
import * as nurtureSweep from "./nurture/sweep-due.job.ts";

export interface JobDefinition<N extends JobName = JobName> {
  schema: ZodType<JobPayloads[N]>;
  handle(ctx: JobContext, data: JobPayloads[N]): Promise<JobResult>;
  /** Called once a job has failed for good (retries exhausted or unrecoverable). */
  onFailed?(ctx: JobContext, data: JobPayloads[N], err: Error): Promise<void>;
}

/** Every job's handler, keyed by job name; the worker dispatches on it. */
export const jobDefinitions: { [N in JobName]: JobDefinition<N> } = {
  "lead.intake": { schema: intake.payloadSchema, handle: intake.handleIntake, onFailed: intake.onIntakeFailed },
  "lead.fetch-facebook": { schema: fetchFacebook.payloadSchema, handle: fetchFacebook.fetchFacebookLead, onFailed: intake.onIntakeFailed },
  "indiamart.poll": { schema: indiamart.payloadSchema, handle: (ctx) => indiamart.pollIndiamart(ctx) },
  "maintenance.source-health": { schema: sourceHealth.payloadSchema, handle: (ctx) => sourceHealth.checkSourceHealth(ctx) },
  "dedup.scan": { schema: scanDuplicates.payloadSchema, handle: scanDuplicates.scanDuplicates, onFailed: scanDuplicates.onScanFailed },
  "import.run": { schema: runImport.payloadSchema, handle: runImport.runImport, onFailed: runImport.onImportFailed },
  "scoring.rescore": { schema: rescore.payloadSchema, handle: rescore.rescore, onFailed: rescore.onRescoreFailed },
  "scoring.engagement": { schema: engagement.payloadSchema, handle: engagement.scoreEngagement },
  "scoring.decay": { schema: decay.payloadSchema, handle: (ctx) => decay.decayScores(ctx) },
  "assignment.sla": { schema: sla.payloadSchema, handle: (ctx) => sla.checkSlas(ctx) },
  "notifications.send": { schema: notifications.payloadSchema, handle: (ctx) => notifications.sendNotifications(ctx, { digest: false }) },
  "notifications.digest": { schema: notifications.payloadSchema, handle: (ctx) => notifications.sendNotifications(ctx, { digest: true }) },
  "webhooks.send": { schema: webhooks.payloadSchema, handle: (ctx) => webhooks.sendWebhooks(ctx) },
  "crm.account-health": { schema: accountHealth.payloadSchema, handle: (ctx) => accountHealth.scoreAccounts(ctx) },
  "reports.rollup": { schema: reportsRollup.payloadSchema, handle: (ctx) => reportsRollup.refreshRollups(ctx) },
  "nurture.step": { schema: nurtureStep.payloadSchema, handle: nurtureStep.runStep },
  "nurture.sweep": { schema: nurtureSweep.payloadSchema, handle: (ctx) => nurtureSweep.sweepDueSteps(ctx) },
  "maintenance.sweep-inbound": {
    schema: sweep.payloadSchema,
    handle: (ctx) => sweep.sweepInbound(ctx, ctx.settings.sweepAfterSeconds),
  },
};

import type { JobContext, JobResult } from "../../core/context.ts";
import { scoreAllAccounts } from "../../core/crm/score-accounts.ts";

/**
 * `crm.account-health`, hourly: every active account's health score with its reasons, and its
 * lifecycle stage moved forward by its deals (core/crm/score-accounts.ts).
 */
export function scoreAccounts(ctx: JobContext): Promise<JobResult> {
  return scoreAllAccounts(ctx);
}

import type { JobContext, JobResult } from "../context.ts";
import { withTenant } from "../tenant-scope.ts";
import { addressOf, compose, insertClaims, type Claim } from "./compose.ts";
import { deliver } from "./deliver.ts";
import { GroupCommit } from "./group-commit.ts";
import { plainSend, runStepAlone } from "./step-alone.ts";
import { lockAndLoad, type StepPayload } from "./step-load.ts";
import { isTemplateError } from "./templates.ts";

export { failureOf } from "./deliver.ts";
export type { StepPayload };

/** Sends claimed in one transaction at most: past this a batch's locks are held longer than its round trips save. */
const MAX_BATCH = 100;

interface Waiting {
  ctx: JobContext;
  data: StepPayload;
  resolve(r: JobResult): void;
  reject(err: unknown): void;
}

/** A tenant's due steps that arrive while its last batch is being claimed go together in the next. */
const claims = new GroupCommit<Waiting>(MAX_BATCH, claimBatch);

/**
 * Runs one step of one enrolment (a `nurture.step` job); its promise settles with this step's own
 * result, whatever batch it went in. Plain sends are claimed with the other due steps of the same
 * tenant in one transaction (lock the enrolments, read what they need, render, insert the claims,
 * COMMIT), then go to the mail server several at a time and are confirmed in batches
 * (core/nurture/deliver.ts). Everything else runs alone (core/nurture/step-alone.ts). Either way a
 * send is committed as claimed before its SMTP call and a claim is never sent twice.
 */
export async function runEnrollmentStep(ctx: JobContext, data: StepPayload): Promise<JobResult> {
  const now = ctx.clock.now();
  // A delayed job can fire before the clock the schedule used says it is due (tests move the clock): the sweeper brings it back.
  if (now.getTime() < data.runAt - 1000) return { outcome: "early", detail: `due ${new Date(data.runAt).toISOString()}` };
  return new Promise((resolve, reject) => claims.push(data.tenantId, { ctx, data, resolve, reject }));
}

async function claimBatch(tenantId: string, items: Waiting[]): Promise<void> {
  const ctx = items[0].ctx;
  const now = ctx.clock.now();
  let alone: Waiting[] = [];
  let claimed: { w: Waiting; claim: Claim }[];
  try {
    claimed = await withTenant(tenantId, () =>
      ctx.db.transaction(async (trx) => {
        const loaded = await lockAndLoad(trx, tenantId, [...new Set(items.map((w) => w.data.enrollmentId))], now);
        const ready: { w: Waiting; claim: Claim }[] = [];
        for (const w of items) {
          const s = loaded.get(w.data.enrollmentId);
          if (!plainSend(ctx, s, w.data)) {
            alone.push(w);
            continue;
          }
          // A second delivery of the same step in this batch goes alone (and finds the claim).
          loaded.delete(w.data.enrollmentId);
          try {
            ready.push({ w, claim: { mail: await compose(ctx, s, s.steps[s.e.current_step - 1], addressOf(s)), situation: s } });
          } catch (err) {
            // The step's template is at fault: alone, it is recorded on the timeline and the enrolment moves on.
            if (!isTemplateError(err)) throw err;
            alone.push(w);
          }
        }
        const ok = await insertClaims(
          trx,
          ready.map((r) => r.claim),
        );
        alone.push(...ready.filter((r) => !ok.has(r.claim.mail.rowId)).map((r) => r.w));
        return ready.filter((r) => ok.has(r.claim.mail.rowId));
      }),
    );
  } catch (err) {
    if (items.length === 1) return items[0].reject(err);
    // Nothing of the batch was claimed: each goes alone, so one item's fault fails only its own job.
    [alone, claimed] = [items, []];
  }
  for (const { w, claim } of claimed) deliver(w.ctx, claim).then(w.resolve, w.reject);
  for (const w of alone) withTenant(tenantId, () => runStepAlone(w.ctx, w.data)).then(w.resolve, w.reject);
}

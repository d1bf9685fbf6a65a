import type { JobContext, JobResult } from "../context.ts";
import { Batcher } from "../batcher.ts";
import { withTenant } from "../tenant-scope.ts";
import { addressOf, compose, insertClaims, type Claim } from "./compose.ts";
import { deliver } from "./deliver.ts";
import { plainSend, runStepAlone } from "./step-alone.ts";
import { loadSituations, type StepPayload } from "./step-load.ts";
import { isTemplateError } from "./templates.ts";

export { failureOf } from "./deliver.ts";
export type { StepPayload };

/** Sends claimed in one transaction at most: past this a batch's locks are held longer than its round trips save. */
const MAX_BATCH = 100;

interface Due {
  ctx: JobContext;
  data: StepPayload;
}

/** A step's result still to come (its mail on its way): wrapped, so the batch's answer does not wait for it. */
interface Pending {
  result: Promise<JobResult>;
}

/** A tenant's due steps that arrive while its last batch is being claimed go together in the next (core/batcher.ts). */
const claims = new Batcher<Due, Pending>(claimBatch, { max: MAX_BATCH, inFlight: 1 });

/**
 * Runs one step of one enrolment (a `nurture.step` job); its promise settles with this step's own
 * result, whatever batch it went in. Plain sends are claimed with the other due steps of the same
 * tenant in two statements (read what they need, render, then insert the claims where each
 * enrolment is still active at the step and due time it was read at: one statement, committed),
 * then go to the mail server several at a time and are confirmed in batches
 * (core/nurture/deliver.ts). Everything else runs alone (core/nurture/step-alone.ts). Either way a
 * send is committed as claimed before its SMTP call and a claim is never sent twice.
 */
export async function runEnrollmentStep(ctx: JobContext, data: StepPayload): Promise<JobResult> {
  const now = ctx.clock.now();
  // A delayed job can fire before the clock the schedule used says it is due (tests move the clock): the sweeper brings it back.
  if (now.getTime() < data.runAt - 1000) return { outcome: "early", detail: `due ${new Date(data.runAt).toISOString()}` };
  const { result } = await claims.submit(data.tenantId, { ctx, data });
  return result;
}

async function claimBatch(tenantId: string, items: Due[]): Promise<Pending[]> {
  const ctx = items[0].ctx;
  const now = ctx.clock.now();
  // The steps claimed here; every other one runs alone.
  let claimed: Map<Due, Claim>;
  try {
    claimed = await withTenant(tenantId, async () => {
      // Read without locking: the claims' insert checks each enrolment is still where it was read (core/nurture/compose.ts).
      const loaded = await loadSituations(ctx.db, tenantId, [...new Set(items.map((w) => w.data.enrollmentId))], now, { lock: false });
      const ready = new Map<Due, Claim>();
      for (const w of items) {
        const s = loaded.get(w.data.enrollmentId);
        if (!plainSend(ctx, s, w.data)) continue;
        // A second delivery of the same step in this batch goes alone (and finds the claim).
        loaded.delete(w.data.enrollmentId);
        try {
          ready.set(w, { mail: await compose(ctx, s, s.steps[s.e.current_step - 1], addressOf(s)), situation: s });
        } catch (err) {
          // The step's template is at fault: alone, it is recorded on the timeline and the enrolment moves on.
          if (!isTemplateError(err)) throw err;
        }
      }
      const ok = await insertClaims(ctx.db, [...ready.values()]);
      for (const [w, c] of ready) if (!ok.has(c.mail.rowId)) ready.delete(w);
      return ready;
    });
  } catch (err) {
    if (items.length === 1) throw err;
    // Nothing of the batch was claimed: each goes alone, so one item's fault fails only its own job.
    claimed = new Map();
  }
  return items.map((w) => {
    const claim = claimed.get(w);
    const result = claim ? deliver(w.ctx, claim) : withTenant(tenantId, () => runStepAlone(w.ctx, w.data));
    // Its job awaits it as soon as the batch answers; until then a failure must not count as unhandled.
    result.catch(() => {});
    return { result };
  });
}

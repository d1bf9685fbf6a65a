import type { DbRow } from "../db.ts";
import type { JobContext, JobResult } from "../context.ts";
import type { JobPayloads } from "../queues.ts";
import { scoreOf } from "./score.ts";
import { recordScores, type ScoreChange } from "./record-score.ts";
import { convertIfRuleHolds } from "../crm/conversion-rules.ts";

export type RescorePayload = JobPayloads["scoring.rescore"];

/** Leads per batch: one transaction, one progress update. */
const BATCH = 500;

/**
 * Re-scores every live lead of a tenant after its scoring rules changed, in id order, batch by
 * batch: the fit is recomputed with the rules as they now stand (behaviour points are kept) and
 * only leads whose score, grade or priority moved are written, each with a history row and a
 * timeline entry. Progress and the cursor are saved with each batch, so a restarted worker goes
 * on where the last one stopped.
 */
export async function rescoreTenant(ctx: JobContext, data: RescorePayload): Promise<JobResult> {
  const { db } = ctx;
  const run = await db("rescore_runs").where({ id: data.runId, tenant_id: data.tenantId }).first();
  // The API commits the run and enqueues it at once; a job that is quicker than the commit tries again.
  if (!run) throw new Error(`rescore run ${data.runId} not found (yet)`);
  if (run.status === "done" || run.status === "failed") return { outcome: "skipped", detail: `already ${run.status}` };
  const live = (conn = db) => conn("leads").where("tenant_id", data.tenantId).whereNull("deleted_at").where("spam_score", "<", 100);
  if (run.status === "queued") {
    const [{ n }] = await live().count<{ n: number }[]>("* as n");
    await db("rescore_runs")
      .where("id", run.id)
      .update({ status: "running", total: n, started_at: ctx.clock.now(), updated_at: ctx.clock.now() });
  }
  let { cursor, processed, changed } = run as { cursor: string | null; processed: number; changed: number };
  for (;;) {
    // Rules as they stand now: a change made during the run applies to the rest of it (and starts its own run).
    const sets = await ctx.rules.current(data.tenantId);
    const now = ctx.clock.now();
    const done = await db.transaction(async (trx) => {
      const leads: DbRow[] = await live(trx)
        .modify((q) => (cursor ? q.where("id", ">", cursor) : q))
        .orderBy("id")
        .limit(BATCH)
        .forUpdate()
        .select("*");
      if (!leads.length) return true;
      const changes = leads.flatMap((lead): ScoreChange[] => {
        const scored = scoreOf(sets.score, lead, lead.behaviour_score, now);
        if (scored.score === lead.lead_score && scored.grade === lead.grade && scored.priority === lead.priority) return [];
        return [
          {
            tenantId: data.tenantId,
            leadId: lead.id,
            previous: lead.lead_score,
            scored,
            reason: "rescore",
            cause: "scoring rules changed",
            version: sets.scoringVersion,
            now,
          },
        ];
      });
      if (changes.length) {
        await trx.raw(
          `UPDATE leads l SET lead_score = v.score, grade = v.grade, priority = v.priority, score_version = ?, updated_at = ?
           FROM json_to_recordset(?::json) AS v(id uuid, score int, grade text, priority text) WHERE l.id = v.id`,
          [
            sets.scoringVersion,
            now,
            JSON.stringify(
              changes.map((c) => ({ id: c.leadId, score: c.scored.score, grade: c.scored.grade, priority: c.scored.priority })),
            ),
          ],
        );
        await recordScores(trx, changes);
        // A new score may be what a conversion rule waits for.
        const byId = new Map(leads.map((l) => [l.id, l]));
        if (sets.conversion.length)
          for (const c of changes)
            await convertIfRuleHolds(
              trx,
              data.tenantId,
              { ...byId.get(c.leadId), lead_score: c.scored.score, grade: c.scored.grade, priority: c.scored.priority },
              now,
              null,
              sets.conversion,
            );
      }
      changed += changes.length;
      processed += leads.length;
      cursor = leads[leads.length - 1].id;
      await trx("rescore_runs")
        .where("id", run.id)
        .update({ processed, changed, cursor, rule_version: sets.scoringVersion, updated_at: now });
      return false;
    });
    if (done) break;
  }
  await db("rescore_runs")
    .where("id", run.id)
    .update({ status: "done", total: processed, finished_at: ctx.clock.now(), updated_at: ctx.clock.now() });
  return { outcome: "done", detail: `${processed} leads re-scored, ${changed} changed` };
}

/** After the last retry the run shows as failed, with the reason. */
export async function failRescore(ctx: JobContext, data: RescorePayload, err: Error): Promise<void> {
  await ctx
    .db("rescore_runs")
    .where({ id: data.runId })
    .update({ status: "failed", error: err.message.slice(0, 500), finished_at: ctx.clock.now(), updated_at: ctx.clock.now() });
}

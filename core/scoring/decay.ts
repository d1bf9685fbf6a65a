import type { JobContext, JobResult } from "../context.ts";
import { scoreOf, scoringSettingsFrom } from "./score.ts";
import { recordScore } from "./record-score.ts";

const BATCH = 500;
const DAY = 86_400_000;

/**
 * Score decay, run daily: a lead idle for a tenant's `every_days` (no activity, no earlier decay in
 * that time) loses `points` of what behaviour earned it (never below zero: decay takes back
 * engagement, it does not punish fit). Each step is a history row; `decayed_at` makes a second run
 * on the same day a no-op.
 */
export async function decayIdleScores(ctx: JobContext): Promise<JobResult> {
  const { db } = ctx;
  const tenants = await db("tenants").whereNull("deleted_at").select("id", db.raw("settings->'scoring' as scoring"));
  let decayed = 0;
  for (const t of tenants) {
    const { decay } = scoringSettingsFrom(t.scoring);
    if (!decay || !decay.points) continue;
    const sets = await ctx.rules.current(t.id);
    for (;;) {
      const now = ctx.clock.now();
      const before = new Date(now.getTime() - decay.every_days * DAY);
      const n = await db.transaction(async (trx) => {
        const leads = await trx("leads")
          .where("tenant_id", t.id)
          .whereNull("deleted_at")
          .where("behaviour_score", ">", 0)
          .whereRaw("greatest(coalesce(last_activity_at, created_at), coalesce(decayed_at, created_at)) <= ?", [before])
          .limit(BATCH)
          .forUpdate()
          .skipLocked()
          .select("*");
        for (const lead of leads) {
          const behaviour = Math.max(0, lead.behaviour_score - decay.points);
          const scored = scoreOf(sets.score, lead, behaviour, now);
          await trx("leads").where("id", lead.id).update({
            behaviour_score: behaviour,
            lead_score: scored.score,
            grade: scored.grade,
            priority: scored.priority,
            decayed_at: now,
            updated_at: now,
          });
          await recordScore(trx, {
            tenantId: t.id,
            leadId: lead.id,
            previous: lead.lead_score,
            scored,
            reason: "decay",
            cause: `−${lead.behaviour_score - behaviour} idle ${decay.every_days} days`,
            version: sets.scoringVersion,
            now,
          });
        }
        return leads.length;
      });
      decayed += n;
      if (n < BATCH) break;
    }
  }
  return { outcome: "done", detail: `${decayed} leads decayed` };
}

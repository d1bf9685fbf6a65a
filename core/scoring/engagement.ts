import type { JobContext, JobResult } from "../context.ts";
import type { JobPayloads } from "../queues.ts";
import { BEHAVIOURS, scoringSettingsFrom, type Behaviour } from "./score.ts";
import { addBehaviourPoints } from "./record-score.ts";

export type EngagementPayload = JobPayloads["scoring.engagement"];

/** An engagement recorded outside intake (an open, a click, a meeting, a site visit, a demo): its behaviour points, once. */
export async function scoreRecordedEngagement(ctx: JobContext, data: EngagementPayload): Promise<JobResult> {
  const e = await ctx
    .db("engagements as e")
    .join("tenants as t", "t.id", "e.tenant_id")
    .where({ "e.id": data.engagementId, "e.tenant_id": data.tenantId })
    .first("e.id", "e.lead_id", "e.type", ctx.db.raw("t.settings->'scoring' as scoring_settings"));
  if (!e) return { outcome: "skipped", detail: "engagement not found" };
  if (!(BEHAVIOURS as readonly string[]).includes(e.type))
    return { outcome: "skipped", leadId: e.lead_id, detail: `${e.type} earns no points` };
  const sets = await ctx.rules.current(data.tenantId);
  const added = await ctx.db.transaction((trx) =>
    addBehaviourPoints(trx, {
      tenantId: data.tenantId,
      leadId: e.lead_id,
      behaviour: e.type as Behaviour,
      engagementId: e.id,
      sets,
      settings: scoringSettingsFrom(e.scoring_settings),
      now: ctx.clock.now(),
    }),
  );
  return {
    outcome: added ? "scored" : "skipped",
    leadId: e.lead_id,
    detail: added ? e.type : `${e.type} already counted or worth nothing`,
  };
}

import type { Knex } from "knex";
import type { Services } from "../services.ts";
import { jobId } from "../queues.ts";
import type { Behaviour } from "./score.ts";

/** A re-score of the tenant's leads after its scoring rules changed; its row is the progress bar. */
export async function startRescore(services: Pick<Services, "db" | "queues" | "log">, tenantId: string) {
  const { db } = services;
  const t = await db("tenants").where("id", tenantId).first("scoring_version");
  const [run] = await db("rescore_runs").insert({ tenant_id: tenantId, rule_version: t.scoring_version }).returning("*");
  try {
    await services.queues.enqueue("scoring.rescore", { tenantId, runId: run.id }, { jobId: jobId.rescore(run.id) });
  } catch (err) {
    services.log.warn({ err: (err as Error).message, run: run.id }, "could not enqueue a re-score; it starts with the next rule change");
  }
  return run;
}

/** Why a lead's score is what it is: its changes, newest first. */
export const scoreHistory = (db: Knex, tenantId: string, leadId: string) =>
  db("score_history")
    .where({ lead_id: leadId, tenant_id: tenantId })
    .orderBy([
      { column: "created_at", order: "desc" },
      { column: "id", order: "desc" },
    ])
    .limit(1000)
    .select("id", "score", "previous_score", "delta", "grade", "reason", "cause", "details", "rule_version", "engagement_id", "created_at");

export interface BehaviourReport {
  tenantId: string;
  leadId: string;
  type: Behaviour;
  channel?: string | null;
  data?: Record<string, unknown>;
  occurredAt?: Date;
  now: Date;
}

/** Behaviour another system saw (a site visit, a meeting): an engagement on the lead, its points added by a scoring job. */
export async function recordBehaviour(services: Pick<Services, "db" | "queues">, b: BehaviourReport) {
  const [e] = await services.db.transaction(async (trx): Promise<{ id: string }[]> => {
    await trx("leads").where("id", b.leadId).update({ last_activity_at: b.now, updated_at: b.now });
    return trx("engagements")
      .insert({
        tenant_id: b.tenantId,
        lead_id: b.leadId,
        type: b.type,
        channel: b.channel ?? null,
        data: JSON.stringify(b.data ?? {}),
        occurred_at: b.occurredAt ?? b.now,
      })
      .returning(["id", "lead_id", "type", "channel", "occurred_at"]);
  });
  await services.queues.enqueue("scoring.engagement", { tenantId: b.tenantId, engagementId: e.id }, { jobId: jobId.engagement(e.id) });
  return e;
}

import type { Knex } from "knex";
import { conflict, unprocessable } from "../errors.ts";
import { emitEvents, type EventType } from "../events/outbox.ts";
import { addTimelineEntry } from "../lead/timeline.ts";
import { pipelineStages, stageTasks, type Stage } from "./stages.ts";

type Row = Record<string, unknown>;

/** The stage a new deal starts in: the one asked for, else the pipeline's first open stage. */
export async function startingStage(db: Knex, tenantId: string, stageId: unknown): Promise<Stage> {
  const stages = await pipelineStages(db, tenantId);
  return stages.find((s) => s.id === stageId) ?? stages.find((s) => !s.is_won && !s.is_lost)!;
}

/** A move into another stage: allowed from the current one, and no required task of the current stage open. */
export async function checkStageMove(db: Knex, tenantId: string, before: Row, toStageId: string): Promise<Stage> {
  const stages = await pipelineStages(db, tenantId);
  const from = stages.find((s) => s.id === before.stage_id);
  const to = stages.find((s) => s.id === toStageId);
  if (!to) throw unprocessable("crm_unknown_stage", "stage_id is not a stage of this pipeline");
  if (from?.allowed_next.length && !from.allowed_next.includes(to.id)) {
    throw conflict("crm_stage_not_allowed", `a deal in ${from.name} cannot move to ${to.name}`, {
      allowed: stages.filter((s) => from.allowed_next.includes(s.id)).map((s) => s.name),
    });
  }
  const open = await db("tasks")
    .where({ tenant_id: tenantId, record_type: "opportunity", record_id: before.id as string, required: true })
    .whereNull("done_at")
    .whereNull("deleted_at")
    .select("id", "title");
  if (open.length)
    throw conflict("crm_required_tasks_open", `finish ${open.map((t) => `"${t.title}"`).join(", ")} before moving to ${to.name}`, {
      tasks: open,
    });
  return to;
}

/** What entering a stage sets on a deal: its probability (unless given), status, close date and forecast. */
export const stageFields = (to: { probability: number; is_won: boolean; is_lost: boolean }, d: Row, now: Date) => ({
  probability: d.probability ?? to.probability,
  status: to.is_won ? "won" : to.is_lost ? "lost" : "open",
  ...(to.is_won || to.is_lost ? { actual_close: now, forecast_category: to.is_won ? "closed" : "omitted" } : { actual_close: null }),
  stage_changed_at: now,
});

/**
 * A deal entered a stage (created in it, or moved): its stage history, the stage's tasks, a timeline
 * entry and the events out, in the write's transaction.
 */
export async function recordStageEntry(
  trx: Knex,
  o: { tenantId: string; userId: string; now: Date; created: boolean; before?: Row; after: Row },
) {
  const { tenantId, userId, now, before, after } = o;
  const stage = (await pipelineStages(trx, tenantId)).find((s) => s.id === after.stage_id)!;
  await trx("stage_history").insert({
    tenant_id: tenantId,
    opportunity_id: after.id,
    from_stage_id: before?.stage_id ?? null,
    to_stage_id: stage.id,
    changed_by: userId,
    created_at: now,
  });
  const tasks = stageTasks(stage, { tenantId, opportunityId: after.id as string, ownerId: (after.owner_id as string) ?? null, now });
  if (tasks.length) await trx("tasks").insert(tasks);
  await addTimelineEntry(trx, tenantId, after.id as string, now, {
    recordType: "opportunity",
    action: "opportunity.stage_changed",
    title: `Moved to ${stage.name}`,
    actorUserId: userId,
    data: { from: before?.stage_id ?? null, to: stage.id },
  });
  const event = (type: EventType) => ({
    tenantId,
    type,
    recordType: "opportunity" as const,
    recordId: after.id as string,
    now,
    payload: { ...after, stage: stage.name, from_stage_id: before?.stage_id ?? null },
  });
  await emitEvents(trx, [
    event(o.created ? "opportunity.created" : "opportunity.stage_changed"),
    ...(stage.is_won ? [event("opportunity.won")] : stage.is_lost ? [event("opportunity.lost")] : []),
  ]);
}

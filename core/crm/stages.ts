import type { Knex } from "knex";

export interface Stage {
  id: string;
  name: string;
  position: number;
  probability: number;
  is_won: boolean;
  is_lost: boolean;
  allowed_next: string[];
  task_templates: { title: string; due_days?: number; required?: boolean }[];
}

/** A tenant's first pipeline, made the first time a deal needs one (the usual B2B stages). */
const DEFAULT_STAGES = [
  { name: "Qualification", probability: 10, color: "#90a4ae", task_templates: [{ title: "Discovery call", due_days: 2, required: true }] },
  { name: "Needs analysis", probability: 25, color: "#4fc3f7", task_templates: [] },
  { name: "Proposal", probability: 50, color: "#7986cb", task_templates: [{ title: "Send the proposal", due_days: 3, required: true }] },
  { name: "Negotiation", probability: 75, color: "#ffb74d", task_templates: [] },
  { name: "Won", probability: 100, color: "#66bb6a", is_won: true, task_templates: [] },
  { name: "Lost", probability: 0, color: "#e57373", is_lost: true, task_templates: [] },
];

/** The tenant's stages in order, creating the default pipeline when it has none. */
export async function pipelineStages(trx: Knex, tenantId: string): Promise<Stage[]> {
  const load = () =>
    trx("pipeline_stages")
      .where("tenant_id", tenantId)
      .whereNull("deleted_at")
      .orderBy("position")
      .select<Stage[]>("id", "name", "position", "probability", "is_won", "is_lost", "allowed_next", "task_templates");
  const stages = await load();
  if (stages.length) return stages;
  // Two first conversions at once: one creates the pipeline. An advisory lock, not the tenant row's:
  // their own inserts hold KEY SHARE on that row, and FOR UPDATE on it deadlocked them.
  await trx.raw("SELECT pg_advisory_xact_lock(hashtextextended('pipeline:' || ?, 0))", [tenantId]);
  const again = await load();
  if (again.length) return again;
  await trx("pipeline_stages").insert(
    DEFAULT_STAGES.map((s, i) => ({ ...s, task_templates: JSON.stringify(s.task_templates), tenant_id: tenantId, position: (i + 1) * 10 })),
  );
  return load();
}

/** Tasks a stage's templates make for a deal entering it. */
export function stageTasks(stage: Stage, o: { tenantId: string; opportunityId: string; ownerId: string | null; now: Date }) {
  return stage.task_templates.map((t) => ({
    tenant_id: o.tenantId,
    title: t.title,
    record_type: "opportunity",
    record_id: o.opportunityId,
    stage_id: stage.id,
    required: Boolean(t.required),
    owner_id: o.ownerId,
    due_at: new Date(o.now.getTime() + (t.due_days ?? 1) * 86_400_000),
    created_at: o.now,
    updated_at: o.now,
  }));
}

// Pipeline stages as the board and the settings page use them; pure helpers, unit-tested.
import type { BoardColumnDef } from "../../pipeline/boardModel.ts";

export interface TaskTemplate {
  title: string;
  due_days?: number;
  required?: boolean;
}

export interface PipelineStage {
  id: string;
  name: string;
  position: number;
  color: string | null;
  probability: number;
  is_won: boolean;
  is_lost: boolean;
  allowed_next: string[];
  task_templates: TaskTemplate[];
}

const FALLBACK_COLOR = "#94a3b8";

/** Board columns in stage order, each with its stage's colour. */
export function stageColumns(stages: readonly PipelineStage[]): BoardColumnDef[] {
  return [...stages].sort((a, b) => a.position - b.position).map((s) => ({ id: s.id, name: s.name, color: s.color || FALLBACK_COLOR }));
}

/** How the settings list describes a stage's rules: "won · 100% · then Proposal, Lost · 1 required task". */
export function stageSummary(stage: PipelineStage, names: ReadonlyMap<string, string>): string {
  const parts: string[] = [];
  if (stage.is_won) parts.push("won");
  if (stage.is_lost) parts.push("lost");
  parts.push(`${stage.probability}%`);
  if (stage.allowed_next?.length) parts.push(`then ${stage.allowed_next.map((id) => names.get(id) ?? "?").join(", ")}`);
  const required = (stage.task_templates ?? []).filter((t) => t.required).length;
  const others = (stage.task_templates ?? []).length - required;
  if (required) parts.push(`${required} required task${required === 1 ? "" : "s"}`);
  if (others) parts.push(`${others} task${others === 1 ? "" : "s"}`);
  return parts.join(" · ");
}

/** A stage form's own checks before the API's: a stage cannot be both won and lost, nor lead to itself. */
export function validateStage(stage: Partial<PipelineStage>): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!stage.name?.trim()) errors.name = "A stage needs a name";
  if (stage.is_won && stage.is_lost) errors.is_lost = "A stage is won or lost, not both";
  const p = Number(stage.probability ?? 0);
  if (!Number.isInteger(p) || p < 0 || p > 100) errors.probability = "A whole number from 0 to 100";
  if (stage.id && stage.allowed_next?.includes(stage.id)) errors.allowed_next = "A stage cannot lead to itself";
  return errors;
}

/**
 * Swapping a stage with its neighbour: the two new positions to write. Stages with equal positions
 * (added without one) get distinct ones from their place in the list first.
 */
export function swapPositions(
  stages: readonly Pick<PipelineStage, "id" | "position">[],
  id: string,
  direction: -1 | 1,
): { id: string; position: number }[] {
  const ordered = [...stages].sort((a, b) => a.position - b.position);
  const i = ordered.findIndex((s) => s.id === id);
  const j = i + direction;
  if (i < 0 || j < 0 || j >= ordered.length) return [];
  const distinct = new Set(ordered.map((s) => s.position)).size === ordered.length;
  const pos = (k: number) => (distinct ? ordered[k].position : (k + 1) * 10);
  return [
    { id: ordered[i].id, position: pos(j) },
    { id: ordered[j].id, position: pos(i) },
  ];
}

/** What a stage form sends: template rows as the API takes them (a blank "due after" left out, required a boolean). */
export function stagePayload(data: Record<string, unknown>): Record<string, unknown> {
  const templates = Array.isArray(data.task_templates) ? (data.task_templates as Partial<TaskTemplate>[]) : [];
  return {
    ...data,
    color: data.color || undefined,
    task_templates: templates
      .filter((t) => t && typeof t.title === "string" && t.title.trim())
      .map((t) => ({
        title: t.title!.trim(),
        ...(t.due_days == null || (t.due_days as unknown) === "" ? {} : { due_days: Number(t.due_days) }),
        required: Boolean(t.required),
      })),
  };
}

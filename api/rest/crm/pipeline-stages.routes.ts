import { Router } from "express";
import { z } from "zod";
import type { Services } from "../../../core/services.ts";
import { pipelineStages } from "../../../core/crm/stages.ts";
import { resourceRoutes } from "../resource.ts";
import { jsonCols, user } from "./crm-fields.ts";
import { PERMISSIONS } from "../../../core/permissions.ts";

const stageSchema = z.object({
  name: z.string().trim().min(1).max(100),
  position: z.number().int().optional(),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .optional(),
  probability: z.number().int().min(0).max(100).optional(),
  is_won: z.boolean().optional(),
  is_lost: z.boolean().optional(),
  allowed_next: z.array(z.uuid()).max(50).optional(),
  task_templates: z
    .array(
      z.object({
        title: z.string().trim().min(1).max(300),
        due_days: z.number().int().min(0).max(365).optional(),
        required: z.boolean().optional(),
      }),
    )
    .max(20)
    .optional(),
});

/** The tenant's pipeline: stages in order, which moves each allows, and the tasks entering one makes. */
export function pipelineStagesRoutes(services: Services): Router {
  const r = Router();
  // The default pipeline exists before anyone lists it.
  r.use((req, _res, next) => void pipelineStages(services.db, user(req).tenantId).then(() => next(), next));
  r.use(
    resourceRoutes(services, {
      name: "pipeline_stages",
      table: "pipeline_stages",
      columns: [
        "id",
        "name",
        "position",
        "color",
        "probability",
        "is_won",
        "is_lost",
        "allowed_next",
        "task_templates",
        "created_at",
        "updated_at",
      ],
      filters: ["is_won", "is_lost"],
      sortable: ["position", "name"],
      defaultSort: ["position", "asc"],
      readRoles: PERMISSIONS.pipeline_stages.read,
      writeRoles: PERMISSIONS.pipeline_stages.write,
      refs: { allowed_next: "pipeline_stages" },
      create: { schema: stageSchema, toRow: (d) => ({ ...jsonCols(d, ["task_templates"]), position: d.position ?? 1000 }) },
      update: { schema: stageSchema.partial(), toRow: (d) => jsonCols(d, ["task_templates"]) },
      deletable: true,
    }),
  );
  return r;
}

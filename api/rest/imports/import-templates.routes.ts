import type { Router } from "express";
import { z } from "zod";
import type { Services } from "../../../core/services.ts";
import { resourceRoutes } from "../resource.ts";
import { IMPORTERS } from "./imports.routes.ts";
import { defaultsSchema, optionsSchema } from "./upload.ts";

const templateSchema = z.object({
  name: z.string().trim().min(1).max(200),
  mapping: z.record(z.string(), z.string()),
  defaults: defaultsSchema.default({}),
  options: optionsSchema.default({ unmapped: "custom" }),
});
const toRow = (d: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(d).map(([k, v]) => [k, k === "name" ? v : JSON.stringify(v)]));

/** Saved column mappings, to reuse for the next export of the same CRM. */
export const importTemplatesRoutes = (services: Services): Router =>
  resourceRoutes(services, {
    name: "import_templates",
    table: "import_templates",
    columns: ["id", "name", "mapping", "defaults", "options", "created_by", "created_at", "updated_at"],
    filters: ["name"],
    sortable: ["name", "created_at"],
    search: { ilike: ["name"] },
    readRoles: IMPORTERS,
    writeRoles: IMPORTERS,
    create: { schema: templateSchema, toRow: (d, req) => ({ ...toRow(d), created_by: req.user!.id }) },
    update: { schema: templateSchema.partial(), toRow: (d) => toRow(d) },
    deletable: true,
  });

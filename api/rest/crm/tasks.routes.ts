import type { Router } from "express";
import { z } from "zod";
import type { Services } from "../../../core/services.ts";
import { optionalUuid } from "../../../core/schemas.ts";
import { RECORD_TYPES } from "../../../core/vocabulary.ts";
import { resourceRoutes } from "../resource.ts";
import { onVisibleRecords } from "../records.resources.ts";
import { ALL, text, user } from "./crm-fields.ts";

const taskSchema = z.object({
  title: z.string().trim().min(1).max(300),
  body: text(5000),
  due_at: z.coerce.date().nullish(),
  remind_at: z.coerce.date().nullish(),
  owner_id: optionalUuid,
  record_type: z.enum(RECORD_TYPES),
  record_id: z.uuid(),
  done: z.boolean().optional(),
});
const RECORD_TABLES: Record<string, string> = { lead: "leads", account: "accounts", contact: "contacts", opportunity: "opportunities" };

/** Tasks on any record: made by people, or by a stage a deal enters. */
export function tasksRoutes(services: Services): Router {
  const { clock } = services;
  return resourceRoutes(services, {
    name: "tasks",
    table: "tasks",
    columns: [
      "id",
      "title",
      "body",
      "due_at",
      "remind_at",
      "reminded_at",
      "owner_id",
      "record_type",
      "record_id",
      "stage_id",
      "required",
      "done_at",
      "created_by",
      "created_at",
      "updated_at",
    ],
    filters: ["owner_id", "record_type", "record_id", "required", "stage_id", "done_at"],
    ranges: ["due_at", "created_at"],
    sortable: ["due_at", "created_at", "title"],
    defaultSort: ["due_at", "asc"],
    search: { ilike: ["title", "body"] },
    readRoles: ALL,
    writeRoles: ALL,
    refs: { owner_id: "users", record_id: (d, before) => RECORD_TABLES[String(d.record_type ?? before?.record_type)] },
    // As the timelines, and the tasks assigned to the rep.
    scope: onVisibleRecords("tasks", "owner_id"),
    create: {
      schema: taskSchema,
      toRow: (d, req) => {
        const { done, ...rest } = d;
        return { ...rest, done_at: done ? clock.now() : null, owner_id: d.owner_id ?? user(req).id, created_by: user(req).id };
      },
    },
    update: {
      schema: taskSchema.partial(),
      toRow: (d) => {
        const { done, ...rest } = d;
        // A reminder moved is a reminder to send again.
        const reminder = d.remind_at === undefined ? {} : { reminded_at: null };
        return { ...rest, ...reminder, ...(done === undefined ? {} : { done_at: done ? clock.now() : null }) };
      },
    },
    deletable: true,
  });
}

import type { Request, RequestHandler } from "express";
import { z } from "zod";
import type { Services } from "../../../core/services.ts";
import { checkCustomFields, type RecordType } from "../../../core/crm/custom-fields.ts";
import { visibleRecordTimeline, type CrmRecord } from "../../../core/crm/record-timeline.ts";

/** What the CRM resources share: who reads and writes them, their field shapes, custom fields and timelines. */
export { EVERYONE as ALL, SELLERS } from "../../../core/permissions.ts";
export const money = z.coerce.number().min(0).max(1e13).nullish();
export const text = (max = 300) => z.string().trim().max(max).nullish();
export const user = (req: Request) => req.user!;

/** JSON columns stored as JSON text (knex sends a JS array as a Postgres array otherwise). */
export const jsonCols = (d: Record<string, unknown>, cols: string[]) =>
  Object.fromEntries(Object.entries(d).map(([k, v]) => [k, cols.includes(k) && v !== undefined && v !== null ? JSON.stringify(v) : v]));

/** A record's custom fields checked against the tenant's definitions (always on create, on update when given), stored as JSON. */
export const customFields =
  (services: Services) => async (type: RecordType, d: Record<string, unknown>, req: Request, creating: boolean) => {
    if (creating || d.custom_fields !== undefined)
      await checkCustomFields(services.db, user(req).tenantId, type, d.custom_fields as Record<string, unknown> | undefined);
    return jsonCols(d, ["custom_fields"]);
  };

/** One story per record: its activities, tasks, stage moves, and its leads' submissions, emails and scores. */
export const timelineRoute =
  (services: Services, type: CrmRecord): RequestHandler =>
  async (req, res) => {
    res.json(await visibleRecordTimeline(services.db, user(req), type, String(req.params.id)));
  };

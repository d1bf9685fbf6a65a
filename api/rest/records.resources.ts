import { z } from "zod";
import { RECORD_TYPES, type ActivityType } from "../../core/vocabulary.ts";
import { notFound } from "../../core/errors.ts";
import { scopeByRecord, visibleRows } from "../../core/access.ts";
import type { ResourceSpec } from "./resource.ts";
import { PERMISSIONS } from "../../core/permissions.ts";

/** Inbound events are the raw record of what arrived: read-only, never deleted. */
export function inboundEventsResource(): ResourceSpec {
  return {
    name: "inbound_events",
    table: "inbound_events",
    columns: [
      "id",
      "channel",
      "format",
      "partner_id",
      "api_key_id",
      "idempotency_key",
      "status",
      "outcome",
      "lead_id",
      "error",
      "payload",
      "raw",
      "content_type",
      "remote_ip",
      "attempts",
      "processed_at",
      "created_at",
      "updated_at",
      "form_id",
      "vendor_id",
      "is_test",
      "unmapped",
    ],
    filters: ["channel", "format", "partner_id", "form_id", "status", "outcome", "lead_id", "idempotency_key", "vendor_id"],
    ranges: ["created_at"],
    sortable: ["created_at", "status", "outcome", "channel"],
    readRoles: PERMISSIONS.inbound_events.read,
    softDeletes: false,
  };
}

/** What a person adds to a timeline; the rest of ACTIVITY_TYPES is the machine's. */
const PERSON_ACTIVITY_TYPES = ["note", "call", "email", "meeting", "task"] as const satisfies readonly ActivityType[];

const activitySchema = z.object({
  record_type: z.enum(RECORD_TYPES).default("lead"),
  record_id: z.uuid(),
  type: z.enum(PERSON_ACTIVITY_TYPES),
  title: z.string().trim().min(1).max(300),
  body: z.string().max(20_000).nullish(),
  duration_minutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .nullish(),
  outcome: z.string().max(100).nullish(),
  occurred_at: z.coerce.date().optional(),
});

/** The timeline's entries; people add notes, calls, meetings; the machine adds system entries. */
const CONTACT_TYPES = ["call", "email", "meeting", "note"];

/** Rows on a record (record_type + record_id) as the visibility rule lets the caller see them. */
export const onVisibleRecords =
  (table: string, ownerColumn?: string): NonNullable<ResourceSpec["scope"]> =>
  (q, req) =>
    void scopeByRecord(q, table, req.user!, ownerColumn);

export function activitiesResource(): ResourceSpec {
  return {
    name: "activities",
    table: "activities",
    columns: [
      "id",
      "record_type",
      "record_id",
      "type",
      "action",
      "title",
      "body",
      "data",
      "duration_minutes",
      "outcome",
      "actor_user_id",
      "occurred_at",
      "created_at",
      "updated_at",
    ],
    filters: ["record_type", "record_id", "type", "action", "actor_user_id"],
    ranges: ["occurred_at", "created_at"],
    sortable: ["occurred_at", "created_at", "type"],
    defaultSort: ["occurred_at", "desc"],
    search: { ilike: ["title", "body"] },
    writeRoles: ["admin", "manager", "rep", "marketer"],
    scope: onVisibleRecords("activities"),
    create: {
      schema: activitySchema,
      toRow: async (data, req, services) => {
        const d = data as z.infer<typeof activitySchema>;
        if (d.record_type !== "lead") {
          const table = { account: "accounts", contact: "contacts", opportunity: "opportunities" }[d.record_type];
          if (!(await visibleRows(services.db, table, [d.record_id], req.user!).first("id"))) throw notFound(d.record_type);
          return { ...d, actor_user_id: req.user!.id };
        }
        const lead = await visibleRows(services.db, "leads", [d.record_id], req.user!).first("id", "owner_id");
        if (!lead) throw notFound("lead");
        const now = services.clock.now();
        // The owner's first call, email, meeting or note is the first contact: it stops the SLA timer.
        const contact = lead.owner_id === req.user!.id && CONTACT_TYPES.includes(d.type);
        await services
          .db("leads")
          .where("id", d.record_id)
          .update({
            last_activity_at: now,
            ...(contact ? { first_contacted_at: services.db.raw("coalesce(first_contacted_at, ?)", [now]) } : {}),
          });
        return { ...d, actor_user_id: req.user!.id };
      },
    },
    update: { schema: activitySchema.pick({ title: true, body: true, outcome: true, duration_minutes: true }).partial() },
    deletable: true,
  };
}

/** Source health alerts (a partner or form gone silent or failing); resolving one is a person's call. */
export function alertsResource(): ResourceSpec {
  return {
    name: "alerts",
    table: "alerts",
    columns: ["id", "source_type", "source_id", "kind", "message", "raised_at", "resolved_at", "created_at", "updated_at"],
    filters: ["source_type", "source_id", "kind", "resolved_at"],
    ranges: ["raised_at"],
    sortable: ["raised_at", "kind"],
    defaultSort: ["raised_at", "desc"],
    readRoles: PERMISSIONS.alerts.read,
    writeRoles: PERMISSIONS.alerts.write,
    softDeletes: false,
    update: { schema: z.object({ resolved_at: z.coerce.date().nullable() }) },
  };
}

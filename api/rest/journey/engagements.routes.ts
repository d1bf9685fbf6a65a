import type { Router } from "express";
import { z } from "zod";
import type { Services } from "../../../core/services.ts";
import { conflict } from "../../../core/errors.ts";
import { logEngagement } from "../../../core/journey/bookkeeping.ts";
import { DIRECTIONS, ENGAGEMENT_CHANNELS, ENGAGEMENT_TYPES, OUTCOMES } from "../../../core/vocabulary.ts";
import { resourceRoutes } from "../resource.ts";
import { ALL, leadFor, ownLeads, SELLERS, text, user, type Row } from "./journey-fields.ts";

const engagementFields = {
  type: z.enum(ENGAGEMENT_TYPES),
  channel: z.enum(ENGAGEMENT_CHANNELS).nullish(),
  direction: z.enum(DIRECTIONS),
  subject: text(500),
  notes: text(20_000),
  occurred_at: z.coerce.date(),
  duration_minutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .nullish(),
  response_received: z.boolean(),
  response_at: z.coerce.date().nullish(),
  outcome: z.enum(OUTCOMES).nullish(),
};
const engagementCreate = z
  .object({ ...engagementFields, lead_id: z.uuid() })
  .partial({ direction: true, occurred_at: true, response_received: true });
const engagementUpdate = z.object(engagementFields).partial();

/** Calls, mails, meetings and proposals people log against a lead (each on its timeline); the system's own are read-only. */
export function engagementsRoutes(services: Services): Router {
  const { clock } = services;
  return resourceRoutes(services, {
    name: "engagements",
    table: "engagements",
    columns: [
      "id",
      "lead_id",
      "type",
      "channel",
      "direction",
      "subject",
      "notes",
      "occurred_at",
      "duration_minutes",
      "response_received",
      "response_at",
      "outcome",
      "data",
      "created_by",
      "created_at",
      "updated_at",
    ],
    filters: ["lead_id", "type", "channel", "direction", "outcome", "response_received", "created_by"],
    ranges: ["occurred_at", "created_at"],
    sortable: ["occurred_at", "created_at", "type", "channel"],
    defaultSort: ["occurred_at", "desc"],
    search: { ilike: ["subject", "notes"] },
    readRoles: ALL,
    writeRoles: SELLERS,
    scope: ownLeads("engagements.lead_id"),
    create: {
      schema: engagementCreate as unknown as z.ZodType<Row>,
      toRow: async (d, req) => ({
        ...d,
        lead_id: await leadFor(services, req, d.lead_id as string, "engagement_unknown_lead"),
        response_received: d.response_received ?? d.response_at != null,
        occurred_at: d.occurred_at ?? clock.now(),
        created_by: user(req).id,
      }),
    },
    update: {
      schema: engagementUpdate as unknown as z.ZodType<Row>,
      toRow: (d, before) => {
        // Opens, clicks and replies are recorded by the system and earned points: they are not edited.
        if (!(ENGAGEMENT_TYPES as readonly unknown[]).includes(before.type))
          throw conflict("engagement_recorded", `a ${String(before.type)} is recorded by the system, not edited`);
        return { ...d, ...(d.response_at && d.response_received === undefined ? { response_received: true } : {}) };
      },
    },
    deletable: true,
    afterWrite: async (trx, { action, after }, req) => {
      if (action === "create") await logEngagement(trx, user(req).tenantId, user(req).id, after, clock.now());
    },
  });
}

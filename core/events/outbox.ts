import type { Knex } from "knex";
import { insertJsonRows } from "../db.ts";

/** What subscribers can ask for ("*" for everything). */
export const EVENT_TYPES = [
  "lead.created",
  "lead.merged",
  "lead.assigned",
  "lead.scored",
  "lead.converted",
  "opportunity.created",
  "opportunity.stage_changed",
  "opportunity.won",
  "opportunity.lost",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface OutboxEvent {
  tenantId: string;
  type: EventType;
  recordType: "lead" | "opportunity";
  recordId: string;
  payload: Record<string, unknown>;
  now: Date;
}

/** An event as an outbox row, to write in the same statement or transaction as the change it reports: none is lost or invented. */
export const eventRow = (e: OutboxEvent) => ({
  tenant_id: e.tenantId,
  type: e.type,
  record_type: e.recordType,
  record_id: e.recordId,
  payload: e.payload,
  created_at: e.now,
});

export const emitEvents = (trx: Knex, events: OutboxEvent[]) => insertJsonRows(trx, "outbox_events", events.map(eventRow));

/** A lead as subscribers see it: who, how to reach them, where they came from, where they stand. */
export function leadPayload(l: Record<string, unknown>) {
  const pick = [
    "id",
    "lead_number",
    "first_name",
    "last_name",
    "email",
    "phone_e164",
    "company",
    "city",
    "state",
    "country",
    "source",
    "campaign",
    "status",
    "owner_id",
    "team_id",
    "lead_score",
    "grade",
    "priority",
    "budget",
    "budget_currency",
    "product_interest",
    "created_at",
  ];
  return Object.fromEntries(pick.filter((k) => l[k] !== undefined).map((k) => [k, l[k]]));
}

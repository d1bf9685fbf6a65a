import type { Knex } from "knex";
import type { JobContext } from "../context.ts";
import { readEvent, type EventRow, type Reading } from "../capture/read-event.ts";
import { toLeadFields, type LeadFields } from "../lead/record.ts";
import { matchKeys, type MatchKeys } from "../dedup/keys.ts";

/**
 * A batch's events with what intake needs of their tenant, partner and form, in one query.
 * The tenant's columns are the same on every row; they ride along so each event reads alone.
 */
export async function loadEvents(db: Knex, tenantId: string, eventIds: string[]): Promise<Map<string, EventRow>> {
  const rows: EventRow[] = await db("inbound_events as e")
    .join("tenants as t", "t.id", "e.tenant_id")
    .leftJoin("partners as p", "p.id", "e.partner_id")
    .leftJoin("forms as f", "f.id", "e.form_id")
    .where("e.tenant_id", tenantId)
    .whereIn("e.id", eventIds)
    .select(
      "e.*",
      "t.default_region",
      db.raw("t.settings->'dedup' as dedup_rules"),
      "p.name as partner_name",
      "p.settings as partner_settings",
      "p.default_source as partner_default_source",
      "t.scoring_version",
      "t.assignment_version",
      "t.conversion_version",
      "t.nurture_version",
      db.raw("t.settings->'scoring' as scoring_settings"),
      db.raw("t.settings->'assignment' as assignment_settings"),
      "t.time_zone as tenant_time_zone",
      "f.consent_text as form_consent_text",
      db.raw("CASE WHEN e.format = 'form' THEN row_to_json(f.*) END as form"),
    );
  return new Map(rows.map((r) => [r.id, r]));
}

/** An event read and normalised, before anything is written: what it is, and for a lead its fields and keys. */
export interface ReadEvent {
  ev: EventRow;
  reading: Reading;
  lead: {
    fields: LeadFields;
    notes: string[];
    /** Spam is kept but never matched: no keys, so no real lead merges into it. */
    keys: MatchKeys | null;
    /** A bad email beside a phone that reaches the person: the lead is kept without it, and the event says so. */
    emailDropped: { code: string; message: string } | undefined;
  } | null;
}

/** Reads one event with its format's adapter and normalises the lead it carries (no writes). */
export async function readOne(ctx: JobContext, ev: EventRow): Promise<ReadEvent> {
  let reading = await readEvent(ctx, ev);
  if (reading.kind !== "lead") return { ev, reading, lead: null };
  const normalised = toLeadFields(reading.adapted.lead, ev.default_region);
  // The edge checks this too, but a replayed or polled event reaches intake without the edge.
  if (!reading.spam && !normalised.valid) {
    reading = { kind: "rejected", error: { code: "no_contact", message: "a lead needs a valid email or phone" } };
    return { ev, reading, lead: null };
  }
  return {
    ev,
    reading,
    lead: {
      fields: normalised.fields,
      notes: normalised.notes,
      keys: reading.spam ? null : matchKeys(normalised.fields, { region: ev.default_region }),
      emailDropped: normalised.droppedEmail
        ? {
            code: "email_dropped",
            message: `email "${normalised.droppedEmail}" is not a valid address and was dropped; the lead was kept by its phone`,
          }
        : undefined,
    },
  };
}

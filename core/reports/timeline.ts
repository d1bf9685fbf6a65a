import type { Knex } from "knex";
import { notFound } from "../errors.ts";
import { money, type ReportScope } from "./scope.ts";

/**
 * One lead's journey: lead_generated (its created_at) first, then its milestones, engagements and
 * bookings in time order (within from/to when given); days to convert (tenant days from creation to
 * converted_at, else to its first booking that was not cancelled); engagement points (the behaviour
 * part of score_history, beside the current score); value (its bookings' amount when it has any
 * not cancelled, else its opportunity's value). A rep reads their own leads only.
 */
export async function milestoneTimeline(db: Knex, s: ReportScope, leadId: string) {
  const lead = await db("leads")
    .where({ id: leadId, tenant_id: s.tenantId })
    .whereNull("deleted_at")
    .modify((q) => {
      if (s.ownerId) q.where("owner_id", s.ownerId);
    })
    .first(
      "id",
      "lead_number",
      "first_name",
      "last_name",
      "status",
      "lead_score",
      "owner_id",
      "created_at",
      "converted_at",
      "converted_opportunity_id",
    );
  if (!lead) throw notFound("lead");
  const range =
    "(?::date IS NULL OR at >= ((?::date)::timestamp AT TIME ZONE ?)) AND (?::date IS NULL OR at < ((?::date + 1)::timestamp AT TIME ZONE ?))";
  const rangeB = [s.from, s.from, s.tz, s.to, s.to, s.tz];
  const [events, figures] = await Promise.all([
    db.raw(
      `SELECT * FROM (
         SELECT 0 AS ord, 'lead_generated' AS kind, 'lead_generated' AS event, 'Lead generated' AS title, created_at AS at, NULL::uuid AS id,
           NULL::text AS outcome, NULL::numeric AS amount, jsonb_build_object('source', source, 'subsource', subsource, 'campaign', campaign) AS detail
         FROM leads WHERE id = ?
         UNION ALL
         SELECT 1, 'milestone', kind, title, occurred_at, id, outcome, NULL, jsonb_strip_nulls(jsonb_build_object('location_name', location_name,
           'duration_minutes', duration_minutes, 'status_before', status_before, 'status_after', status_after, 'notes', notes))
         FROM milestones WHERE record_type = 'lead' AND record_id = ? AND tenant_id = ? AND deleted_at IS NULL AND kind <> 'lead_generated'
         UNION ALL
         SELECT 1, 'engagement', type, coalesce(subject, type), occurred_at, id, outcome, NULL, jsonb_strip_nulls(jsonb_build_object('channel', channel,
           'direction', direction, 'duration_minutes', duration_minutes, 'response_received', response_received))
         FROM engagements WHERE lead_id = ? AND tenant_id = ? AND deleted_at IS NULL
         UNION ALL
         SELECT 1, 'booking', status, 'Booking', booked_at, id, NULL, amount, jsonb_build_object('units', units, 'unit_inventory_id', unit_inventory_id)
         FROM bookings WHERE lead_id = ? AND tenant_id = ? AND deleted_at IS NULL) x
       WHERE ord = 0 OR (${range})
       ORDER BY ord, at, kind, id`,
      [leadId, leadId, s.tenantId, leadId, s.tenantId, leadId, s.tenantId, ...rangeB],
    ),
    db.raw(
      `SELECT
         (SELECT coalesce(sum(delta), 0)::int FROM score_history WHERE lead_id = l.id AND reason = 'behaviour') AS engagement_points,
         (SELECT min(booked_at) FROM bookings WHERE lead_id = l.id AND deleted_at IS NULL AND status <> 'cancelled') AS first_booking,
         (SELECT sum(amount) FROM bookings WHERE lead_id = l.id AND deleted_at IS NULL AND status <> 'cancelled') AS booked,
         (SELECT value FROM opportunities o WHERE o.deleted_at IS NULL AND (o.id = l.converted_opportunity_id OR o.lead_id = l.id) LIMIT 1) AS opportunity_value,
         (coalesce(l.converted_at, (SELECT min(booked_at) FROM bookings WHERE lead_id = l.id AND deleted_at IS NULL AND status <> 'cancelled')) AT TIME ZONE ?)::date
           - (l.created_at AT TIME ZONE ?)::date AS days_to_convert
       FROM leads l WHERE l.id = ?`,
      [s.tz, s.tz, leadId],
    ),
  ]);
  const f = figures.rows[0];
  const value =
    f.booked != null
      ? { value: money(f.booked), value_source: "bookings" }
      : f.opportunity_value != null
        ? { value: money(f.opportunity_value), value_source: "opportunity" }
        : { value: null, value_source: null };
  return {
    lead: {
      id: lead.id,
      lead_number: lead.lead_number,
      name: [lead.first_name, lead.last_name].filter(Boolean).join(" "),
      status: lead.status,
      owner_id: lead.owner_id,
      created_at: lead.created_at,
      converted_at: lead.converted_at,
    },
    from: s.from,
    to: s.to,
    days_to_convert: f.days_to_convert,
    engagement_points: f.engagement_points,
    lead_score: lead.lead_score,
    ...value,
    events: events.rows.map(({ ord: _ord, amount, ...e }: Record<string, unknown>) => ({
      ...e,
      amount: amount == null ? null : money(amount),
    })),
  };
}

export const TIMELINE_COLUMNS = ["at", "kind", "event", "title", "outcome", "amount", "id"];

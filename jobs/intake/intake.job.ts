import { UnrecoverableError } from "bullmq";
import { z, ZodError } from "zod";
import type { Knex } from "knex";
import type { JobContext, JobResult } from "../context.ts";
import { reserveLeadNumbers } from "../../core/lead/numbers.ts";
import { toLeadFields } from "../../core/lead/record.ts";
import { adapters } from "./adapters/index.ts";

export const queue = "intake";
export const payloadSchema = z.object({ tenantId: z.uuid(), eventId: z.uuid() });
export type IntakePayload = z.infer<typeof payloadSchema>;

interface EventRow {
  id: string;
  tenant_id: string;
  channel: string;
  format: string;
  partner_id: string | null;
  payload: unknown;
  status: string;
  outcome: string | null;
  lead_id: string | null;
  default_region: string;
}

const loadEvent = (db: Knex, { tenantId, eventId }: IntakePayload) =>
  db("inbound_events as e")
    .join("tenants as t", "t.id", "e.tenant_id")
    .where({ "e.id": eventId, "e.tenant_id": tenantId })
    .first<EventRow | undefined>("e.*", "t.default_region");

async function finish(trx: Knex, ev: EventRow, now: Date, outcome: string, leadId: string | null, error: unknown = null) {
  await trx("inbound_events")
    .where("id", ev.id)
    .update({
      status: outcome === "rejected" ? "failed" : "done",
      outcome,
      lead_id: leadId,
      error: error ? JSON.stringify(error) : null,
      processed_at: now,
      updated_at: now,
      attempts: trx.raw("attempts + 1"),
    });
}

/**
 * Intake of one inbound event: adapt the payload to a canonical lead, normalise, validate, create
 * the lead with its submission and timeline entry, and mark the event, all in one transaction.
 * Idempotent: an event already processed is left as it is.
 */
export async function handleIntake(ctx: JobContext, data: IntakePayload): Promise<JobResult> {
  const peek = await loadEvent(ctx.db, data);
  if (!peek) throw new UnrecoverableError(`inbound event ${data.eventId} not found`);
  if (peek.status === "done" || peek.status === "failed") {
    return { outcome: "skipped", leadId: peek.lead_id, eventId: peek.id, detail: `already ${peek.outcome}` };
  }
  const now = ctx.clock.now();
  // Reserved before the transaction, on its own connection, so intakes never queue on the counter row.
  const [leadNumber] = await reserveLeadNumbers(ctx.db, data.tenantId, now);

  return ctx.db.transaction(async (trx) => {
    const ev = await trx("inbound_events").where("id", data.eventId).forUpdate().first<EventRow>("*");
    if (ev.status === "done" || ev.status === "failed") {
      return { outcome: "skipped", leadId: ev.lead_id, eventId: ev.id, detail: `already ${ev.outcome}` };
    }
    const adapt = adapters[ev.format];
    if (!adapt) throw new UnrecoverableError(`no adapter for format ${ev.format}`);

    let lead;
    try {
      lead = adapt(ev.payload);
    } catch (e) {
      if (!(e instanceof ZodError)) throw e;
      const error = { code: "validation_failed", message: "the payload does not map to a valid lead", details: e.issues.slice(0, 20) };
      await finish(trx, ev, now, "rejected", null, error);
      return { outcome: "rejected", eventId: ev.id, detail: error.message };
    }
    const { fields, notes, valid } = toLeadFields(lead, peek.default_region);
    if (!valid) {
      const error = { code: "no_contact", message: "a lead needs a valid email or phone" };
      await finish(trx, ev, now, "rejected", null, error);
      return { outcome: "rejected", eventId: ev.id, detail: error.message };
    }

    const [{ id: leadId }] = await trx("leads")
      .insert({
        ...fields,
        custom_fields: JSON.stringify(fields.custom_fields),
        tenant_id: ev.tenant_id,
        lead_number: leadNumber,
        validation_status: notes.length ? "partial" : "valid",
        validation_notes: JSON.stringify(notes),
        consent_at: fields.gdpr_consent ? now : null,
        opt_in_at: fields.gdpr_consent ? now : null,
        inbound_event_id: ev.id,
        last_activity_at: now,
        created_at: now,
        updated_at: now,
      })
      .returning("id");
    await trx("lead_submissions").insert({
      tenant_id: ev.tenant_id,
      lead_id: leadId,
      inbound_event_id: ev.id,
      channel: ev.channel,
      data: JSON.stringify(ev.payload),
      created_at: now,
      updated_at: now,
    });
    await trx("activities").insert({
      tenant_id: ev.tenant_id,
      record_type: "lead",
      record_id: leadId,
      type: "system",
      action: "lead.created",
      title: `Lead created from ${fields.source ?? ev.channel}`,
      body: notes.length ? notes.join("\n") : null,
      data: JSON.stringify({ inbound_event_id: ev.id, channel: ev.channel, format: ev.format }),
      occurred_at: now,
      created_at: now,
      updated_at: now,
    });
    await finish(trx, ev, now, "created", leadId);
    return { outcome: "created", leadId, eventId: ev.id, detail: leadNumber };
  });
}

/** After the last retry: the event ends failed, with the reason, so nothing waits forever. */
export async function onIntakeFailed(ctx: JobContext, data: IntakePayload, err: Error): Promise<void> {
  await ctx.db("inbound_events")
    .where({ id: data.eventId, tenant_id: data.tenantId })
    .whereIn("status", ["received", "processing"])
    .update({
      status: "failed",
      outcome: "rejected",
      error: JSON.stringify({ code: "processing_failed", message: err.message.slice(0, 500) }),
      processed_at: ctx.clock.now(),
      updated_at: ctx.clock.now(),
    });
}

import type { Knex } from "knex";
import { z } from "zod";
import { writeAudit, type Actor } from "../audit.ts";
import { conflict, notFound, unprocessable } from "../errors.ts";
import { addTimelineEntry } from "../lead/timeline.ts";
import { BOOKING_COLUMNS, changeBooking, createBooking, type BookingChange, type NewBooking } from "./bookings.ts";
import { postLedgerEntry, type LedgerInput } from "./ledger.ts";

type Row = Record<string, unknown>;

/** What a booking is (its units, their price, whose it is) does not change: cancel it and book again. */
const BOOKING_FIXED = ["lead_id", "account_id", "unit_inventory_id", "units", "amount", "currency"] as const;

/** A booking made by hand, audited with what was asked (`asked`). */
export async function bookByHand(db: Knex, actor: Actor, b: Omit<NewBooking, "tenantId" | "userId">, asked: unknown) {
  return db.transaction(async (trx) => {
    const made = await createBooking(trx, { ...b, tenantId: actor.tenantId, userId: actor.id });
    await writeAudit(trx, actor, "create", "bookings", made.booking.id, asked);
    return made;
  });
}

/** One of the tenant's bookings, locked for the caller's transaction. */
async function lockedBooking(trx: Knex, tenantId: string, id: string) {
  if (!z.uuid().safeParse(id).success) throw notFound("bookings");
  const row = await trx("bookings").where({ id, tenant_id: tenantId }).whereNull("deleted_at").forUpdate().first(BOOKING_COLUMNS);
  if (!row) throw notFound("bookings");
  return row as Row;
}

/**
 * A change to a booking by hand. `sent` is the whole body: react-admin sends the record back, so the
 * fixed fields may come along, unchanged; a changed one is refused.
 */
export async function changeBookingByHand(db: Knex, actor: Actor, id: string, sent: Row, d: BookingChange, now: Date) {
  return db.transaction(async (trx) => {
    const before = await lockedBooking(trx, actor.tenantId, id);
    const moved = BOOKING_FIXED.filter((f) => sent[f] !== undefined && (sent[f] ?? null) !== (before[f] ?? null));
    if (moved.length) throw unprocessable("booking_fixed", `${moved.join(", ")} of a booking cannot change: cancel it and book again`);
    const changed = await changeBooking(trx, actor.tenantId, before, d, actor.id, now);
    await writeAudit(trx, actor, "update", "bookings", before.id as string, d);
    return changed;
  });
}

/** Its units and its invoice are undone by cancelling; deleting only hides a cancelled booking. */
export async function deleteBooking(db: Knex, actor: Actor, id: string, now: () => Date) {
  return db.transaction(async (trx) => {
    const before = await lockedBooking(trx, actor.tenantId, id);
    if (before.status !== "cancelled") throw conflict("booking_not_cancelled", "cancel the booking (status: cancelled) before deleting it");
    const [row] = await trx("bookings")
      .where("id", before.id as string)
      .update({ deleted_at: now(), updated_at: now() })
      .returning([...BOOKING_COLUMNS, "deleted_at"]);
    await writeAudit(trx, actor, "delete", "bookings", before.id as string, {});
    return row;
  });
}

/** A ledger entry posted by hand (audited with what was asked); a booking it names must be of the same account. */
export async function postLedgerByHand(db: Knex, actor: Actor, e: Omit<LedgerInput, "tenantId" | "createdBy">, asked: unknown) {
  return db.transaction(async (trx) => {
    if (
      e.bookingId &&
      !(await trx("bookings").where({ id: e.bookingId, tenant_id: actor.tenantId, account_id: e.accountId }).first("id"))
    ) {
      throw unprocessable("ledger_unknown_booking", "booking_id is not a booking of this account");
    }
    const entry = await postLedgerEntry(trx, { ...e, tenantId: actor.tenantId, createdBy: actor.id });
    await writeAudit(trx, actor, "create", "ledger_entries", entry.id as string, asked);
    return entry;
  });
}

/** A campaign's lead source must be one of the tenant's, not deleted. */
export async function checkLeadSource(db: Knex, tenantId: string, id: unknown) {
  if (
    id &&
    !(await db("lead_sources")
      .where({ id: id as string, tenant_id: tenantId })
      .whereNull("deleted_at")
      .first("id"))
  ) {
    throw unprocessable("campaign_unknown_lead_source", "lead_source_id is not a lead source of this tenant");
  }
}

const ACTIVITY_TYPE: Record<string, string> = { call_made: "call", email_sent: "email", meeting_scheduled: "meeting" };

/** An engagement logged by a person goes on its lead's timeline and counts as the lead's latest activity. */
export async function logEngagement(trx: Knex, tenantId: string, userId: string, e: Row, now: Date) {
  const label = String(e.type).replace(/_/g, " ");
  await addTimelineEntry(trx, tenantId, e.lead_id as string, e.occurred_at as Date, {
    type: ACTIVITY_TYPE[e.type as string] ?? "note",
    action: "engagement.logged",
    actorUserId: userId,
    title: `${label[0].toUpperCase()}${label.slice(1)}${e.channel ? ` (${String(e.channel).replace(/_/g, " ")})` : ""}${e.subject ? `: ${e.subject}` : ""}`,
    body: (e.notes as string | null) ?? null,
    data: {
      engagement_id: e.id,
      type: e.type,
      channel: e.channel,
      direction: e.direction,
      outcome: e.outcome,
      duration_minutes: e.duration_minutes,
    },
  });
  await trx("leads")
    .where("id", e.lead_id as string)
    .update({ last_activity_at: trx.raw("greatest(coalesce(last_activity_at, ?), ?)", [now, e.occurred_at as Date]) });
}

import type { Knex } from "knex";
import type { BookingStatus } from "../vocabulary.ts";
import { conflict, unprocessable } from "../errors.ts";
import { postLedgerEntry } from "./ledger.ts";

export const BOOKING_COLUMNS = [
  "id",
  "lead_id",
  "account_id",
  "unit_inventory_id",
  "units",
  "amount",
  "currency",
  "status",
  "booked_at",
  "delivery_date",
  "cancelled_at",
  "cancellation_reason",
  "refund_amount",
  "notes",
  "created_by",
  "created_at",
  "updated_at",
];

export interface NewBooking {
  tenantId: string;
  leadId?: string | null;
  accountId?: string | null;
  unitInventoryId: string;
  units: number;
  /** units × the unit's price when absent. */
  amount?: number | null;
  currency?: string | null;
  status?: Exclude<BookingStatus, "cancelled">;
  bookedAt?: Date | null;
  deliveryDate?: string | null;
  notes?: string | null;
  /** The invoice's reference; the booking's id when absent. */
  documentRef?: string | null;
  userId: string | null;
  now: Date;
}

/**
 * Books units, in the caller's transaction: the units are taken by one conditional UPDATE (two
 * bookings racing for the last unit cannot both pass it), the booking is written, and when it
 * belongs to an account (given, or the one its lead converted into) the invoice goes on that
 * account's ledger. A lead's booking is a milestone on its timeline.
 */
export async function createBooking(trx: Knex, b: NewBooking) {
  let accountId = b.accountId ?? null;
  if (b.leadId) {
    const lead = await trx("leads")
      .where({ id: b.leadId, tenant_id: b.tenantId })
      .whereNull("deleted_at")
      .first("id", "converted_account_id");
    if (!lead) throw unprocessable("booking_unknown_lead", "lead_id is not a lead of this tenant");
    accountId ??= lead.converted_account_id ?? null;
  }
  if (b.accountId && !(await trx("accounts").where({ id: b.accountId, tenant_id: b.tenantId }).whereNull("deleted_at").first("id"))) {
    throw unprocessable("booking_unknown_account", "account_id is not an account of this tenant");
  }

  const {
    rows: [unit],
  } = await trx.raw(
    `UPDATE unit_inventory SET units_booked = units_booked + ?, updated_at = ?
     WHERE id = ? AND tenant_id = ? AND deleted_at IS NULL AND units_total - units_booked >= ?
     RETURNING id, project, unit_type, unit_price, currency, units_available`,
    [b.units, b.now, b.unitInventoryId, b.tenantId, b.units],
  );
  if (!unit) {
    const known = await trx("unit_inventory")
      .where({ id: b.unitInventoryId, tenant_id: b.tenantId })
      .whereNull("deleted_at")
      .first("units_available");
    if (!known) throw unprocessable("booking_unknown_unit", "unit_inventory_id is not a unit of this tenant");
    throw conflict("insufficient_units", `${b.units} unit(s) asked, ${known.units_available} available`, {
      units_available: known.units_available,
    });
  }
  const amount = b.amount ?? (unit.unit_price == null ? null : Math.round(unit.unit_price * b.units * 100) / 100);
  if (amount == null) throw unprocessable("booking_amount_needed", "the unit has no price: give the booking's amount");

  const [booking] = await trx("bookings")
    .insert({
      tenant_id: b.tenantId,
      lead_id: b.leadId ?? null,
      account_id: accountId,
      unit_inventory_id: unit.id,
      units: b.units,
      amount,
      currency: b.currency ?? unit.currency,
      status: b.status ?? "confirmed",
      booked_at: b.bookedAt ?? b.now,
      delivery_date: b.deliveryDate ?? null,
      notes: b.notes ?? null,
      created_by: b.userId,
      created_at: b.now,
      updated_at: b.now,
    })
    .returning(BOOKING_COLUMNS);

  const invoice =
    accountId && amount > 0
      ? await postLedgerEntry(trx, {
          tenantId: b.tenantId,
          accountId,
          type: "invoice",
          amount,
          currency: booking.currency,
          documentRef: b.documentRef ?? booking.id,
          bookingId: booking.id,
          description: `Booking: ${b.units} × ${unit.project} ${unit.unit_type}`,
          createdBy: b.userId,
          now: b.now,
        })
      : null;
  if (b.leadId) {
    await milestone(trx, b.tenantId, b.leadId, "booking", `Booked ${b.units} × ${unit.project} ${unit.unit_type}`, b.userId, b.now, {
      booking_id: booking.id,
      amount,
      units: b.units,
    });
  }
  return { booking, invoice, unitsAvailable: unit.units_available as number };
}

export interface BookingChange {
  status?: BookingStatus;
  cancellation_reason?: string | null;
  refund_amount?: number | null;
  delivery_date?: string | null;
  booked_at?: Date;
  notes?: string | null;
}

/**
 * A change to a booking, its row locked first so that two cancellations at once give the units
 * back once. Cancelling returns the units, stamps cancelled_at, and a refund becomes a credit note
 * on the account's ledger. A cancelled booking stays cancelled (book again instead).
 */
export async function changeBooking(
  trx: Knex,
  tenantId: string,
  before: Record<string, unknown>,
  d: BookingChange,
  userId: string | null,
  now: Date,
) {
  const cancelling = d.status === "cancelled" && before.status !== "cancelled";
  if (before.status === "cancelled" && d.status && d.status !== "cancelled")
    throw conflict("booking_cancelled", "a cancelled booking stays cancelled: book again");
  if (!cancelling && before.status !== "cancelled" && d.refund_amount != null)
    throw unprocessable("booking_refund_without_cancel", "a refund comes with cancelling (status: cancelled)");
  const refund = cancelling ? (d.refund_amount ?? null) : undefined;
  if (refund != null && refund > Number(before.amount))
    throw unprocessable("booking_refund_too_large", "the refund is more than the booking's amount");

  const [after] = await trx("bookings")
    .where({ id: before.id as string })
    .update({
      ...d,
      ...(cancelling ? { cancelled_at: now, refund_amount: refund } : {}),
      ...(before.status === "cancelled" ? { refund_amount: before.refund_amount } : {}),
      updated_at: now,
    })
    .returning(BOOKING_COLUMNS);

  let creditNote: Record<string, unknown> | null = null;
  if (cancelling) {
    await trx("unit_inventory")
      .where({ id: before.unit_inventory_id as string, tenant_id: tenantId })
      .update({ units_booked: trx.raw("units_booked - ?", [before.units as number]), updated_at: now });
    if (refund && before.account_id) {
      creditNote = await postLedgerEntry(trx, {
        tenantId,
        accountId: before.account_id as string,
        type: "credit_note",
        amount: refund,
        currency: after.currency,
        documentRef: `refund:${before.id}`,
        bookingId: before.id as string,
        description: `Refund on cancelled booking${d.cancellation_reason ? `: ${d.cancellation_reason}` : ""}`,
        createdBy: userId,
        now,
      });
    }
    if (before.lead_id) {
      await milestone(trx, tenantId, before.lead_id as string, "cancellation", "Booking cancelled", userId, now, {
        booking_id: before.id,
        reason: d.cancellation_reason ?? null,
        refund_amount: refund ?? null,
      });
    }
  }
  return { booking: after, creditNote };
}

/** Milestones are on the lead's timeline as they are (the timeline reads them). */
function milestone(
  trx: Knex,
  tenantId: string,
  leadId: string,
  kind: string,
  title: string,
  userId: string | null,
  now: Date,
  data: object,
) {
  return trx("milestones").insert({
    tenant_id: tenantId,
    record_type: "lead",
    record_id: leadId,
    kind,
    title: title.slice(0, 300),
    occurred_at: now,
    data: JSON.stringify(data),
    created_by: userId,
    created_at: now,
    updated_at: now,
  });
}

import { Router } from "express";
import { z } from "zod";
import type { Services } from "../../../core/services.ts";
import { scopeBookings } from "../../../core/access.ts";
import { BOOKING_COLUMNS } from "../../../core/journey/bookings.ts";
import { bookByHand, changeBookingByHand, deleteBooking } from "../../../core/journey/bookkeeping.ts";
import { BOOKING_STATUSES } from "../../../core/vocabulary.ts";
import { requireRole } from "../../auth/require-user.ts";
import { resourceRoutes } from "../resource.ts";
import { ALL, currency, day, MANAGERS, money, text, user, type Row } from "./journey-fields.ts";

const bookingCreate = z
  .object({
    lead_id: z.uuid().nullish(),
    account_id: z.uuid().nullish(),
    unit_inventory_id: z.uuid(),
    units: z.number().int().min(1).max(100_000),
    amount: money.nullish(),
    currency: currency.optional(),
    status: z.enum(BOOKING_STATUSES).exclude(["cancelled"]).optional(),
    booked_at: z.coerce.date().optional(),
    delivery_date: day.nullish(),
    notes: text(20_000),
    document_ref: text(200),
  })
  .refine((d) => d.lead_id || d.account_id, { message: "a booking is of a lead or of an account", path: ["lead_id"] });
const bookingUpdate = z.object({
  status: z.enum(BOOKING_STATUSES).optional(),
  booked_at: z.coerce.date().optional(),
  delivery_date: day.nullish(),
  cancellation_reason: text(2000),
  refund_amount: money.nullish(),
  notes: text(20_000),
});

/**
 * Bookings of units by a lead or an account: booking takes the units and invoices the account,
 * cancelling gives them back (and refunds by credit note), deleting hides a cancelled one.
 */
export function bookingsRoutes(services: Services): Router {
  const r = Router();
  const { db, clock } = services;

  r.post("/", requireRole(...MANAGERS), async (req, res) => {
    const d = bookingCreate.parse(req.body ?? {});
    const out = await bookByHand(
      db,
      user(req),
      {
        leadId: d.lead_id,
        accountId: d.account_id,
        unitInventoryId: d.unit_inventory_id,
        units: d.units,
        amount: d.amount,
        currency: d.currency,
        status: d.status,
        bookedAt: d.booked_at,
        deliveryDate: d.delivery_date,
        notes: d.notes,
        documentRef: d.document_ref,
        now: clock.now(),
      },
      d,
    );
    res.status(201).json({ ...out.booking, ledger_entry_id: out.invoice?.id ?? null, units_available: out.unitsAvailable });
  });

  r.put("/:id", requireRole(...MANAGERS), async (req, res) => {
    const body = (req.body ?? {}) as Row;
    const d = bookingUpdate.parse(body);
    const out = await changeBookingByHand(db, user(req), String(req.params.id), body, d, clock.now());
    res.json({ ...out.booking, ...(out.creditNote ? { ledger_entry_id: out.creditNote.id } : {}) });
  });

  r.delete("/:id", requireRole(...MANAGERS), async (req, res) => {
    res.json(await deleteBooking(db, user(req), String(req.params.id), () => clock.now()));
  });

  r.use(
    resourceRoutes(services, {
      name: "bookings",
      table: "bookings",
      columns: BOOKING_COLUMNS,
      filters: ["lead_id", "account_id", "unit_inventory_id", "status", "currency", "created_by"],
      ranges: ["booked_at", "delivery_date", "amount", "cancelled_at", "created_at"],
      sortable: ["booked_at", "amount", "units", "status", "delivery_date", "created_at", "updated_at"],
      defaultSort: ["booked_at", "desc"],
      readRoles: ALL,
      // A rep sees the bookings of their leads and of the accounts they own.
      scope: (q, req) => void scopeBookings(q, "bookings", user(req)),
    }),
  );
  return r;
}

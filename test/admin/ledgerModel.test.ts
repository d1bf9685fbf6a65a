import { describe, expect, it } from "vitest";
import {
  bookingUnitsError,
  entryEffect,
  entryErrors,
  entryPayload,
  inventoryBar,
  inventoryLabel,
  statementFrom,
  suggestedAmount,
} from "../../admin/src/journey/ledgerModel.ts";

const unit = {
  id: "u1",
  project: "Skyline",
  unit_type: "2BHK",
  units_total: 40,
  units_booked: 28,
  units_available: 12,
  unit_price: 4500000,
};

describe("inventory and bookings", () => {
  it("when a unit is shown, then its bar splits booked and available and the picker says what is free", () => {
    expect(inventoryBar(unit)).toEqual({ total: 40, booked: 28, available: 12, bookedPct: 70, availablePct: 30 });
    expect(inventoryBar({ units_total: 0, units_booked: 0, units_available: 0 })).toMatchObject({ bookedPct: 0, availablePct: 0 });
    expect(inventoryLabel(unit)).toBe("Skyline · 2BHK — 12 of 40 available");
  });

  it("when units are booked, then the amount is suggested from the price and no more than the free units are asked", () => {
    expect(suggestedAmount(unit, 2)).toBe(9000000);
    expect(suggestedAmount({ unit_price: null }, 2)).toBeNull();
    expect(bookingUnitsError(unit, 13)).toBe("Only 12 available");
    expect(bookingUnitsError(unit, 0)).toBe("At least one whole unit");
    expect(bookingUnitsError(unit, 12)).toBeUndefined();
  });
});

describe("ledger statement", () => {
  it("when entries come without effect, then invoices and debit notes add and payments and credit notes subtract", () => {
    expect(entryEffect({ type: "invoice", amount: 100 })).toBe(100);
    expect(entryEffect({ type: "payment", amount: 40 })).toBe(-40);
    expect(entryEffect({ type: "credit_note", amount: "10" })).toBe(-10);
    expect(entryEffect({ type: "adjustment", amount: -5 })).toBe(-5);
    expect(entryEffect({ type: "payment", amount: 40, effect: -40 })).toBe(-40);
  });

  it("when the statement is read, then rows follow seq with debit, credit and the running balance, and totals come from the API", () => {
    const s = statementFrom({
      account: { id: "a1", name: "Konkan Foods" },
      entries: [
        { id: "2", seq: 2, type: "payment", amount: 1500000, effect: -1500000, balance_after: 3000000, entry_date: "2026-11-10" },
        {
          id: "1",
          seq: 1,
          type: "invoice",
          amount: 4500000,
          effect: 4500000,
          balance_after: 4500000,
          entry_date: "2026-11-01",
          document_ref: "INV-1",
        },
      ],
      outstanding: 3000000,
      invoiced: 4500000,
      paid: 1500000,
      collection_pct: 33.33,
      balanced: true,
    });
    expect(s.rows.map((r) => [r.seq, r.debit, r.credit, r.balance])).toEqual([
      [1, 4500000, null, 4500000],
      [2, null, 1500000, 3000000],
    ]);
    expect(s).toMatchObject({ outstanding: 3000000, invoiced: 4500000, paid: 1500000, balanced: true, accountName: "Konkan Foods" });
    expect(s.collection).toBeCloseTo(0.3333);
  });

  it("when the API leaves out balances and totals, then they are summed here", () => {
    const s = statementFrom([
      { seq: 1, type: "invoice", amount: 1000, date: "2026-11-01" },
      { seq: 2, type: "payment", amount: 250, date: "2026-11-02" },
      { seq: 3, type: "adjustment", amount: -50, date: "2026-11-03" },
    ]);
    expect(s.rows.map((r) => r.balance)).toEqual([1000, 750, 700]);
    expect(s).toMatchObject({ invoiced: 1000, paid: 250, outstanding: 700, collection: 0.25, balanced: null });
    expect(statementFrom(null).rows).toEqual([]);
  });

  it("when an entry is recorded, then only adjustments may be negative and the payload is what the API takes", () => {
    expect(entryErrors({ type: "payment", amount: "-5", date: "2026-11-02", document_ref: "", description: "" })).toHaveProperty("amount");
    expect(entryErrors({ type: "adjustment", amount: "-5", date: "2026-11-02", document_ref: "", description: "" })).toEqual({});
    expect(entryErrors({ type: "payment", amount: "", date: "x", document_ref: "", description: "" })).toMatchObject({
      amount: "An amount",
      date: "A date",
    });
    expect(entryPayload("a1", { type: "payment", amount: "150000", date: "2026-11-02", document_ref: " UTR-9 ", description: "" })).toEqual(
      { account_id: "a1", type: "payment", amount: 150000, date: "2026-11-02", document_ref: "UTR-9" },
    );
  });
});

describe("ledger statement as the API answers it", () => {
  it("when the API sends balance_check and an opening balance, then both are read", () => {
    const s = statementFrom({
      account: { name: "A" },
      opening_balance: 500,
      entries: [{ seq: 3, date: "2026-11-05", type: "payment", amount: 100 }],
      invoiced: 0,
      paid: 100,
      outstanding: 400,
      collection_pct: null,
      balance_check: { stored: 400, sum: 400, ok: false },
    });
    expect(s.rows[0].balance).toBe(400);
    expect(s).toMatchObject({ opening: 500, balanced: false, collection: null });
  });
});

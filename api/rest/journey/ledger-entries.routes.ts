import { Router } from "express";
import { z } from "zod";
import type { Services } from "../../../core/services.ts";
import { AppError } from "../../../core/errors.ts";
import { postLedgerByHand } from "../../../core/journey/bookkeeping.ts";
import { LEDGER_COLUMNS } from "../../../core/journey/ledger.ts";
import { LEDGER_TYPES } from "../../../core/vocabulary.ts";
import { requireRole } from "../../auth/require-user.ts";
import { resourceRoutes } from "../resource.ts";
import { currency, day, MANAGERS, SELLERS, text, user } from "./journey-fields.ts";

const ledgerCreate = z
  .object({
    account_id: z.uuid(),
    type: z.enum(LEDGER_TYPES),
    amount: z.number().min(-1e13).max(1e13),
    date: day.optional(),
    entry_date: day.optional(),
    currency: currency.optional(),
    document_ref: text(200),
    document_url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .nullish(),
    booking_id: z.uuid().nullish(),
    description: text(2000),
  })
  .refine((d) => !d.date || !d.entry_date || d.date === d.entry_date, { message: "date and entry_date differ", path: ["date"] });

const appendOnly = () =>
  new AppError(
    "method_not_allowed",
    "ledger_append_only",
    "ledger entries are append-only: correct one with a credit note or an adjustment",
    undefined,
    { Allow: "GET" },
  );

/** An account's ledger (running balance): entries are posted, never changed (a credit note or an adjustment corrects one). */
export function ledgerEntriesRoutes(services: Services): Router {
  const r = Router();
  r.post("/", requireRole(...MANAGERS), async (req, res) => {
    const d = ledgerCreate.parse(req.body ?? {});
    const entry = await postLedgerByHand(
      services.db,
      user(req),
      {
        accountId: d.account_id,
        type: d.type,
        amount: d.amount,
        entryDate: d.date ?? d.entry_date,
        currency: d.currency,
        documentRef: d.document_ref,
        documentUrl: d.document_url,
        bookingId: d.booking_id,
        description: d.description,
        now: services.clock.now(),
      },
      d,
    );
    res.status(201).json(entry);
  });
  r.all("/:id", (req, _res, next) => next(req.method === "GET" || req.method === "HEAD" ? undefined : appendOnly()));
  r.use(
    resourceRoutes(services, {
      name: "ledger_entries",
      table: "ledger_entries",
      columns: [...LEDGER_COLUMNS, "entry_date as date"],
      filters: ["account_id", "type", "booking_id", "document_ref", "currency", "created_by"],
      ranges: ["entry_date", "amount", "seq", "created_at"],
      sortable: ["seq", "entry_date", "amount", "type", "created_at"],
      defaultSort: ["created_at", "desc"],
      search: { ilike: ["document_ref", "description"] },
      readRoles: SELLERS,
      softDeletes: false,
    }),
  );
  return r;
}

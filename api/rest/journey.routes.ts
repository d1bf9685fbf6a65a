import { scopeBookings, scopeByLead, visibleRows } from "../../core/access.ts";
import { Router, type ErrorRequestHandler, type Request, type RequestHandler } from "express";
import type { Knex } from "knex";
import { z } from "zod";
import type { Services } from "../../core/services.ts";
import { audit } from "./audit.ts";
import { AppError, conflict, notFound, unprocessable } from "../../core/errors.ts";
import { addTimelineEntry } from "../../core/lead/timeline.ts";
import { applyMilestone, MILESTONE_COLUMNS, milestoneTitle, type MilestoneKind } from "../../core/journey/milestones.ts";
import { BOOKING_COLUMNS, changeBooking, createBooking } from "../../core/journey/bookings.ts";
import { LEDGER_COLUMNS, postLedgerEntry } from "../../core/journey/ledger.ts";
import {
  BOOKING_STATUSES, CAMPAIGN_STATUSES, CAMPAIGN_TYPES, ENGAGEMENT_CHANNELS, ENGAGEMENT_TYPES, LEDGER_TYPES, MILESTONE_KINDS, OUTCOMES, SOURCE_CHANNELS,
} from "../../migrations/20261122000013_journey.ts";
import { LEAD_STATUSES } from "./leads.resource.ts";
import { requireRole } from "../auth/require-user.ts";
import type { Role } from "../types.ts";
import { resourceRoutes } from "./resource.ts";

type Row = Record<string, unknown>;
const ALL: Role[] = ["admin", "manager", "rep", "marketer"];
const SELLERS: Role[] = ["admin", "manager", "rep"];
const MANAGERS: Role[] = ["admin", "manager"];
const MARKETING: Role[] = ["admin", "manager", "marketer"];

const user = (req: Request) => req.user!;
const text = (max = 300) => z.string().trim().max(max).nullish();
const money = z.number().min(0).max(1e13);
const currency = z.string().regex(/^[A-Z]{3}$/, "a three-letter currency code (INR)");
/** A calendar day: "2026-04-01", or a timestamp sent back by the console (its day is taken). */
const day = z.union([z.iso.date(), z.iso.datetime({ offset: true })]).transform((s) => s.slice(0, 10));
const json = (v: unknown) => (v === undefined ? undefined : JSON.stringify(v));
const sameTime = (a: unknown, b: unknown) => (a instanceof Date ? a.getTime() : a ?? null) === (b instanceof Date ? b.getTime() : b ?? null);

/** Rows of a lead, as the visibility rule lets the caller see them. */
const ownLeads = (column: string) => (q: Knex.QueryBuilder, req: Request) => void scopeByLead(q, column, user(req));

/** Database refusals named by constraint (a unique index, a check) as the 4xx they are; anything else goes on. */
const constraintErrors = (byConstraint: Record<string, () => AppError>): ErrorRequestHandler =>
  (err, _req, _res, next) => {
    const c = (err as { constraint?: unknown })?.constraint;
    next(typeof c === "string" && byConstraint[c] ? byConstraint[c]() : err);
  };

const appendOnly = () => new AppError("method_not_allowed", "ledger_append_only", "ledger entries are append-only: correct one with a credit note or an adjustment", undefined, { Allow: "GET" });

const MOVABLE_STATUSES = LEAD_STATUSES.filter((s) => s !== "converted") as [string, ...string[]];

const milestoneFields = {
  kind: z.enum(MILESTONE_KINDS).refine((k) => k !== "lead_generated", "lead_generated is the lead's created_at and has no row"),
  title: text(),
  occurred_at: z.coerce.date(),
  location_name: text(),
  latitude: z.number().min(-90).max(90).nullish(),
  longitude: z.number().min(-180).max(180).nullish(),
  outcome: z.enum(OUTCOMES).nullish(),
  duration_minutes: z.number().int().min(0).max(7 * 24 * 60).nullish(),
  notes: text(20_000),
  follow_up_at: z.coerce.date().nullish(),
  metadata: z.record(z.string(), z.unknown()),
};
const milestoneCreate = z
  .object({
    ...milestoneFields,
    occurred_at: milestoneFields.occurred_at.optional(),
    metadata: milestoneFields.metadata.optional(),
    record_type: z.literal("lead").optional(),
    record_id: z.uuid().optional(),
    lead_id: z.uuid().optional(),
    status_after: z.enum(MOVABLE_STATUSES, { message: `one of ${MOVABLE_STATUSES.join(", ")} (a lead converts by converting it)` }).nullish(),
  })
  .refine((d) => d.record_id || d.lead_id, { message: "give lead_id (or record_type \"lead\" and record_id)", path: ["lead_id"] })
  .refine((d) => !d.record_id || !d.lead_id || d.record_id === d.lead_id, { message: "lead_id and record_id name different leads", path: ["lead_id"] });
// The lead and the status move are the milestone's history: fixed once written.
const milestoneUpdate = z.object(milestoneFields).partial();

const engagementFields = {
  type: z.enum(ENGAGEMENT_TYPES),
  channel: z.enum(ENGAGEMENT_CHANNELS).nullish(),
  direction: z.enum(["out", "in"]),
  subject: text(500),
  notes: text(20_000),
  occurred_at: z.coerce.date(),
  duration_minutes: z.number().int().min(0).max(7 * 24 * 60).nullish(),
  response_received: z.boolean(),
  response_at: z.coerce.date().nullish(),
  outcome: z.enum(OUTCOMES).nullish(),
};
const engagementCreate = z.object({ ...engagementFields, lead_id: z.uuid() }).partial({ direction: true, occurred_at: true, response_received: true });
const engagementUpdate = z.object(engagementFields).partial();
const ACTIVITY_TYPE: Record<string, string> = { call_made: "call", email_sent: "email", meeting_scheduled: "meeting" };

const leadSourceSchema = z.object({
  name: z.string().trim().min(1).max(200),
  subsource: text(200),
  channel: z.enum(SOURCE_CHANNELS).nullish(),
  monthly_cost: money.nullish(),
  currency: currency.optional(),
  is_active: z.boolean().optional(),
  description: text(5000),
});

const campaignSchema = z.object({
  name: z.string().trim().min(1).max(300),
  code: z.string().trim().min(1).max(200),
  type: z.enum(CAMPAIGN_TYPES).optional(),
  status: z.enum(CAMPAIGN_STATUSES).optional(),
  lead_source_id: z.preprocess((v) => (v === "" ? null : v), z.uuid().nullish()),
  budget: money.nullish(),
  actual_cost: money.nullish(),
  currency: currency.optional(),
  start_date: day.nullish(),
  end_date: day.nullish(),
  expected_roi: z.number().min(-1e6).max(1e6).nullish(),
  description: text(5000),
});
const datesInOrder = (d: { start_date?: string | null; end_date?: string | null }) => !d.start_date || !d.end_date || d.start_date <= d.end_date;

const unitSchema = z.object({
  project: z.string().trim().min(1).max(300),
  unit_type: z.string().trim().min(1).max(200),
  units_total: z.number().int().min(0).max(10_000_000),
  unit_price: money.nullish(),
  currency: currency.optional(),
});

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
/** What a booking is (its units, their price, whose it is) does not change: cancel it and book again. */
const BOOKING_FIXED = ["lead_id", "account_id", "unit_inventory_id", "units", "amount", "currency"] as const;

const ledgerCreate = z
  .object({
    account_id: z.uuid(),
    type: z.enum(LEDGER_TYPES),
    amount: z.number().min(-1e13).max(1e13),
    date: day.optional(),
    entry_date: day.optional(),
    currency: currency.optional(),
    document_ref: text(200),
    document_url: z.url({ protocol: /^https?$/ }).max(2000).nullish(),
    booking_id: z.uuid().nullish(),
    description: text(2000),
  })
  .refine((d) => !d.date || !d.entry_date || d.date === d.entry_date, { message: "date and entry_date differ", path: ["date"] });

/** Milestones, engagements, campaigns, lead sources, unit inventory, bookings and ledger entries (docs/journey.md). */
export function journeyRoutes(services: Services): Router {
  const r = Router();
  const { db, clock } = services;


  /** A lead the caller may work on (a rep: their own), named in a body: 422 otherwise. */
  const leadFor = async (req: Request, id: string, code: string) => {
    const lead = z.uuid().safeParse(id).success ? await visibleRows(db, "leads", [id], user(req)).first("id") : null;
    if (!lead) throw unprocessable(code, "lead_id is not a lead of this tenant you may work on");
    return lead.id as string;
  };

  // ---- milestones ----------------------------------------------------------------------------------
  /** `lead_id` in a list filter is the milestone's record_id (react-admin references use lead_id). */
  const leadIdAsRecordId: RequestHandler = (req, _res, next) => {
    const raw = (req.query as Row).filter;
    if (req.method === "GET" && typeof raw === "string" && raw.includes("lead_id")) {
      try {
        const { lead_id, ...rest } = JSON.parse(raw) as Row;
        if (lead_id !== undefined) {
          Object.defineProperty(req, "query", { value: { ...req.query, filter: JSON.stringify({ ...rest, record_id: lead_id }) }, configurable: true, writable: true });
        }
      } catch {
        // Not JSON: the list answers it as malformed.
      }
    }
    next();
  };
  r.use("/milestones", leadIdAsRecordId, resourceRoutes(services, {
    name: "milestones", table: "milestones",
    columns: MILESTONE_COLUMNS,
    filters: ["record_type", "record_id", "kind", "outcome", "created_by", "follow_up_task_id", "status_after"],
    ranges: ["occurred_at", "follow_up_at", "created_at"],
    sortable: ["occurred_at", "created_at", "kind", "follow_up_at"], defaultSort: ["occurred_at", "desc"], search: { ilike: ["title", "notes", "location_name"] },
    readRoles: ALL, writeRoles: SELLERS,
    scope: (q, req) => {
      q.where("milestones.record_type", "lead");
      ownLeads("milestones.record_id")(q, req);
    },
    create: {
      schema: milestoneCreate as unknown as z.ZodType<Row>,
      toRow: async (d, req) => {
        const { lead_id, record_id, record_type: _type, metadata, title, ...rest } = d as z.infer<typeof milestoneCreate>;
        const leadId = await leadFor(req, (lead_id ?? record_id)!, "milestone_unknown_lead");
        return { ...rest, record_type: "lead", record_id: leadId, title: title ?? milestoneTitle(rest.kind as MilestoneKind), metadata: json(metadata ?? {}), created_by: user(req).id };
      },
    },
    update: { schema: milestoneUpdate as unknown as z.ZodType<Row>, toRow: (d) => ({ ...d, ...(d.metadata !== undefined ? { metadata: json(d.metadata) } : {}) }) },
    deletable: true,
    afterWrite: async (trx, { action, before, after }, req) => {
      if (action === "delete" || (action === "update" && sameTime(before!.follow_up_at, after.follow_up_at))) return;
      const changed = await applyMilestone(trx, after as never, { tenantId: user(req).tenantId, userId: user(req).id, now: clock.now(), moveStatus: action === "create" });
      // The answer is this very row: it shows the status the lead had and the task made.
      Object.assign(after, changed);
    },
  }));

  // ---- engagements ---------------------------------------------------------------------------------
  r.use("/engagements", resourceRoutes(services, {
    name: "engagements", table: "engagements",
    columns: ["id", "lead_id", "type", "channel", "direction", "subject", "notes", "occurred_at", "duration_minutes", "response_received", "response_at", "outcome", "data", "created_by", "created_at", "updated_at"],
    filters: ["lead_id", "type", "channel", "direction", "outcome", "response_received", "created_by"],
    ranges: ["occurred_at", "created_at"],
    sortable: ["occurred_at", "created_at", "type", "channel"], defaultSort: ["occurred_at", "desc"], search: { ilike: ["subject", "notes"] },
    readRoles: ALL, writeRoles: SELLERS,
    scope: ownLeads("engagements.lead_id"),
    create: {
      schema: engagementCreate as unknown as z.ZodType<Row>,
      toRow: async (d, req) => ({
        ...d,
        lead_id: await leadFor(req, d.lead_id as string, "engagement_unknown_lead"),
        response_received: d.response_received ?? d.response_at != null,
        occurred_at: d.occurred_at ?? clock.now(),
        created_by: user(req).id,
      }),
    },
    update: {
      schema: engagementUpdate as unknown as z.ZodType<Row>,
      toRow: (d, before) => {
        // Opens, clicks and replies are recorded by the system and earned points: they are not edited.
        if (!(ENGAGEMENT_TYPES as readonly unknown[]).includes(before.type)) throw conflict("engagement_recorded", `a ${String(before.type)} is recorded by the system, not edited`);
        return { ...d, ...(d.response_at && d.response_received === undefined ? { response_received: true } : {}) };
      },
    },
    deletable: true,
    afterWrite: async (trx, { action, after }, req) => {
      if (action !== "create") return;
      const now = clock.now();
      const label = String(after.type).replace(/_/g, " ");
      await addTimelineEntry(trx, user(req).tenantId, after.lead_id as string, after.occurred_at as Date, {
        type: ACTIVITY_TYPE[after.type as string] ?? "note", action: "engagement.logged", actorUserId: user(req).id,
        title: `${label[0].toUpperCase()}${label.slice(1)}${after.channel ? ` (${String(after.channel).replace(/_/g, " ")})` : ""}${after.subject ? `: ${after.subject}` : ""}`,
        body: (after.notes as string | null) ?? null,
        data: { engagement_id: after.id, type: after.type, channel: after.channel, direction: after.direction, outcome: after.outcome, duration_minutes: after.duration_minutes },
      });
      await trx("leads").where("id", after.lead_id as string).update({ last_activity_at: trx.raw("greatest(coalesce(last_activity_at, ?), ?)", [now, after.occurred_at as Date]) });
    },
  }));

  // ---- lead sources and campaigns --------------------------------------------------------------------
  r.use("/lead_sources", resourceRoutes(services, {
    name: "lead_sources", table: "lead_sources",
    columns: ["id", "name", "subsource", "channel", "monthly_cost", "currency", "is_active", "description", "created_at", "updated_at"],
    filters: ["name", "subsource", "channel", "is_active", "currency"], ranges: ["monthly_cost", "created_at"],
    sortable: ["name", "subsource", "channel", "monthly_cost", "created_at", "updated_at"], defaultSort: ["name", "asc"], search: { ilike: ["name", "subsource", "description"] },
    readRoles: ALL, writeRoles: MARKETING,
    create: { schema: leadSourceSchema },
    update: { schema: leadSourceSchema.partial() },
    deletable: true,
  }), constraintErrors({ lead_sources_name: () => conflict("lead_source_duplicate", "a lead source with this name and subsource exists") }));

  const checkSource = async (req: Request, id: unknown) => {
    if (id && !(await db("lead_sources").where({ id: id as string, tenant_id: user(req).tenantId }).whereNull("deleted_at").first("id"))) {
      throw unprocessable("campaign_unknown_lead_source", "lead_source_id is not a lead source of this tenant");
    }
  };
  r.use("/campaigns", resourceRoutes(services, {
    name: "campaigns", table: "campaigns",
    columns: ["id", "name", "code", "type", "status", "lead_source_id", "budget", "actual_cost", "currency", "start_date", "end_date", "expected_roi", "description", "created_by", "created_at", "updated_at"],
    filters: ["code", "type", "status", "lead_source_id", "currency", "created_by"], ranges: ["start_date", "end_date", "budget", "actual_cost", "created_at"],
    sortable: ["name", "code", "type", "status", "budget", "actual_cost", "start_date", "end_date", "created_at", "updated_at"], defaultSort: ["created_at", "desc"],
    search: { ilike: ["name", "code", "description"] },
    readRoles: ALL, writeRoles: MARKETING,
    create: {
      schema: campaignSchema.refine(datesInOrder, { message: "end_date is before start_date", path: ["end_date"] }),
      toRow: async (d, req) => (await checkSource(req, d.lead_source_id), { ...d, created_by: user(req).id }),
    },
    update: {
      schema: campaignSchema.partial(),
      toRow: async (d, before, req) => {
        await checkSource(req, d.lead_source_id);
        const dayOf = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : (v as string | null));
        const start = d.start_date !== undefined ? (d.start_date as string | null) : dayOf(before.start_date);
        const end = d.end_date !== undefined ? (d.end_date as string | null) : dayOf(before.end_date);
        if (!datesInOrder({ start_date: start, end_date: end })) throw unprocessable("campaign_dates", "end_date is before start_date");
        return d;
      },
    },
    deletable: true,
  }), constraintErrors({ campaigns_code: () => conflict("campaign_code_taken", "another campaign has this code (codes are matched case-blind)") }));

  // ---- unit inventory ------------------------------------------------------------------------------
  const belowBooked = () => conflict("unit_inventory_below_booked", "units_total cannot go below the units already booked");
  r.use("/unit_inventory", resourceRoutes(services, {
    name: "unit_inventory", table: "unit_inventory",
    columns: ["id", "project", "unit_type", "units_total", "units_booked", "units_available", "unit_price", "currency", "created_at", "updated_at"],
    filters: ["project", "unit_type", "currency"], ranges: ["units_available", "units_total", "unit_price", "created_at"],
    sortable: ["project", "unit_type", "units_total", "units_booked", "units_available", "unit_price", "created_at", "updated_at"], defaultSort: ["project", "asc"],
    search: { ilike: ["project", "unit_type"] },
    readRoles: ALL, writeRoles: MANAGERS,
    create: { schema: unitSchema },
    update: {
      schema: unitSchema.partial(),
      toRow: (d, before) => {
        // The CHECK constraint refuses it too, whatever books meanwhile; this is the plain answer.
        if (d.units_total !== undefined && (d.units_total as number) < (before.units_booked as number)) throw belowBooked();
        return d;
      },
    },
    deletable: true,
    afterWrite: async (_trx, { action, after }) => {
      // `after` is read by the delete's own UPDATE, so a booking committed meanwhile is counted.
      if (action === "delete" && (after.units_booked as number) > 0) throw conflict("unit_inventory_has_bookings", "units of this inventory are booked: cancel those bookings first");
    },
  }), constraintErrors({
    unit_inventory_not_overbooked: belowBooked,
    unit_inventory_unit: () => conflict("unit_inventory_duplicate", "this project already has this unit type"),
  }));

  // ---- bookings ------------------------------------------------------------------------------------
  r.post("/bookings", requireRole(...MANAGERS), async (req, res) => {
    const d = bookingCreate.parse(req.body ?? {});
    const out = await db.transaction(async (trx) => {
      const made = await createBooking(trx, {
        tenantId: user(req).tenantId, leadId: d.lead_id, accountId: d.account_id, unitInventoryId: d.unit_inventory_id, units: d.units, amount: d.amount,
        currency: d.currency, status: d.status, bookedAt: d.booked_at, deliveryDate: d.delivery_date, notes: d.notes, documentRef: d.document_ref,
        userId: user(req).id, now: clock.now(),
      });
      await audit(trx, req, "create", "bookings", made.booking.id, d);
      return made;
    });
    res.status(201).json({ ...out.booking, ledger_entry_id: out.invoice?.id ?? null, units_available: out.unitsAvailable });
  });

  const lockedBooking = async (trx: Knex, req: Request) => {
    const id = String(req.params.id);
    if (!z.uuid().safeParse(id).success) throw notFound("bookings");
    const row = await trx("bookings").where({ id, tenant_id: user(req).tenantId }).whereNull("deleted_at").forUpdate().first(BOOKING_COLUMNS);
    if (!row) throw notFound("bookings");
    return row as Row;
  };

  r.put("/bookings/:id", requireRole(...MANAGERS), async (req, res) => {
    const body = (req.body ?? {}) as Row;
    const d = bookingUpdate.parse(body);
    const out = await db.transaction(async (trx) => {
      const before = await lockedBooking(trx, req);
      // react-admin sends the whole record back: the fixed fields may come along unchanged.
      const moved = BOOKING_FIXED.filter((f) => body[f] !== undefined && (body[f] ?? null) !== (before[f] ?? null));
      if (moved.length) throw unprocessable("booking_fixed", `${moved.join(", ")} of a booking cannot change: cancel it and book again`);
      const changed = await changeBooking(trx, user(req).tenantId, before, d, user(req).id, clock.now());
      await audit(trx, req, "update", "bookings", before.id as string, d);
      return changed;
    });
    res.json({ ...out.booking, ...(out.creditNote ? { ledger_entry_id: out.creditNote.id } : {}) });
  });

  r.delete("/bookings/:id", requireRole(...MANAGERS), async (req, res) => {
    const row = await db.transaction(async (trx) => {
      const before = await lockedBooking(trx, req);
      // Its units and its invoice are undone by cancelling; deleting only hides a cancelled booking.
      if (before.status !== "cancelled") throw conflict("booking_not_cancelled", "cancel the booking (status: cancelled) before deleting it");
      const [row] = await trx("bookings").where("id", before.id as string).update({ deleted_at: clock.now(), updated_at: clock.now() }).returning([...BOOKING_COLUMNS, "deleted_at"]);
      await audit(trx, req, "delete", "bookings", before.id as string, {});
      return row;
    });
    res.json(row);
  });

  r.use("/bookings", resourceRoutes(services, {
    name: "bookings", table: "bookings",
    columns: BOOKING_COLUMNS,
    filters: ["lead_id", "account_id", "unit_inventory_id", "status", "currency", "created_by"],
    ranges: ["booked_at", "delivery_date", "amount", "cancelled_at", "created_at"],
    sortable: ["booked_at", "amount", "units", "status", "delivery_date", "created_at", "updated_at"], defaultSort: ["booked_at", "desc"],
    readRoles: ALL,
    // A rep sees the bookings of their leads and of the accounts they own.
    scope: (q, req) => void scopeBookings(q, "bookings", user(req)),
  }));

  // ---- ledger entries ------------------------------------------------------------------------------
  r.post("/ledger_entries", requireRole(...MANAGERS), async (req, res) => {
    const d = ledgerCreate.parse(req.body ?? {});
    const entry = await db.transaction(async (trx) => {
      if (d.booking_id && !(await trx("bookings").where({ id: d.booking_id, tenant_id: user(req).tenantId, account_id: d.account_id }).first("id"))) {
        throw unprocessable("ledger_unknown_booking", "booking_id is not a booking of this account");
      }
      const e = await postLedgerEntry(trx, {
        tenantId: user(req).tenantId, accountId: d.account_id, type: d.type, amount: d.amount, entryDate: d.date ?? d.entry_date, currency: d.currency,
        documentRef: d.document_ref, documentUrl: d.document_url, bookingId: d.booking_id, description: d.description, createdBy: user(req).id, now: clock.now(),
      });
      await audit(trx, req, "create", "ledger_entries", e.id as string, d);
      return e;
    });
    res.status(201).json(entry);
  });
  r.all("/ledger_entries/:id", (req, _res, next) => next(req.method === "GET" || req.method === "HEAD" ? undefined : appendOnly()));
  r.use("/ledger_entries", resourceRoutes(services, {
    name: "ledger_entries", table: "ledger_entries",
    columns: [...LEDGER_COLUMNS, "entry_date as date"],
    filters: ["account_id", "type", "booking_id", "document_ref", "currency", "created_by"],
    ranges: ["entry_date", "amount", "seq", "created_at"],
    sortable: ["seq", "entry_date", "amount", "type", "created_at"], defaultSort: ["created_at", "desc"], search: { ilike: ["document_ref", "description"] },
    readRoles: SELLERS, softDeletes: false,
  }));

  return r;
}

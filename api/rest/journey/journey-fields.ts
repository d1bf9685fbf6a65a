import type { ErrorRequestHandler, Request } from "express";
import type { Knex } from "knex";
import { z } from "zod";
import type { Services } from "../../../core/services.ts";
import { scopeByLead, visibleRows } from "../../../core/access.ts";
import { unprocessable, type AppError } from "../../../core/errors.ts";

/** What the journey resources share (docs/journey.md): who reads and writes them, and their field shapes. */
export { EVERYONE as ALL, SELLERS, MANAGERS, SOURCE_KEEPERS as MARKETING } from "../../../core/permissions.ts";

export type Row = Record<string, unknown>;
export const user = (req: Request) => req.user!;
export const text = (max = 300) => z.string().trim().max(max).nullish();
export const money = z.number().min(0).max(1e13);
export const currency = z.string().regex(/^[A-Z]{3}$/, "a three-letter currency code (INR)");
/** A calendar day: "2026-04-01", or a timestamp sent back by the console (its day is taken). */
export const day = z.union([z.iso.date(), z.iso.datetime({ offset: true })]).transform((s) => s.slice(0, 10));
export const json = (v: unknown) => (v === undefined ? undefined : JSON.stringify(v));

/** Rows of a lead, as the visibility rule lets the caller see them. */
export const ownLeads = (column: string) => (q: Knex.QueryBuilder, req: Request) => void scopeByLead(q, column, user(req));

/** A lead the caller may work on (a rep: their own), named in a body: 422 otherwise. */
export const leadFor = async (services: Services, req: Request, id: string, code: string) => {
  const lead = z.uuid().safeParse(id).success ? await visibleRows(services.db, "leads", [id], user(req)).first("id") : null;
  if (!lead) throw unprocessable(code, "lead_id is not a lead of this tenant you may work on");
  return lead.id as string;
};

/** Database refusals named by constraint (a unique index, a check) as the 4xx they are; anything else goes on. */
export const constraintErrors =
  (byConstraint: Record<string, () => AppError>): ErrorRequestHandler =>
  (err, _req, _res, next) => {
    const c = (err as { constraint?: unknown })?.constraint;
    next(typeof c === "string" && byConstraint[c] ? byConstraint[c]() : err);
  };

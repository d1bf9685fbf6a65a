import type { Knex } from "knex";
import { unprocessable } from "./errors.ts";
import type { Role } from "./vocabulary.ts";

export { ROLES, type Role } from "./vocabulary.ts";

/** Who is looking: the signed-in user, as the request knows them. */
export interface Viewer {
  id: string;
  tenantId: string;
  role: Role;
}

/**
 * The one visibility rule. Tenants are kept apart by row-level security; inside a tenant a rep sees
 * the leads and deals they own and what hangs off them (activities, tasks, mail, enrolments,
 * milestones, engagements, bookings of their leads and accounts). Accounts and contacts are shared,
 * but what their timelines gather from deals and leads is cut to the rep's own. Admins, managers and
 * marketers see the whole tenant. Every list, timeline, search, export and reference check asks here.
 */
export const seesOnlyOwn = (v: Viewer) => v.role === "rep";

/** Tables whose rows have an owner of their own, and so are a rep's only when theirs. */
const OWNED = new Set(["leads", "opportunities"]);

type Sub = (s: Knex.QueryBuilder) => void;
const ownedIds =
  (table: string, v: Viewer): Sub =>
  (s) =>
    void s.from(table).where("owner_id", v.id).select("id");

/** Rows with an owner column (leads, deals): a rep's own. */
export function scopeOwned(q: Knex.QueryBuilder, ownerColumn: string, v: Viewer): Knex.QueryBuilder {
  if (seesOnlyOwn(v)) q.where(ownerColumn, v.id);
  return q;
}

/** Rows that belong to a lead (mail, enrolments, engagements, milestones, submissions): those of a rep's leads. */
export function scopeByLead(q: Knex.QueryBuilder, leadColumn: string, v: Viewer): Knex.QueryBuilder {
  if (seesOnlyOwn(v)) q.whereIn(leadColumn, ownedIds("leads", v));
  return q;
}

/** Rows that belong to a deal (stage moves): those of a rep's deals. */
export function scopeByDeal(q: Knex.QueryBuilder, dealColumn: string, v: Viewer): Knex.QueryBuilder {
  if (seesOnlyOwn(v)) q.whereIn(dealColumn, ownedIds("opportunities", v));
  return q;
}

/**
 * Rows hanging off any record by `record_type` + `record_id` (activities, tasks): those on shared
 * records or on a rep's own leads and deals, plus, where rows have an owner of their own
 * (`ownerColumn`: tasks), those assigned to the rep.
 */
export function scopeByRecord(q: Knex.QueryBuilder, table: string, v: Viewer, ownerColumn?: string): Knex.QueryBuilder {
  if (!seesOnlyOwn(v)) return q;
  return q.where((w) => {
    if (ownerColumn) w.where(`${table}.${ownerColumn}`, v.id);
    w.orWhereNotIn(`${table}.record_type`, ["lead", "opportunity"])
      .orWhere((l) => l.where(`${table}.record_type`, "lead").whereIn(`${table}.record_id`, ownedIds("leads", v)))
      .orWhere((o) => o.where(`${table}.record_type`, "opportunity").whereIn(`${table}.record_id`, ownedIds("opportunities", v)));
  });
}

/** Bookings: a rep's are those of their leads and of the accounts they own. */
export function scopeBookings(q: Knex.QueryBuilder, table: string, v: Viewer): Knex.QueryBuilder {
  if (!seesOnlyOwn(v)) return q;
  return q.where((w) => w.whereIn(`${table}.lead_id`, ownedIds("leads", v)).orWhereIn(`${table}.account_id`, ownedIds("accounts", v)));
}

/** The query for the rows of `table` with these ids that the viewer may see (alive, own tenant, the rule). */
export function visibleRows(db: Knex, table: string, ids: string[], v: Viewer): Knex.QueryBuilder {
  const q = db(table).where("tenant_id", v.tenantId).whereIn("id", ids).whereNull("deleted_at");
  if (OWNED.has(table)) scopeOwned(q, "owner_id", v);
  return q;
}

/**
 * A body's references (`column` → ids of `table`) must name records the viewer may see: another
 * tenant's record, a deleted one, one that does not exist and another rep's lead all get the same
 * 422, so the answer tells nothing about what exists elsewhere.
 */
export async function assertReferences(db: Knex, v: Viewer, refs: { column: string; table: string; ids: unknown[] }[]): Promise<void> {
  for (const { column, table, ids: raw } of refs) {
    const ids = [...new Set(raw.filter((x): x is string => typeof x === "string" && x !== ""))];
    if (!ids.length) continue;
    if (!ids.every(isUuid)) throw invalidReference(column, table);
    const [{ n }] = await visibleRows(db, table, ids, v).count<{ n: number }[]>({ n: "*" });
    if (Number(n) !== ids.length) throw invalidReference(column, table);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (s: string) => UUID.test(s);
const invalidReference = (column: string, table: string) =>
  unprocessable("invalid_reference", `${column} does not name a record of ${table} in this tenant that you may use`);

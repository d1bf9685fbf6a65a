import type { Knex } from "knex";
import { z } from "zod";
import { scopeOwned, type Viewer } from "../access.ts";
import { FORECAST_CATEGORIES, OPPORTUNITY_STATUSES } from "../vocabulary.ts";

/** A board filter's value as the list takes it: one value, a list (IN) or null (IS NULL); "" means no filter. */
const filterValue = <T extends z.ZodType>(value: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.union([value, z.array(value).min(1).max(200), z.null()]).optional());
const name = filterValue(z.string().max(200));

export const opportunitySummaryFilter = z
  .object({
    owner_id: filterValue(z.uuid()),
    status: filterValue(z.enum(OPPORTUNITY_STATUSES)),
    account_id: filterValue(z.uuid()),
    primary_contact_id: filterValue(z.uuid()),
    lead_id: filterValue(z.uuid()),
    forecast_category: filterValue(z.enum(FORECAST_CATEGORIES)),
  })
  .strict();
export const leadSummaryFilter = z
  .object({
    owner_id: filterValue(z.uuid()),
    team_id: filterValue(z.uuid()),
    partner_id: filterValue(z.uuid()),
    form_id: filterValue(z.uuid()),
    source: name,
    subsource: name,
    campaign: name,
    priority: name,
  })
  .strict();

/** Each board: the table, the column its columns are, and the figure summed under each header. */
const BOARDS = {
  leads: { group: "status", sum: "budget" },
  opportunities: { group: "stage_id", sum: "value" },
} as const;
export type Board = keyof typeof BOARDS;

/**
 * A board's column figures: one GROUP BY over the rows its list would show (the tenant's, not
 * deleted, a rep's own only), filtered the same way, so a header is exact however few cards are loaded.
 */
export function boardSummary(db: Knex, viewer: Viewer, board: Board, filter: Record<string, unknown>) {
  const { group, sum } = BOARDS[board];
  const q = scopeOwned(db(board).where("tenant_id", viewer.tenantId).whereNull("deleted_at"), "owner_id", viewer);
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) q.whereIn(key, value);
    else if (value === null) q.whereNull(key);
    else q.where(key, value as string);
  }
  return q
    .groupBy(group)
    .orderBy(group)
    .select(group, db.raw("count(*)::int as count"), db.raw("coalesce(sum(??), 0) as ??", [sum, sum]));
}

import type { Knex } from "knex";
import type { LeadStatus } from "../vocabulary.ts";

/** What counts as a rep's open lead (least loaded, capacity caps); the partial index leads_open_by_owner covers it. */
export const OPEN_STATUSES: readonly LeadStatus[] = ["new", "contacted", "qualified", "nurturing"];

/** Open leads per rep, answered from the index alone. */
export async function openLeadCounts(db: Knex, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows: { owner_id: string; n: number }[] = await db("leads")
    .whereIn("owner_id", ids)
    .whereNull("deleted_at")
    .whereIn("status", OPEN_STATUSES)
    .groupBy("owner_id")
    .select("owner_id", db.raw("count(*)::int as n"));
  return new Map(rows.map((r) => [r.owner_id, r.n]));
}

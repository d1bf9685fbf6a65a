import type { Knex } from "knex";

/**
 * New entries of a GIN index wait in its pending list until an insert finds the list over its limit
 * and merges it into the index, inside that insert. Migration 5 gave two of the leads' indexes 16 MB
 * lists for bulk writes; an intake batch that met a full one stalled ~1 s, enough to set the p99 of
 * intake at half its capacity. The limit is now the session's own (`gin_pending_list_limit`, 4 MB by
 * default: a merge takes ~0.1–0.3 s); an import's batches set 16 MB for themselves (core/imports/run.ts).
 */
const INDEXES = ["leads_search", "leads_dedup_name"];

export async function up(knex: Knex): Promise<void> {
  for (const index of INDEXES) await knex.raw(`ALTER INDEX ${index} RESET (gin_pending_list_limit)`);
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}

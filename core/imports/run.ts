import type { JobContext, JobResult } from "../context.ts";
import { tenantMatching } from "../dedup/match.ts";
import { LOOKUP_COLUMNS } from "../dedup/stats.ts";
import type { Sniffed } from "./sniff.ts";
import { jobId, type JobPayloads } from "../queues.ts";
import type { ImportSettings, PreparedRow } from "./prepare-rows.ts";
import { preparedBatches } from "./prepared-batches.ts";
import { writeBatch, type BatchContext } from "./write-batch.ts";
import { writeAudit } from "../audit.ts";
import { LeadNumberAllocator } from "../lead/numbers.ts";
import { assignmentSettingsFrom } from "../assignment/rules.ts";
import { scheduleSoon } from "../nurture/schedule.ts";
import type { DueStep } from "../nurture/enrol.ts";

export type ImportPayload = JobPayloads["import.run"];

/** Rows per transaction: large enough for set-based writes, small enough to pause promptly and to keep the worker's memory down. */
export const BATCH_ROWS = 500;

/** What the duplicate scan after an import selects its leads by, beside the lookups' columns. */
const SCAN_COLUMNS = "import_id,spam_score,created_at,additional_email_keys,additional_phones";

/**
 * Runs an import: streams the file (never whole in memory), prepares each row with the API's
 * rules, and writes batches set-based with exact-key dedup (against the tenant's leads and the
 * file's earlier rows). Each batch commits with the import's progress, so a worker that dies
 * resumes after the last committed row and imports no row twice; pause and cancel take effect at
 * the next batch. When done, a duplicate scan of the imported leads follows (the fuzzy pass).
 */
export async function runImportFile(ctx: JobContext, data: ImportPayload): Promise<JobResult> {
  const { db } = ctx;
  const imp = await db("imports").where({ id: data.importId, tenant_id: data.tenantId }).first();
  if (!imp) return { outcome: "skipped", detail: "import not found" };
  if (imp.status !== "queued" && imp.status !== "running") return { outcome: "skipped", detail: `import is ${imp.status}` };
  const { rules, region } = await tenantMatching(db, data.tenantId);
  const tenant = await db("tenants").where("id", data.tenantId).first("time_zone", db.raw("settings->'assignment' as assignment"));
  await db("imports")
    .where("id", imp.id)
    .update({ status: "running", started_at: imp.started_at ?? ctx.clock.now(), updated_at: ctx.clock.now() });

  const settings: ImportSettings = {
    headers: imp.headers,
    mapping: imp.mapping ?? imp.proposed_mapping,
    defaults: imp.defaults ?? {},
    unmapped: imp.options?.unmapped === "skip" ? "skip" : "custom",
    region,
  };
  const sniffed = { encoding: imp.encoding, delimiter: imp.delimiter, hasHeader: imp.has_header, headers: imp.headers } as Sniffed;
  let processed = imp.processed_rows as number;
  // Ten batches' numbers per reservation; a worker that stops leaves a gap, as a rolled-back intake does.
  const numbers = new LeadNumberAllocator(db, BATCH_ROWS * 10);
  let stopped: string | null = null;

  const write = async (rows: PreparedRow[], bytesRead: number) => {
    // The rules as they stand at each batch (cached per version): imported leads are routed like any new lead.
    const sets = await ctx.rules.current(data.tenantId);
    let due: DueStep[] = [];
    const imported = await db.transaction(async (trx) => {
      // A bulk writer's GIN pending lists: 16 MB, merged into the indexes in fewer, larger steps (migration 33).
      const {
        rows: [{ status }],
      } = await trx.raw("SELECT status, set_config('gin_pending_list_limit', '16MB', true) FROM imports WHERE id = ? FOR UPDATE", [imp.id]);
      if (status !== "running") {
        stopped = status;
        return 0;
      }
      const c: BatchContext = {
        db,
        tenantId: data.tenantId,
        importId: imp.id,
        filename: imp.filename,
        region: settings.region,
        rules,
        ownerId: settings.defaults.owner_id ?? null,
        numbers,
        routing: { sets, settings: assignmentSettingsFrom(tenant.assignment), slots: ctx.slots, tenantTimeZone: tenant.time_zone },
        now: ctx.clock.now(),
      };
      const counts = await writeBatch(trx, c, rows);
      due = counts.dueSteps;
      processed += rows.length;
      await trx("imports")
        .where("id", imp.id)
        .update({
          processed_rows: processed,
          imported: trx.raw("imported + ?", [counts.imported]),
          merged: trx.raw("merged + ?", [counts.merged]),
          flagged: trx.raw("flagged + ?", [counts.flagged]),
          rejected: trx.raw("rejected + ?", [counts.rejected]),
          bytes_read: bytesRead,
          total_rows: trx.raw("greatest(total_rows, ?)", [Math.round((processed / Math.max(bytesRead, 1)) * Number(imp.size_bytes))]),
          updated_at: ctx.clock.now(),
        });
      return counts.imported;
    });
    // Not awaited: the statistics taken at half the size plan the lookups well enough meanwhile,
    // and the ANALYZE (seconds at a million leads) runs on the other core beside the next batches.
    void ctx.leadStats.grew(data.tenantId, imported);
    if (due.length) await scheduleSoon(ctx.queues, ctx.clock, ctx.log, due);
  };

  // A thread reads and prepares the next batches while this one writes the current one.
  const batches = preparedBatches({ path: imp.storage_path, sniffed, settings, skipRows: processed, batchRows: BATCH_ROWS });
  for await (const { rows, bytesRead } of batches) {
    await write(rows, bytesRead);
    if (stopped) break;
  }
  if (stopped) return { outcome: stopped, detail: `${processed} rows done; ${stopped}` };

  // Fresh statistics before the scan: planned with the old ones, its batches read the whole import each time.
  // Only the columns the scan reads by: the whole table's (full-text and trigram columns) took ~10% of the import.
  await db.raw("SELECT analyze_leads(?::text[])", [`{${LOOKUP_COLUMNS},${SCAN_COLUMNS}}`]);
  const done = await db("imports").where("id", imp.id).first();
  const [scan] = await db("dedup_scans").insert({ tenant_id: data.tenantId, import_id: imp.id, auto_merge: true }).returning("id");
  await db("imports").where("id", imp.id).update({
    status: "done",
    total_rows: processed,
    total_exact: true,
    bytes_read: imp.size_bytes,
    dedup_scan_id: scan.id,
    finished_at: ctx.clock.now(),
    updated_at: ctx.clock.now(),
  });
  const counts = { rows: processed, imported: done.imported, merged: done.merged, flagged: done.flagged, rejected: done.rejected };
  await writeAudit(db, { tenantId: data.tenantId, id: imp.created_by }, "import_complete", "imports", imp.id, counts);
  await ctx.queues.enqueue("dedup.scan", { tenantId: data.tenantId, scanId: scan.id }, { jobId: jobId.dedupScan(scan.id) });
  return {
    outcome: "done",
    detail: `${processed} rows: ${done.imported} imported, ${done.merged} merged, ${done.flagged} flagged, ${done.rejected} rejected`,
  };
}

/** After the last retry the import shows as failed, with the reason; its committed batches stay. */
export async function failImport(ctx: JobContext, data: ImportPayload, err: Error): Promise<void> {
  await ctx
    .db("imports")
    .where({ id: data.importId })
    .whereIn("status", ["queued", "running"])
    .update({ status: "failed", error: err.message.slice(0, 500), finished_at: ctx.clock.now(), updated_at: ctx.clock.now() });
}

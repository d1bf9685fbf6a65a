import type { Knex } from "knex";
import { open } from "node:fs/promises";
import { z } from "zod";
import { conflict, notFound, unprocessable } from "../errors.ts";
import { parseMappingTarget } from "../lead/field-names.ts";
import { jobId } from "../queues.ts";
import type { Queues } from "../queues.ts";
import { SNIFF_BYTES, type Sniffed } from "./sniff.ts";

/** A CSV import before and between its runs: the row the console shows and the job follows. */

/** A mapping names columns the file has and targets leadhub knows: a lead field, `custom_fields.<name>` or `skip`. */
export function checkMapping(mapping: Record<string, string>, headers: string[]) {
  const problems = Object.entries(mapping).flatMap(([header, target]) =>
    !headers.includes(header)
      ? [{ path: header, message: "no such column in the file" }]
      : target !== "skip" && !parseMappingTarget(target)
        ? [{ path: header, message: `"${target}" is not a lead field, custom_fields.<name> or skip` }]
        : [],
  );
  if (problems.length) throw unprocessable("import_invalid_mapping", "the column mapping is not valid", problems);
}

/** A default owner must be a user of the tenant. */
export async function checkDefaultOwner(db: Knex, tenantId: string, defaults: { owner_id?: string } | undefined) {
  if (!defaults?.owner_id) return;
  const found = await db("users").where({ id: defaults.owner_id, tenant_id: tenantId }).whereNull("deleted_at").first("id");
  if (!found)
    throw unprocessable("import_invalid_defaults", "owner_id does not name a user of this tenant", [
      { path: "owner_id", message: "unknown user" },
    ]);
}

/** The file's first bytes: what the sniffer reads (encoding, delimiter, header, a preview). */
export async function readHead(path: string): Promise<Buffer> {
  const fh = await open(path, "r");
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Rows in the file, from the sample's line length, until the import has read it all. */
export function estimateRows(size: number, head: Buffer): number {
  let lines = 0;
  for (const b of head) if (b === 10) lines++;
  return lines > 1 ? Math.max(0, Math.round(size / (head.length / lines)) - 1) : 1;
}

export interface StagedFile {
  id: string;
  tenantId: string;
  userId: string;
  filename: string;
  size: number;
  path: string;
  head: Buffer;
  sniffed: Sniffed;
  proposed: Record<string, string>;
  mapping?: Record<string, string>;
  defaults: Record<string, unknown>;
  options: Record<string, unknown>;
  /** Queued at once (the upload said start=true), or staged for the mapping screen. */
  start: boolean;
}

/** The import's row for an uploaded file; queued or staged. */
export async function insertImport(db: Knex, f: StagedFile) {
  const [imp] = await db("imports")
    .insert({
      id: f.id,
      tenant_id: f.tenantId,
      filename: f.filename.slice(0, 300),
      size_bytes: f.size,
      storage_path: f.path,
      status: f.start ? "queued" : "staged",
      encoding: f.sniffed.encoding,
      delimiter: f.sniffed.delimiter,
      has_header: f.sniffed.hasHeader,
      headers: JSON.stringify(f.sniffed.headers),
      preview: JSON.stringify(f.sniffed.preview),
      proposed_mapping: JSON.stringify(f.proposed),
      mapping: JSON.stringify(f.mapping ?? f.proposed),
      defaults: JSON.stringify(f.defaults),
      options: JSON.stringify(f.options),
      total_rows: estimateRows(f.size, f.head),
      runs: f.start ? 1 : 0,
      created_by: f.userId,
    })
    .returning("*");
  return imp;
}

/** One of the tenant's imports: not found otherwise. */
export async function importOf(db: Knex, tenantId: string, id: unknown) {
  if (!z.uuid().safeParse(id).success) throw notFound("import");
  const imp = await db("imports")
    .where({ id: id as string, tenant_id: tenantId })
    .first();
  if (!imp) throw notFound("import");
  return imp;
}

/** Moves an import between states, only from the ones named; the row is the truth the job follows. */
export async function moveImport(
  db: Knex,
  tenantId: string,
  id: unknown,
  from: string[],
  to: string,
  now: Date,
  extra: (db: Knex) => Record<string, unknown> = () => ({}),
) {
  const imp = await importOf(db, tenantId, id);
  const [after] = await db("imports")
    .where({ id: imp.id })
    .whereIn("status", from)
    .update({ status: to, ...extra(db), updated_at: now })
    .returning("*");
  if (!after) throw conflict("import_wrong_status", `cannot go from ${imp.status} to ${to}`, { status: imp.status });
  return after;
}

/** One more run: a resumed import counts its runs, so each run's job has an id of its own. */
export const nextRun = (db: Knex) => ({ runs: db.raw("runs + 1") });

/** Starts (or restarts) the import's job. */
export const enqueueImport = (queues: Queues, imp: { id: string; tenant_id: string; runs: number }) =>
  queues.enqueue("import.run", { tenantId: imp.tenant_id, importId: imp.id }, { jobId: jobId.importRun(imp.id, imp.runs) });

/** The rows it could not take, in file order, streamed: the original cells, the row number and the reason. */
export const importErrorRows = (db: Knex, importId: string) =>
  db("import_errors").where("import_id", importId).orderBy("row_number").select("row_number", "cells", "reason").stream() as AsyncIterable<{
    row_number: number;
    cells: string[];
    reason: string;
  }>;

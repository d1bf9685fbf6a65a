import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { readRows, type ReadRowsOptions, type RowRead } from "../../../core/imports/read-rows.ts";
import { sniffCsv } from "../../../core/imports/sniff.ts";

export const fixture = (name: string): Buffer => readFileSync(new URL(`../../fixtures/imports/${name}`, import.meta.url));

/** A byte stream of `data` in chunks of `size` bytes, so records, quotes and characters fall across chunk ends. */
export function chunked(data: Buffer, size: number): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) chunks.push(data.subarray(i, i + size));
  return Readable.from(chunks, { objectMode: false });
}

/** Sniffs `data`, then reads all its rows. */
export async function readAll(data: Buffer, opts: Partial<ReadRowsOptions> = {}, chunkSize = 64 * 1024): Promise<RowRead[]> {
  const sniffed = opts.sniffed ?? sniffCsv(data.subarray(0, 64 * 1024));
  const rows: RowRead[] = [];
  for await (const row of readRows(chunked(data, chunkSize), { ...opts, sniffed })) rows.push(row);
  return rows;
}

export const csv = (lines: string[], ending = "\n"): Buffer => Buffer.from(lines.join(ending) + ending);

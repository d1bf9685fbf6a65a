import { createReadStream } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { readRows, type RowRead } from "./read-rows.ts";
import { prepareRow, type ImportSettings, type PreparedRow } from "./prepare-rows.ts";
import type { Sniffed } from "./sniff.ts";

/** What the import hands the preparing thread. */
export interface PrepareJob {
  path: string;
  sniffed: Sniffed;
  settings: ImportSettings;
  skipRows: number;
  batchRows: number;
}

/** One batch of prepared rows, with how far into the file reading has got. */
export interface PreparedBatch {
  rows: PreparedRow[];
  bytesRead: number;
}

/** A row the preparation threw on is the row's error, not the import's: it goes to the error file. */
export function prepareSafely(read: RowRead, settings: ImportSettings): PreparedRow {
  try {
    return prepareRow(read, settings);
  } catch (err) {
    return { ok: false, row: read.row, cells: read.cells, reason: `could not be read: ${(err as Error).message}`.slice(0, 1000) };
  }
}

/**
 * The thread: streams the file, prepares each row (parsing, normalising, matching keys) and posts
 * batches, one unclaimed at a time (the main thread sends a credit per batch it takes),
 * so memory stays bounded however fast the file reads. Posts `null` at the end.
 */
async function run(job: PrepareJob, port: NonNullable<typeof parentPort>) {
  let credits = 1;
  let wake: (() => void) | null = null;
  port.on("message", () => {
    credits++;
    wake?.();
  });
  const file = createReadStream(job.path);
  let batch: PreparedRow[] = [];
  const post = async () => {
    while (credits <= 0) await new Promise<void>((r) => (wake = r));
    wake = null;
    credits--;
    port.postMessage({ rows: batch, bytesRead: file.bytesRead } satisfies PreparedBatch);
    batch = [];
  };
  try {
    for await (const read of readRows(file, { sniffed: job.sniffed, skipRows: job.skipRows }) as AsyncIterable<RowRead>) {
      batch.push(prepareSafely(read, job.settings));
      if (batch.length >= job.batchRows) await post();
    }
    if (batch.length) await post();
    port.postMessage(null);
  } finally {
    file.destroy();
  }
}

if (parentPort && workerData?.prepareJob) {
  const port = parentPort;
  run(workerData.prepareJob as PrepareJob, port).then(
    () => port.close(),
    (err) => {
      throw err;
    },
  );
}

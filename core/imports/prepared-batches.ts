import { startTsThread } from "../runtime/ts-thread.ts";
import type { PrepareJob, PreparedBatch } from "./prepare-thread.ts";

/**
 * The file's rows prepared in a worker thread, in batches: parsing, normalising (libphonenumber,
 * names, matching keys) runs beside the database writes instead of between them. The thread stays
 * one batch ahead. A thread that fails (the file cannot be read) fails the import;
 * a row that cannot be prepared is that row's error.
 */
export async function* preparedBatches(job: PrepareJob): AsyncGenerator<PreparedBatch> {
  const worker = startTsThread(new URL("./prepare-thread.ts", import.meta.url), {
    workerData: { prepareJob: job },
    // A small heap: the thread holds a batch or two, never the file.
    resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 },
  });
  const queue: (PreparedBatch | null | Error)[] = [];
  let wake: (() => void) | null = null;
  const push = (x: PreparedBatch | null | Error) => {
    queue.push(x);
    wake?.();
  };
  worker.on("message", (m: PreparedBatch | null) => push(m));
  worker.on("error", (err) => push(err));
  worker.on("exit", (code) => push(code === 0 ? null : new Error(`the import's preparing thread stopped (exit code ${code})`)));
  try {
    for (;;) {
      while (!queue.length) await new Promise<void>((r) => (wake = r));
      wake = null;
      const next = queue.shift()!;
      if (next === null) return;
      if (next instanceof Error) throw next;
      worker.postMessage("more");
      yield next;
    }
  } finally {
    await worker.terminate();
  }
}

import { Worker } from "node:worker_threads";
import type { PrepareJob, PreparedBatch } from "./prepare-thread.ts";

const THREAD = new URL("./prepare-thread.ts", import.meta.url).href;
const TSX = import.meta.resolve("tsx/esm/api");
/** V8 heap-size flags (`--max-old-space-size=…` and the like), which a process may run with and a thread may not. */
const HEAP_FLAG = /^--max[-_](old|semi|young)[-_]/;
// The thread loads TypeScript the way this process does: tsx registered in it before the module.
const BOOT = `import(${JSON.stringify(TSX)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(THREAD)}); });`;

/**
 * The file's rows prepared in a worker thread, in batches: parsing, normalising (libphonenumber,
 * names, matching keys) runs beside the database writes instead of between them. The thread stays
 * one batch ahead. A thread that fails (the file cannot be read) fails the import;
 * a row that cannot be prepared is that row's error.
 */
export async function* preparedBatches(job: PrepareJob): AsyncGenerator<PreparedBatch> {
  const worker = new Worker(BOOT, {
    eval: true,
    workerData: { prepareJob: job },
    // tsx is registered by BOOT; the parent's loader flags are not needed twice. Nor its heap sizes:
    // a thread refuses them (ERR_WORKER_INVALID_EXEC_ARGV), and has its own below.
    execArgv: process.execArgv.filter(
      (a, i, all) => !a.includes("tsx") && !(a === "--import" && all[i + 1]?.includes("tsx")) && !HEAP_FLAG.test(a),
    ),
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

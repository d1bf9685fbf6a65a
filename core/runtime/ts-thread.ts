import { Worker, type WorkerOptions } from "node:worker_threads";

const TSX = import.meta.resolve("tsx/esm/api");
/** V8 heap-size flags (`--max-old-space-size=…` and the like), which a process may run with and a thread may not. */
const HEAP_FLAG = /^--max[-_](old|semi|young)[-_]/;

/**
 * A worker thread running a TypeScript module, loaded the way this process loads its own: tsx
 * registered in the thread before the module. The parent's flags go with it except tsx's loader
 * (registered here, not needed twice) and its heap sizes (a thread refuses them with
 * ERR_WORKER_INVALID_EXEC_ARGV; give it `resourceLimits` instead).
 */
export function startTsThread(module: URL, options: Omit<WorkerOptions, "eval" | "execArgv"> = {}): Worker {
  const boot = `import(${JSON.stringify(TSX)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(module.href)}); });`;
  return new Worker(boot, {
    ...options,
    eval: true,
    execArgv: process.execArgv.filter(
      (a, i, all) => !a.includes("tsx") && !(a === "--import" && all[i + 1]?.includes("tsx")) && !HEAP_FLAG.test(a),
    ),
  });
}

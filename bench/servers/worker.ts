/**
 * One leadhub worker process (schedules off, default concurrency). It connects first, prints
 * "ready", and starts taking jobs only on "go" from stdin: start-up cost stays out of the drain time.
 */
import { createInterface } from "node:readline";
import { loadConfig } from "../../core/config.ts";
import { createServices } from "../../core/services.ts";
import { startWorker } from "../../worker/worker.ts";

const config = loadConfig(process.env);
const services = await createServices({ ...config, databaseUrl: config.databaseUrl!, redisUrl: config.redisUrl! });
console.log("ready");
await new Promise<void>((resolve) => {
  const rl = createInterface({ input: process.stdin });
  rl.on("line", (l) => l.trim() === "go" && (rl.close(), resolve()));
});
await startWorker(services, { schedules: false });
console.log("started");

// The bench has finished measuring when it stops the worker: exiting at once (rather than letting a
// long scan job finish) also writes the --cpu-prof profile before the bench's grace period ends.
const stop = () => process.exit(0);
process.once("SIGTERM", stop);
process.once("SIGINT", stop);

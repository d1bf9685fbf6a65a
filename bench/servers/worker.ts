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
const worker = await startWorker(services, { schedules: false });
console.log("started");

const stop = async () => {
  await worker.close();
  await services.close();
  process.exit(0);
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);

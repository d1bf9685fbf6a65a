import { boot, exitOnStartError, onShutdown } from "../core/runtime/boot.ts";
import { setUpDatabase } from "../migrations/setup.ts";
import { startWorker } from "./worker.ts";

async function main() {
  const { services, stop } = await boot("worker", setUpDatabase);
  const worker = await startWorker(services).catch(async (e) => {
    await stop();
    throw e;
  });
  // Worker.close() lets the jobs in progress finish; boot's handler exits within 55 s whatever happens.
  onShutdown(() => worker.close());
}

main().catch(exitOnStartError);

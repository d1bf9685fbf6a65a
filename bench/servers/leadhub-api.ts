/** leadhub's API alone (no workers), listening on PORT: what `POST /ingest/leads` costs, enqueue included. */
import type { Server } from "node:http";
import { loadConfig } from "../../core/config.ts";
import { createServices } from "../../core/services.ts";
import { createApp } from "../../api/app.ts";

const config = loadConfig(process.env);
const services = await createServices({ ...config, databaseUrl: config.databaseUrl!, redisUrl: config.redisUrl! });
const server: Server = createApp(services).listen(config.port, "127.0.0.1");

const stop = async () => {
  server.close();
  server.closeAllConnections();
  await services.close();
  process.exit(0);
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);

import type { Express } from "express";
import type { Server } from "node:http";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Services } from "../core/services.ts";
import { boot, exitOnStartError, onShutdown } from "../core/runtime/boot.ts";
import { createApp } from "./app.ts";

/** Listens on the configured host and port; resolves once connections are accepted. */
export function listen(app: Express, services: Services): Promise<Server> {
  const { port, host } = services.config;
  return new Promise((done, fail) => {
    const server = app.listen(port, host);
    server.once("error", fail);
    server.once("listening", () => {
      services.log.info({ url: `http://localhost:${port}` }, "api listening");
      done(server);
    });
  });
}

/** Stops accepting, lets requests in progress finish, and drops idle keep-alive connections. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((done) => {
    server.close(() => done());
    server.closeIdleConnections();
  });
}

async function main() {
  const { services, stop } = await boot("api");
  const server = await listen(createApp(services), services).catch(async (e) => {
    await stop();
    throw e;
  });
  onShutdown(() => closeServer(server));
}

// Run only as the entry point (`npm run start:api`); core/start.ts imports listen() from here.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch(exitOnStartError);
}

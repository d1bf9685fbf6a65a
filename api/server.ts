import type { Express } from "express";
import type { Server } from "node:http";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Services } from "../core/services.ts";
import { boot, exitOnStartError, onShutdown } from "../core/runtime/boot.ts";
import { setUpDatabase } from "../migrations/setup.ts";
import { createApp } from "./app.ts";
import { startSmtpListener } from "./ingest/smtp-listener.ts";
import type { EventWriter } from "./ingest/event-writer.ts";

/**
 * Listens on the configured host and port, plus the inbound SMTP listener when SMTP_INGEST_PORT
 * is set; resolves once connections are accepted.
 */
export async function listen(app: Express, services: Services): Promise<Server> {
  const { port, host, smtpIngestPort } = services.config;
  const server = await new Promise<Server>((done, fail) => {
    const s = app.listen(port, host);
    s.once("error", fail);
    s.once("listening", () => {
      services.log.info({ url: `http://localhost:${port}` }, "api listening");
      done(s);
    });
  });
  if (smtpIngestPort !== undefined) {
    const smtp = await startSmtpListener(services, app.locals.eventWriter as EventWriter, smtpIngestPort, host);
    services.log.info({ port: smtpIngestPort }, "inbound SMTP listening");
    server.on("close", () => smtp.close());
  }
  return server;
}

/** Stops accepting, lets requests in progress finish, and drops idle keep-alive connections. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((done) => {
    server.close(() => done());
    server.closeIdleConnections();
  });
}

async function main() {
  const { services, stop } = await boot("api", setUpDatabase);
  const server = await listen(createApp(services), services).catch(async (e) => {
    await stop();
    throw e;
  });
  onShutdown(() => closeServer(server));
}

// Run only as the entry point (`npm run start:api`); worker/start.ts imports listen() from here.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch(exitOnStartError);
}

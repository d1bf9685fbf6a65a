import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createApp } from "../api/app.ts";
import { closeServer, listen } from "../api/server.ts";
import { startWorker } from "./worker.ts";
import type { Logger } from "../core/logger.ts";
import { boot, exitOnStartError, onShutdown } from "../core/runtime/boot.ts";
import { setUpDatabase } from "../migrations/setup.ts";
import { mailCatcherWanted, startMailCatcher } from "../core/mail-catcher.ts";

const ADMIN = fileURLToPath(new URL("../admin", import.meta.url));

/** `npm start`: API, console and workers in one process, for a single machine. */
async function main() {
  const { services, firstAdmin, stop } = await boot("all", setUpDatabase);
  try {
    // A newcomer's laptop (no SMTP_URL, embedded database): outbound mail is caught, listed in the console.
    const catcher = mailCatcherWanted(process.env) ? await startMailCatcher() : null;
    if (catcher) {
      services.config.smtpUrl = catcher.url;
      onShutdown(() => catcher.close());
    }
    await ensureConsoleBuilt(services.log);
    const server = await listen(createApp(services), services);
    onShutdown(() => closeServer(server));
    const worker = await startWorker(services);
    onShutdown(() => worker.close());
    const login =
      firstAdmin?.email ??
      services.config.adminEmail ??
      (await services.db("users").where({ role: "admin", is_active: true }).orderBy("created_at").first("email"))?.email;
    console.log(`\nleadhub is running at http://localhost:${services.config.port} (console, API, workers)`);
    if (catcher) console.log(`outbound mail is caught, not sent: see Mail catcher in the console (MAIL_CATCHER=0 to turn off)`);
    if (login) console.log(`log in as ${login}\n`);
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Builds the console when admin/dist is missing or older than its sources (first start, after a pull). */
async function ensureConsoleBuilt(log: Logger) {
  const config = join(ADMIN, "vite.config.ts");
  if (!existsSync(config)) {
    log.warn("admin/vite.config.ts not found: serving the API without the console");
    return;
  }
  const built = join(ADMIN, "dist", "index.html");
  const sources = [config, join(ADMIN, "index.html"), ...walk(join(ADMIN, "src"))];
  const newest = Math.max(...sources.filter((f) => existsSync(f)).map((f) => statSync(f).mtimeMs));
  if (existsSync(built) && statSync(built).mtimeMs >= newest) return;
  log.info("building the console (admin/) with Vite; this takes a moment the first time");
  const started = Date.now();
  try {
    const { build } = await import("vite");
    await build({ configFile: config, logLevel: "warn" });
    log.info({ seconds: (Date.now() - started) / 1000 }, "console built");
  } catch (e) {
    // The API and the workers are still useful without the console; say so and go on.
    log.error({ err: (e as Error).message }, "console build failed: run `npm run build:admin` to see why");
  }
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

main().catch(exitOnStartError);

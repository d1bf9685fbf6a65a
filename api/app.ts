import express, { Router, type Express } from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import type { Services } from "../core/services.ts";
import { registry, httpDuration } from "../core/metrics.ts";
import { errorHandler, notFoundHandler } from "./errors.ts";
import { unauthorized } from "../core/errors.ts";
import { safeEqual } from "../core/crypto.ts";
import { authRoutes } from "./auth/login.routes.ts";
import { requireUser } from "./auth/require-user.ts";
import { EventWriter } from "./ingest/event-writer.ts";
import { ingestLeadRoutes } from "./ingest/leads.routes.ts";
import { webhookRoutes } from "./ingest/webhooks.routes.ts";
import { formRoutes } from "./ingest/forms.routes.ts";
import { emailRoutes } from "./ingest/email.routes.ts";
import { sourceLookup } from "./ingest/source-lookup.ts";
import { tooDeep, tooDeepError } from "./ingest/body.ts";
import { formsResource } from "./rest/forms.resource.ts";
import { alertsResource } from "./rest/records.resources.ts";
import { sourceRoutes } from "./rest/sources.routes.ts";
import { resourceRoutes } from "./rest/resource.ts";
import { leadsResource } from "./rest/leads.resource.ts";
import { leadDetailRoutes } from "./rest/lead-details.routes.ts";
import { teamsResource, usersResource } from "./rest/people.resources.ts";
import { auditLogResource } from "./rest/audit.ts";
import { activitiesResource, inboundEventsResource } from "./rest/records.resources.ts";
import { partnersRoutes } from "./rest/partners.routes.ts";
import { tenantsRoutes } from "./rest/tenants.routes.ts";
import { queuesRoutes } from "./rest/queues.routes.ts";
import { dedupRoutes } from "./rest/dedup.routes.ts";
import { importsRoutes, importTemplatesRoutes } from "./rest/imports.routes.ts";
import { dashboardRoutes } from "./reports/dashboard.routes.ts";
import { rulesRoutes } from "./rest/rules.routes.ts";
import { crmRoutes } from "./rest/crm.routes.ts";
import { webhooksOutRoutes } from "./rest/webhooks-out.routes.ts";
import { customFieldRoutes } from "./rest/custom-fields.routes.ts";
import { nurtureRoutes } from "./rest/nurture.routes.ts";
import { mailLinkRoutes } from "./public/mail-links.routes.ts";
import { journeyRoutes } from "./rest/journey.routes.ts";
import { privacyRoutes } from "./rest/privacy.routes.ts";
import { reportsRoutes } from "./reports/reports.routes.ts";
import { openApiDocument } from "./openapi.ts";

const ADMIN_DIST = fileURLToPath(new URL("../admin/dist", import.meta.url));

/** Builds the whole HTTP surface; listening is server.ts's job, so tests use the app directly. */
export function createApp(services: Services): Express {
  const app = express();
  const { log } = services;
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.use((req, res, next) => {
    const end = httpDuration.startTimer({ method: req.method });
    res.on("finish", () => end({ route: req.route?.path ? req.baseUrl + req.route.path : "other", status: res.statusCode }));
    next();
  });

  app.get("/healthz", async (_req, res) => {
    const [pg, redis] = await Promise.allSettled([
      services.db.raw("select 1"),
      services.queues.connection.ping(),
    ]);
    const ok = pg.status === "fulfilled" && redis.status === "fulfilled";
    res.status(ok ? 200 : 503).json({ status: ok ? "ok" : "degraded", postgres: pg.status === "fulfilled", redis: redis.status === "fulfilled" });
  });
  app.get("/metrics", async (req, res) => {
    const token = services.config.metricsToken;
    if (token && !safeEqual(req.get("authorization") ?? "", `Bearer ${token}`)) throw unauthorized("metrics_token_required", "GET /metrics needs the METRICS_TOKEN bearer token");
    res.setHeader("Content-Type", registry.contentType);
    res.send(await registry.metrics());
  });

  const writer = new EventWriter(services.pg, services.queues, log);
  const sources = sourceLookup(services);
  const forms = formRoutes(services, writer, sources);
  // The SMTP listener (server.ts) stores mail through the same writer.
  app.locals.eventWriter = writer;
  app.use("/ingest", ingestLeadRoutes(services, writer));
  app.use("/ingest/webhooks", webhookRoutes(services, writer, sources));
  app.use("/ingest/forms", forms.ingest);
  app.use("/ingest/email", emailRoutes(services, writer));

  // Everything else: security headers and request logs. Ingestion is mounted above them on purpose:
  // it answers JSON to machines, and its record is inbound_events (rejected deliveries included), so
  // per-request logging there would only cost CPU on the hottest path. 5xx are logged by errorHandler.
  // No upgrade-insecure-requests: a console opened over plain http on a LAN address must still load its assets.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  app.use(
    pinoHttp({
      logger: log,
      quietReqLogger: true,
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "info" : "debug"),
    }),
  );
  app.use("/forms", forms.pages);
  const mailLinks = mailLinkRoutes(services);
  app.use("/u", mailLinks.unsubscribe);
  app.use("/t", mailLinks.tracking);

  const api = Router();
  api.use(express.json({ limit: "1mb" }), (req, _res, next) => next(tooDeep(req.body) ? tooDeepError() : undefined));
  api.use("/auth", authRoutes(services));
  api.get("/openapi.json", (_req, res) => res.json(openApiDocument()));
  api.use(requireUser(services));
  api.use("/", dedupRoutes(services));
  api.use("/", rulesRoutes(services));
  api.use("/", crmRoutes(services));
  api.use("/", webhooksOutRoutes(services));
  api.use("/", nurtureRoutes(services));
  api.use("/", journeyRoutes(services));
  api.use("/custom_field_definitions", customFieldRoutes(services));
  api.use("/imports", importsRoutes(services));
  api.use("/import_templates", importTemplatesRoutes(services));
  api.use("/", privacyRoutes(services));
  api.use("/leads", leadDetailRoutes(services), resourceRoutes(services, leadsResource(services)));
  api.use("/users", resourceRoutes(services, usersResource()));
  api.use("/teams", resourceRoutes(services, teamsResource()));
  api.use("/audit_log", resourceRoutes(services, auditLogResource()));
  api.use("/partners", partnersRoutes(services, sources));
  api.use("/forms", resourceRoutes(services, formsResource()));
  api.use("/inbound_events", resourceRoutes(services, inboundEventsResource()));
  api.use("/", sourceRoutes(services, sources, writer));
  api.use("/alerts", resourceRoutes(services, alertsResource()));
  api.use("/activities", resourceRoutes(services, activitiesResource()));
  api.use("/tenants", tenantsRoutes(services));
  api.use("/queues", queuesRoutes(services));
  api.use("/reports", reportsRoutes(services), dashboardRoutes(services));
  app.use("/api", api, notFoundHandler);
  app.use("/ingest", notFoundHandler);

  // The console: the built SPA, with every other GET falling back to its index.html.
  if (existsSync(ADMIN_DIST)) {
    // Built assets have content hashes in their names; index.html must always be fresh.
    app.use(express.static(ADMIN_DIST, { index: false, maxAge: "7d" }));
    app.get(/^\/(?!api\/|ingest\/).*/, (req, res, next) => {
      if (!req.accepts("html")) return next();
      res.setHeader("Cache-Control", "no-cache");
      res.sendFile(join(ADMIN_DIST, "index.html"));
    });
  }
  app.use(notFoundHandler);
  app.use(errorHandler(log));
  return app;
}

import express, { Router, type Express } from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import type { Services } from "../core/services.ts";
import { registry, httpDuration, countMailWaitingWith } from "../core/metrics.ts";
import { mailState, mailWaitingEverywhere } from "../core/nurture/mail-status.ts";
import { errorHandler, notFoundHandler } from "./errors.ts";
import { unauthorized } from "../core/errors.ts";
import { safeEqual } from "../core/crypto.ts";
import { authRoutes } from "./auth/login.routes.ts";
import { requireUser } from "./auth/require-user.ts";
import { EventWriter } from "./ingest/event-writer.ts";
import { ingestLeadHandlers } from "./ingest/leads.routes.ts";
import { webhookRoutes } from "./ingest/webhooks.routes.ts";
import { formRoutes } from "./ingest/forms.routes.ts";
import { emailRoutes } from "./ingest/email.routes.ts";
import { sourceLookup } from "./ingest/source-lookup.ts";
import { tooDeep, tooDeepError } from "./ingest/body.ts";
import { resourceRoutes } from "./rest/resource.ts";
import { teamsResource, usersResource } from "./rest/people.resources.ts";
import { auditLogResource } from "./rest/audit.ts";
import { tenantsRoutes } from "./rest/tenants.routes.ts";
import { queuesRoutes } from "./rest/queues.routes.ts";
import { leadsResource } from "./rest/leads.resource.ts";
import { leadDetailRoutes } from "./rest/lead-details.routes.ts";
import { privacyRoutes } from "./rest/privacy.routes.ts";
import { activitiesResource, alertsResource } from "./rest/records.resources.ts";
import { partnersRoutes } from "./rest/partners.routes.ts";
import { formsRoutes } from "./rest/forms.routes.ts";
import { inboundEventsRoutes } from "./rest/inbound-events.routes.ts";
import { importsRoutes } from "./rest/imports/imports.routes.ts";
import { importTemplatesRoutes } from "./rest/imports/import-templates.routes.ts";
import { customFieldRoutes } from "./rest/custom-fields.routes.ts";
import { duplicateReviewsRoutes } from "./rest/dedup/duplicate-reviews.routes.ts";
import { dedupScansRoutes } from "./rest/dedup/dedup-scans.routes.ts";
import { dedupRulesRoutes } from "./rest/dedup/dedup-rules.routes.ts";
import { leadMergeRoutes } from "./rest/dedup/lead-merges.routes.ts";
import { scoringRulesRoutes } from "./rest/rules/scoring-rules.routes.ts";
import { assignmentRulesRoutes } from "./rest/rules/assignment-rules.routes.ts";
import { ruleTestRoutes } from "./rest/rules/rule-test.routes.ts";
import { assignmentSettingsRoutes, scoringSettingsRoutes } from "./rest/rules/rule-settings.routes.ts";
import { rescoreRunsRoutes, ruleVersionsRoutes } from "./rest/rules/rule-history.routes.ts";
import { leadScoreRoutes } from "./rest/rules/lead-scores.routes.ts";
import { accountsRoutes } from "./rest/crm/accounts.routes.ts";
import { contactsRoutes } from "./rest/crm/contacts.routes.ts";
import { opportunitiesRoutes } from "./rest/crm/opportunities.routes.ts";
import { leadBoardRoutes, opportunityBoardRoutes } from "./rest/crm/boards.routes.ts";
import { pipelineStagesRoutes } from "./rest/crm/pipeline-stages.routes.ts";
import { tasksRoutes } from "./rest/crm/tasks.routes.ts";
import { conversionRulesRoutes } from "./rest/crm/conversion-rules.routes.ts";
import { leadConversionRoutes } from "./rest/crm/lead-conversion.routes.ts";
import { milestonesRoutes } from "./rest/journey/milestones.routes.ts";
import { engagementsRoutes } from "./rest/journey/engagements.routes.ts";
import { leadSourcesRoutes } from "./rest/journey/lead-sources.routes.ts";
import { campaignsRoutes } from "./rest/journey/campaigns.routes.ts";
import { unitInventoryRoutes } from "./rest/journey/unit-inventory.routes.ts";
import { bookingsRoutes } from "./rest/journey/bookings.routes.ts";
import { ledgerEntriesRoutes } from "./rest/journey/ledger-entries.routes.ts";
import { sequenceStepsRoutes, sequencesRoutes } from "./rest/nurture/sequences.routes.ts";
import { enrollmentsRoutes } from "./rest/nurture/enrollments.routes.ts";
import { emailMessagesRoutes } from "./rest/nurture/email-messages.routes.ts";
import { suppressionsRoutes } from "./rest/nurture/suppressions.routes.ts";
import { nurtureSettingsRoutes } from "./rest/nurture/nurture-settings.routes.ts";
import { mailStatusRoutes } from "./rest/nurture/mail-status.routes.ts";
import { webhookDeliveriesRoutes, webhookSubscriptionsRoutes } from "./rest/webhooks-out.routes.ts";
import { mailLinkRoutes } from "./public/mail-links.routes.ts";
import { reportsRoutes } from "./reports/reports.routes.ts";
import { dashboardRoutes } from "./reports/dashboard.routes.ts";
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
    const [pg, redis] = await Promise.allSettled([services.db.raw("select 1"), services.queues.connection.ping()]);
    const ok = pg.status === "fulfilled" && redis.status === "fulfilled";
    res.status(ok ? 200 : 503).json({
      status: ok ? "ok" : "degraded",
      postgres: pg.status === "fulfilled",
      redis: redis.status === "fulfilled",
      mail: mailState(services.config),
    });
  });
  countMailWaitingWith(() => mailWaitingEverywhere(services.db, services.config, services.clock.now()));
  app.get("/metrics", async (req, res) => {
    const token = services.config.metricsToken;
    if (token && !safeEqual(req.get("authorization") ?? "", `Bearer ${token}`))
      throw unauthorized("metrics_token_required", "GET /metrics needs the METRICS_TOKEN bearer token");
    res.setHeader("Content-Type", registry.contentType);
    res.send(await registry.metrics());
  });

  const writer = new EventWriter(services.pg, services.queues, log);
  const sources = sourceLookup(services);
  const forms = formRoutes(services, writer, sources);
  // The SMTP listener (server.ts) stores mail through the same writer.
  app.locals.eventWriter = writer;
  app.post("/ingest/leads", ...ingestLeadHandlers(services, writer));
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

  // The console's API, one mount per path. Where one path gathers routers, they run in the order
  // listed: each router's own sub-paths come before the resource's generic /:id.

  // People and the installation
  api.use("/users", resourceRoutes(services, usersResource()));
  api.use("/teams", resourceRoutes(services, teamsResource()));
  api.use("/audit_log", resourceRoutes(services, auditLogResource()));
  api.use("/tenants", tenantsRoutes(services));
  api.use("/queues", queuesRoutes(services));

  // Leads, with what other areas answer about one lead
  api.use(
    "/leads",
    leadBoardRoutes(services), // GET /summary (before /:id, which would take "summary" for an id)
    leadDetailRoutes(services), // /:id/timeline, /:id/trace, /:id/attachments/:attachmentId
    leadScoreRoutes(services), // /:id/score_history, /:id/engagements (scoring)
    leadMergeRoutes(services), // /:id/merges, /:id/merges/undo (dedup)
    leadConversionRoutes(services), // /:id/convert/preview, /:id/convert (CRM)
    privacyRoutes(services), // /:id/export, /:id/erase (GDPR)
    resourceRoutes(services, leadsResource(services)),
  );
  api.use("/activities", resourceRoutes(services, activitiesResource()));

  // Capture: sources, what they sent, imports
  api.use("/partners", partnersRoutes(services, sources, writer));
  api.use("/forms", formsRoutes(services, sources));
  api.use("/inbound_events", inboundEventsRoutes(services));
  api.use("/alerts", resourceRoutes(services, alertsResource()));
  api.use("/imports", importsRoutes(services));
  api.use("/import_templates", importTemplatesRoutes(services));
  api.use("/custom_field_definitions", customFieldRoutes(services));

  // Dedup
  api.use("/duplicate_reviews", duplicateReviewsRoutes(services));
  api.use("/dedup_scans", dedupScansRoutes(services));
  api.use("/dedup", dedupRulesRoutes(services)); // GET/PUT /rules

  // Scoring and assignment
  api.use("/scoring_rules", scoringRulesRoutes(services));
  api.use("/assignment_rules", assignmentRulesRoutes(services));
  api.use("/rules", ruleTestRoutes(services)); // POST /test
  api.use("/scoring_settings", scoringSettingsRoutes(services));
  api.use("/assignment_settings", assignmentSettingsRoutes(services));
  api.use("/rescore_runs", rescoreRunsRoutes(services));
  api.use("/rule_versions", ruleVersionsRoutes(services));

  // CRM
  api.use("/accounts", accountsRoutes(services));
  api.use("/contacts", contactsRoutes(services));
  api.use("/opportunities", opportunityBoardRoutes(services), opportunitiesRoutes(services)); // GET /summary before /:id
  api.use("/pipeline_stages", pipelineStagesRoutes(services));
  api.use("/tasks", tasksRoutes(services));
  api.use("/conversion_rules", conversionRulesRoutes(services));

  // Journey
  api.use("/milestones", milestonesRoutes(services));
  api.use("/engagements", engagementsRoutes(services));
  api.use("/lead_sources", leadSourcesRoutes(services));
  api.use("/campaigns", campaignsRoutes(services));
  api.use("/unit_inventory", unitInventoryRoutes(services));
  api.use("/bookings", bookingsRoutes(services));
  api.use("/ledger_entries", ledgerEntriesRoutes(services));

  // Nurture
  api.use("/sequences", sequencesRoutes(services));
  api.use("/sequence_steps", sequenceStepsRoutes(services));
  api.use("/enrollments", enrollmentsRoutes(services));
  api.use("/email_messages", emailMessagesRoutes(services));
  api.use("/suppressions", suppressionsRoutes(services));
  api.use("/nurture", nurtureSettingsRoutes(services)); // GET/PUT /settings
  api.use("/nurture/mail", mailStatusRoutes(services)); // status, template-variables, caught (the local catcher)

  // Events out
  api.use("/webhook_subscriptions", webhookSubscriptionsRoutes(services));
  api.use("/webhook_deliveries", webhookDeliveriesRoutes(services));

  // Reports
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

import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z, type ZodType } from "zod";
import { canonicalLeadSchema } from "../core/lead/canonical.ts";
import { loginSchema } from "./auth/login.routes.ts";
import { leadWriteSchema } from "./rest/lead-fields.ts";
import { partnerCreateSchema } from "./rest/partners.routes.ts";
import { tenantCreateSchema } from "./rest/tenants.routes.ts";
import { formWriteSchema } from "./rest/forms.resource.ts";
import { leadSummaryFilter, opportunitySummaryFilter } from "../core/crm/board.ts";
import { WEBHOOK_FORMATS } from "./ingest/webhooks.routes.ts";
import { eraseSchema } from "./rest/privacy.routes.ts";

const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
const accepted = z.object({ id: z.uuid() });
const json = (schema: ZodType) => ({ content: { "application/json": { schema } } });
const errors = {
  400: { description: "Malformed request", ...json(errorSchema) },
  401: { description: "Missing or invalid credentials", ...json(errorSchema) },
  404: { description: "Not found", ...json(errorSchema) },
  422: { description: "Failed validation", ...json(errorSchema) },
};

/** Simple-REST resources of the console API: list, one, create, update, soft delete. */
const RESOURCES: { name: string; write?: ZodType; readOnly?: boolean }[] = [
  { name: "leads", write: leadWriteSchema },
  { name: "users" },
  { name: "teams" },
  { name: "partners", write: partnerCreateSchema },
  { name: "inbound_events", readOnly: true },
  { name: "activities" },
  { name: "tenants", write: tenantCreateSchema },
  { name: "forms", write: formWriteSchema },
  { name: "alerts" },
  { name: "scoring_rules" },
  { name: "assignment_rules" },
  { name: "rescore_runs", readOnly: true },
  { name: "rule_versions", readOnly: true },
  { name: "accounts" },
  { name: "contacts" },
  { name: "opportunities" },
  { name: "pipeline_stages" },
  { name: "tasks" },
  { name: "conversion_rules" },
  { name: "webhook_subscriptions" },
  { name: "webhook_deliveries", readOnly: true },
  { name: "custom_field_definitions" },
  { name: "sequences" },
  { name: "sequence_steps", readOnly: true },
  { name: "enrollments" },
  { name: "email_messages", readOnly: true },
  { name: "suppressions" },
  { name: "milestones" },
  { name: "engagements" },
  { name: "campaigns" },
  { name: "lead_sources" },
  { name: "unit_inventory" },
  { name: "bookings" },
  { name: "ledger_entries" },
];

let cached: object | null = null;

/** OpenAPI 3.1, generated from the zod schemas the routes validate with. */
export function openApiDocument(): object {
  if (cached) return cached;
  const reg = new OpenAPIRegistry();
  const bearer = reg.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });
  const secured = [{ [bearer.name]: [] }];

  reg.registerPath({
    method: "post",
    path: "/ingest/leads",
    summary: "Submit one lead in the canonical format (partner API key)",
    security: secured,
    request: {
      headers: z.object({ "Idempotency-Key": z.string().max(255).optional() }),
      body: { required: true, ...json(canonicalLeadSchema) },
    },
    responses: {
      202: { description: "Stored; intake is queued", ...json(accepted) },
      409: { description: "Same Idempotency-Key still in flight", ...json(errorSchema) },
      413: { description: "Body too large", ...json(errorSchema) },
      415: { description: "Not JSON", ...json(errorSchema) },
      ...errors,
    },
  });
  const accepted202 = { 202: { description: "Stored; intake is queued", ...json(accepted) } };
  reg.registerPath({
    method: "post",
    path: "/ingest/webhooks/{partnerId}/{format}",
    summary: "A partner's payload in its vendor's own format",
    description:
      'generic: canonical or flat JSON, form-encoded or XML (partner key, ?key=, or X-Leadhub-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">); ' +
      "google-ads: Google lead form webhook (google_key); typeform: Typeform-Signature; hubspot: forms submission (partner key); " +
      "facebook: Meta leadgen webhook (X-Hub-Signature-256, then fetched from the Graph API); indiamart: IndiaMART push (partner key). " +
      "A vendor's retry (same vendor lead id) or a replayed signed delivery answers 200 with the first id.",
    request: { params: z.object({ partnerId: z.uuid(), format: z.enum(WEBHOOK_FORMATS) }) },
    responses: {
      ...accepted202,
      200: { description: "Already stored (vendor retry or replay); Meta deliveries answer {ids}" },
      413: { description: "Body too large", ...json(errorSchema) },
      ...errors,
    },
  });
  reg.registerPath({
    method: "get",
    path: "/ingest/webhooks/{partnerId}/facebook",
    summary: "Meta's subscription handshake: echoes hub.challenge when hub.verify_token matches",
    request: {
      params: z.object({ partnerId: z.uuid() }),
      query: z.object({ "hub.mode": z.string(), "hub.verify_token": z.string(), "hub.challenge": z.string() }),
    },
    responses: { 200: { description: "The challenge, as text" }, 403: { description: "Wrong verify token", ...json(errorSchema) } },
  });
  reg.registerPath({
    method: "post",
    path: "/ingest/forms/{key}",
    summary: "A web-form submission (form-encoded, multipart or JSON); a browser post is redirected (303), fetch gets JSON",
    request: { params: z.object({ key: z.string() }) },
    responses: {
      ...accepted202,
      303: { description: "To the form's redirect URL or thank-you page" },
      403: { description: "Origin not allowed", ...json(errorSchema) },
      429: { description: "Rate limited (Retry-After)", ...json(errorSchema) },
      ...errors,
    },
  });
  reg.registerPath({
    method: "get",
    path: "/forms/{key}",
    summary: "The hosted form (HTML)",
    request: { params: z.object({ key: z.string() }) },
    responses: { 200: { description: "HTML page" }, 404: { description: "Unknown form" } },
  });
  reg.registerPath({
    method: "post",
    path: "/ingest/email",
    summary: "A raw RFC 5322 message (Content-Type: message/rfc822, partner key)",
    security: secured,
    responses: { ...accepted202, 415: { description: "Not message/rfc822", ...json(errorSchema) }, ...errors },
  });
  for (const [method, path, summary] of [
    ["post", "/api/partners/{id}/rotate", "New API key and signing secret, shown once; the old key is revoked"],
    ["post", "/api/partners/{id}/test", "Send a sample payload of a format ({format}) through intake"],
    ["get", "/api/partners/{id}/health", "Deliveries per hour, outcome rates, schema drift, open alerts"],
    ["get", "/api/forms/{id}/health", "Submissions per hour, outcome rates, schema drift, open alerts"],
    ["get", "/api/forms/{id}/embed", "Hosted URL and a copy-paste embed snippet"],
    ["get", "/api/inbound_events/{id}/raw", "The message or body exactly as it arrived"],
    ["post", "/api/inbound_events/{id}/replay", "Run a failed event through intake again"],
  ] as const) {
    reg.registerPath({
      method,
      path,
      summary,
      security: secured,
      request: { params: z.object({ id: z.uuid() }) },
      responses: { 200: { description: "OK" }, ...errors },
    });
  }
  reg.registerPath({
    method: "post",
    path: "/api/auth/login",
    summary: "Log in; answers a JWT for the other /api calls",
    request: { body: { required: true, ...json(loginSchema) } },
    responses: {
      200: { description: "Token", ...json(z.object({ token: z.string(), user: z.record(z.string(), z.unknown()) })) },
      429: { description: "Too many failed logins for this email from this address (Retry-After)", ...json(errorSchema) },
      ...errors,
    },
  });
  reg.registerPath({
    method: "get",
    path: "/api/auth/me",
    summary: "The logged-in user",
    security: secured,
    responses: { 200: { description: "User" }, ...errors },
  });
  reg.registerPath({
    method: "get",
    path: "/healthz",
    summary: "200 once PostgreSQL and Redis answer",
    responses: { 200: { description: "Healthy" }, 503: { description: "A dependency is down" } },
  });
  reg.registerPath({
    method: "get",
    path: "/metrics",
    summary: "Prometheus metrics",
    responses: { 200: { description: "Metrics in text format" } },
  });
  reg.registerPath({
    method: "get",
    path: "/api/queues",
    summary: "Queue depths",
    security: secured,
    responses: {
      200: {
        description: "Queues",
        ...json(
          z.array(
            z.object({
              name: z.string(),
              waiting: z.number(),
              active: z.number(),
              delayed: z.number(),
              failed: z.number(),
              completed: z.number(),
            }),
          ),
        ),
      },
    },
  });
  reg.registerPath({
    method: "get",
    path: "/api/reports/dashboard",
    summary:
      "The KPIs (total_leads, new_leads, qualified_leads, converted_leads, conversion_rate, active_customers, total_bookings, booked_amount, outstanding_balance, engagement_this_month, pending_follow_ups), each with a link to its records, and the dashboard's counts",
    security: secured,
    responses: { 200: { description: "KPIs" } },
  });
  // Scoring and assignment (docs/scoring-and-assignment.md): conditions are {"all"|"any": [...]} of {field, op, value}, nestable.
  for (const [method, path, summary] of [
    ["put", "/api/scoring_rules/set", "Publish a whole scoring rule set ({rules}) as one new version; starts a re-score"],
    ["put", "/api/assignment_rules/set", "Publish a whole assignment rule set ({rules}, in priority order) as one new version"],
    ["post", "/api/scoring_rules/reorder", "Display order of the scoring rules ({ids})"],
    ["post", "/api/assignment_rules/reorder", "Priority order of the assignment rules ({ids}); a new version"],
    ["post", "/api/scoring_rules/dry_run", "Scores a (draft) rule set ({rules?, limit?}) would give the last N leads, without writing"],
    ["post", "/api/assignment_rules/dry_run", "Owners a (draft) rule set ({rules?, limit?}) would give the last N leads, without writing"],
    ["post", "/api/rules/test", "A condition ({condition, lead_id}) on one lead, with each check's verdict"],
    ["get", "/api/scoring_settings", "Behaviour points and decay"],
    ["put", "/api/scoring_settings", "Change behaviour points and decay (admin)"],
    ["get", "/api/assignment_settings", "The fallback owner"],
    ["put", "/api/assignment_settings", "Change the fallback owner (admin)"],
    ["post", "/api/rescore_runs", "Re-score every lead now; the run's row is its progress"],
    ["get", "/api/leads/{id}/convert/preview", "What converting the lead would create or match (account, contact, opportunity)"],
    [
      "post",
      "/api/leads/{id}/convert",
      "Convert into account + contact + opportunity, exactly once: {account_id, contact_id, opportunity_id} (201, then 200 with the same ids)",
    ],
    ["post", "/api/auth/logout", "End this session: its token stops working at once"],
    ["post", "/api/auth/logout-all", "Sign out everywhere: end every session of the signed-in user"],
    ["post", "/api/users/{id}/sessions/revoke", "End all of a user's sessions (admin; audited)"],
    ["post", "/api/webhook_deliveries/{id}/replay", "Send a delivery again (202)"],
    ["post", "/api/webhook_deliveries/{id}/cancel", "Cancel a pending delivery: it is never sent (admin, manager)"],
    [
      "get",
      "/api/accounts/{id}/timeline",
      "The account's story: its, its contacts' and deals' activities, tasks, stage moves, and its leads' submissions, emails and scores",
    ],
    ["get", "/api/contacts/{id}/timeline", "The contact's story, as an account's"],
    ["get", "/api/opportunities/{id}/timeline", "The deal's story, as an account's"],
    // Nurture (docs/nurture.md).
    [
      "get",
      "/api/sequences/{id}/stats",
      "A sequence's numbers (?from=&to=): enrolled, active, sent, opened, clicked, replied, unsubscribed, converted; per step and per day",
    ],
    [
      "post",
      "/api/sequences/{id}/enroll",
      "Enrol leads ({lead_ids} or {filter} as the leads list takes it): {matched, enrolled, skipped, skipped_by_reason}",
    ],
    [
      "post",
      "/api/sequences/preview",
      "An email step ({subject, body_text, body_html, lead_id}) rendered with that lead: {subject, text, html}; for those who may write sequences",
    ],
    ["post", "/api/enrollments/{id}/exit", 'Stop an enrolment (exit_reason manual); PUT {status: "exited"} does the same'],
    ["post", "/api/email_messages/{id}/reconcile", "Settle a send whose outcome is unknown ({outcome: sent|not_sent})"],
    ["get", "/api/nurture/settings", "Quiet hours, send rate, consent, tracking, sender and footer"],
    ["put", "/api/nurture/settings", "Change them (admin)"],
    [
      "get",
      "/api/nurture/mail/status",
      "Whether mail can go out ({state: configured|not_configured|catcher}) and the drip emails waiting for it ({waiting})",
    ],
    [
      "get",
      "/api/nurture/mail/template-variables",
      "The variables a template may name (lead.*, owner.*, company.*, sender.*, unsubscribe_url)",
    ],
    ["get", "/api/nurture/mail/caught", "Messages the local mail catcher kept (admin; 404 mail_catcher_off unless `npm start` runs it)"],
    // Reports (docs/journey.md): each takes from/to (dates), owner_id, source, campaign where they apply, and ?format=csv.
    [
      "get",
      "/api/reports/funnel",
      "Leads per month by stage (new, contacted, qualified, negotiation, converted, lost), stage-to-stage conversion and leaks",
    ],
    [
      "get",
      "/api/reports/source-performance",
      "Per source and subsource: leads, qualified, converted, conversion rate, cost per lead and per conversion",
    ],
    ["get", "/api/reports/campaign-performance", "Per campaign: leads, conversions, bookings, booked amount, budget, cost per lead, ROI"],
    ["get", "/api/reports/bookings", "Bookings by status with amounts and averages; units available per project and unit type"],
    ["get", "/api/reports/engagement-stats", "Engagements by type and channel with response rates"],
    [
      "get",
      "/api/reports/ledger/{accountId}",
      "An account's statement: running balance, outstanding, collection %, and the stored balance checked against the sum",
    ],
    [
      "get",
      "/api/reports/milestone-timeline/{leadId}",
      "A lead's journey: milestones, engagements and bookings in order, days to convert, engagement points, value",
    ],
  ] as const) {
    reg.registerPath({ method, path, summary, security: secured, responses: { 200: { description: "OK" }, ...errors } });
  }
  // What our mail links to: no login.
  for (const [method, path, summary] of [
    ["get", "/u/{token}", "The unsubscribe page (a link scanner's GET changes nothing)"],
    ["post", "/u/{token}", "Unsubscribe: RFC 8058 one-click (List-Unsubscribe=One-Click) or the page's button; 200, never a redirect"],
    ["get", "/t/o/{token}", "Open pixel (a 1×1 GIF)"],
    ["get", "/t/c/{token}", "Click redirect (?url=&s=): 302 to the URL signed into that mail, else 404"],
  ] as const) {
    reg.registerPath({ method, path, summary, responses: { 200: { description: "OK" }, 404: { description: "Not a link we made" } } });
  }
  // The boards' column headers: exact counts and sums however few cards a column has loaded.
  for (const [path, group, sum, filter] of [
    ["/api/opportunities/summary", "stage_id", "value", opportunitySummaryFilter],
    ["/api/leads/summary", "status", "budget", leadSummaryFilter],
  ] as const) {
    reg.registerPath({
      method: "get",
      path,
      summary: `Count and sum of ${sum} per ${group} (one row per ${group} that has any), with the list's filter; a rep counts their own only`,
      security: secured,
      request: {
        query: z.object({
          filter: z
            .string()
            .optional()
            .describe(
              `JSON {${filter
                .keyof()
                .options.map((k) => `"${k}"`)
                .join(", ")}}: a value, a list, or null`,
            ),
        }),
      },
      responses: {
        200: {
          description: "One row per column",
          ...json(z.array(z.object({ [group]: z.string(), count: z.number().int(), [sum]: z.number() }))),
        },
        ...errors,
      },
    });
  }
  // GDPR (docs/privacy.md): the person behind a lead, with the leads merged into it.
  reg.registerPath({
    method: "get",
    path: "/api/leads/{id}/export",
    summary:
      "Everything held about the person (admin, manager): lead, merged leads, submissions, inbound events, timeline, tasks, milestones, engagements, mail, enrolments, scores, consents, suppressions, files (described), contacts, deals, accounts, bookings, ledger entries",
    security: secured,
    request: { params: z.object({ id: z.uuid() }) },
    responses: {
      200: { description: "One JSON document (Content-Disposition: attachment)" },
      403: { description: "Not an admin or manager", ...json(errorSchema) },
      ...errors,
    },
  });
  reg.registerPath({
    method: "post",
    path: "/api/leads/{id}/erase",
    summary:
      "Erase the person (admin): personal data scrubbed everywhere, the lead kept anonymised for the reports, email and phone kept only as hashes in suppressions so they are never mailed again; audit-logged; idempotent",
    security: secured,
    request: { params: z.object({ id: z.uuid() }), body: { required: false, ...json(eraseSchema) } },
    responses: {
      200: {
        description: "Erased",
        ...json(
          z.object({
            id: z.uuid(),
            erased: z.literal(true),
            leads: z.number().int(),
            suppressed: z.object({ emails: z.number().int(), phones: z.number().int() }),
            exitedEnrollments: z.number().int(),
          }),
        ),
      },
      403: { description: "Not an admin", ...json(errorSchema) },
      ...errors,
    },
  });
  reg.registerPath({
    method: "get",
    path: "/api/leads/{id}/score_history",
    summary: "Every score change of a lead with its cause, newest first",
    security: secured,
    request: { params: z.object({ id: z.uuid() }) },
    responses: { 200: { description: "Entries" }, ...errors },
  });
  reg.registerPath({
    method: "post",
    path: "/api/leads/{id}/engagements",
    summary:
      "Record an engagement ({type: email_opened|link_clicked|email_replied|form_resubmitted|meeting|site_visit|demo}); its behaviour points follow",
    security: secured,
    request: { params: z.object({ id: z.uuid() }) },
    responses: { 201: { description: "Engagement" }, ...errors },
  });
  for (const sub of ["timeline", "trace"]) {
    reg.registerPath({
      method: "get",
      path: `/api/leads/{id}/${sub}`,
      summary: sub === "timeline" ? "A lead's timeline, newest first" : "Every job that touched the lead",
      security: secured,
      request: { params: z.object({ id: z.uuid() }) },
      responses: { 200: { description: "Entries" }, ...errors },
    });
  }

  const listQuery = z.object({
    sort: z.string().optional().describe('JSON ["field","ASC"|"DESC"]'),
    range: z.string().optional().describe("JSON [start, end], inclusive"),
    filter: z.string().optional().describe('JSON {"q": "...", "<field>": value, "<field>_gte": value}'),
  });
  for (const res of RESOURCES) {
    const id = { params: z.object({ id: z.uuid() }) };
    reg.registerPath({
      method: "get",
      path: `/api/${res.name}`,
      summary: `List ${res.name} (Content-Range: ${res.name} start-end/total)`,
      security: secured,
      request: { query: listQuery },
      responses: { 200: { description: "Page of records" }, ...errors },
    });
    reg.registerPath({
      method: "get",
      path: `/api/${res.name}/{id}`,
      summary: `One of ${res.name}`,
      security: secured,
      request: id,
      responses: { 200: { description: "Record" }, ...errors },
    });
    if (res.readOnly) continue;
    const body = res.write ? { body: { required: true, ...json(res.write) } } : {};
    reg.registerPath({
      method: "post",
      path: `/api/${res.name}`,
      summary: `Create one of ${res.name}`,
      security: secured,
      request: body,
      responses: { 201: { description: "Created" }, ...errors },
    });
    reg.registerPath({
      method: "put",
      path: `/api/${res.name}/{id}`,
      summary: `Update one of ${res.name}`,
      security: secured,
      request: { ...id, ...body },
      responses: { 200: { description: "Updated" }, ...errors },
    });
    reg.registerPath({
      method: "delete",
      path: `/api/${res.name}/{id}`,
      summary: `Soft-delete one of ${res.name}`,
      security: secured,
      request: id,
      responses: { 200: { description: "Deleted record" }, ...errors },
    });
  }

  cached = new OpenApiGeneratorV31(reg.definitions).generateDocument({
    openapi: "3.1.0",
    info: { title: "leadhub API", version: "0.1.0", description: "Lead ingestion (/ingest) and the console's REST API (/api)." },
  });
  return cached;
}

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startStack, type Stack } from "../support/stack.ts";
import { listRoutes, pathWith, type RouteMethod } from "../support/routes.ts";
import { createRecords, tenantFingerprint, type Records } from "../support/tenant-records.ts";
import { tag } from "../support/json-api.ts";
import { createApp } from "../../api/app.ts";

/**
 * Promise 6, the cross-tenant matrix: every route × method the router has, called with tenant A's
 * credentials and tenant B's ids, answers 404 (or 403 where a role guards it first), and no answer
 * to A holds anything of B's. The table below says how each route is exercised; a route the router
 * has and the table lacks (a new route) fails the test, and so does a table row for a route gone.
 */

type Make<T> = (b: Records) => T;
type Entry =
  /** Not under a tenant's login: who may call it is decided by a key, token or signature in the request. */
  | { public: string }
  /** Called with B's ids (in the path, else in the body): refused with this status and code. */
  | { status: 403 | 404 | 405 | 422; code?: string; body?: Make<unknown>; ids?: Record<string, string>; methods?: string[]; note?: string }
  /** A list, board or report: narrowed to B's records, it must answer nothing of B's. */
  | { list: Make<string>; empty?: boolean }
  /** Takes no id of anyone's: called as A, it must answer below 500 and show nothing of B's. */
  | { noId: string; body?: Make<unknown> };

const NOT_FOUND = { status: 404 } as const;
const nf = (body: Make<unknown>): Entry => ({ status: 404, body });
const refused = (code: string, body: Make<unknown>): Entry => ({ status: 422, code, body });
const PLATFORM = { status: 403, note: "tenants belong to the installation: only a platform admin" } as const;
const byId = (kind?: string): Entry => ({
  list: (b) => `filter=${encodeURIComponent(JSON.stringify({ id: b[kind ?? ""] }))}`,
  empty: true,
});
/** A resource list and its CSV export, narrowed to B's record by id. */
const listed = (kind: string): Record<string, Entry> => ({ [`GET /api/${kind}`]: byId(kind), [`GET /api/${kind}/export.csv`]: byId(kind) });
/** The resource routes on one record. */
const oneRecord = (kind: string, verbs: ("GET" | "PUT" | "DELETE")[], put: Make<unknown> = () => ({})): Record<string, Entry> =>
  Object.fromEntries(verbs.map((v) => [`${v} /api/${kind}/:id`, v === "PUT" ? nf(put) : NOT_FOUND]));
const ingest = "ingestion: the sender is named by its API key, form key or HMAC signature, never by a login (promise 5 attacks these)";
const never = { all: [{ field: "source", op: "eq", value: "never" }] };
const campaign = (b: Records) => `filter=${encodeURIComponent(JSON.stringify({ campaign: b.marker }))}`;
const report = (b: Records) => `campaign=${encodeURIComponent(b.marker)}&from=2000-01-01`;

const MATRIX: Record<string, Entry> = {
  "GET /healthz": { public: "liveness: PostgreSQL and Redis answer, nothing of any tenant" },
  "GET /metrics": { public: "process metrics for the scraper: counters by route and queue, no tenant data" },
  "POST /ingest/leads": { public: ingest },
  "POST /ingest/email": { public: ingest },
  "GET /ingest/webhooks/:partnerId/:format": { public: `${ingest}; GET is the vendor's verification handshake` },
  "POST /ingest/webhooks/:partnerId/:format": { public: ingest },
  "OPTIONS /ingest/forms/:key": { public: "CORS preflight of a public form" },
  "POST /ingest/forms/:key": { public: ingest },
  "GET /forms/:key": { public: "the hosted form page, named by its unguessable public key" },
  "GET /forms/:key/thanks": { public: "the hosted form's thank-you page" },
  "GET /u/:token": { public: "unsubscribe page, named by a signed mail token (promise 10)" },
  "POST /u/:token": { public: "one-click unsubscribe (RFC 8058), named by a signed mail token (promise 10)" },
  "GET /t/o/:token": { public: "open-tracking pixel, signed mail token" },
  "GET /t/c/:token": { public: "click redirect, signed mail token" },
  "POST /api/auth/login": { public: "login itself" },
  "GET /api/openapi.json": { public: "the API's description, the same for everyone" },
  "GET regexp:^\\/(?!api\\/|ingest\\/).*": { public: "the console's index.html (only when the console is built)" },

  "GET /api/auth/me": { noId: "the caller's own user" },
  // Called here they would end the attacker's token mid-run; they take no id (token-lifecycle.test.ts covers them).
  "POST /api/auth/logout": { public: "ends the caller's own session, named by its token; no id of anyone's" },
  "POST /api/auth/logout-all": { public: "ends the caller's own sessions, named by its token; no id of anyone's" },
  "GET /api/queues": { noId: "installation-wide queue depths (counts only, no records)" },

  // ---- leads and what hangs off one lead ----
  ...listed("leads"),
  ...oneRecord("leads", ["GET", "PUT", "DELETE"]),
  "POST /api/leads": refused("invalid_reference", (b) => ({ email: `cross-${tag()}@a.test`, owner_id: b.users })),
  "GET /api/leads/summary": { list: campaign, empty: true },
  "GET /api/leads/:id/timeline": NOT_FOUND,
  "GET /api/leads/:id/trace": NOT_FOUND,
  "GET /api/leads/:id/attachments/:attachmentId": NOT_FOUND,
  "GET /api/leads/:id/merges": NOT_FOUND,
  "POST /api/leads/:id/merges/undo": NOT_FOUND,
  "GET /api/leads/:id/score_history": NOT_FOUND,
  "POST /api/leads/:id/engagements": nf(() => ({ type: "site_visit" })),
  "GET /api/leads/:id/convert/preview": NOT_FOUND,
  "POST /api/leads/:id/convert": NOT_FOUND,
  "GET /api/leads/:id/export": NOT_FOUND,
  "POST /api/leads/:id/erase": NOT_FOUND,
  ...listed("activities"),
  ...oneRecord("activities", ["GET", "PUT", "DELETE"]),
  "POST /api/activities": nf((b) => ({ record_type: "lead", record_id: b.leads, type: "note", title: "cross" })),
  ...listed("inbound_events"),
  ...oneRecord("inbound_events", ["GET"]),
  "GET /api/inbound_events/:id/raw": NOT_FOUND,
  "POST /api/inbound_events/:id/replay": NOT_FOUND,

  // ---- dedup ----
  ...listed("duplicate_reviews"),
  ...oneRecord("duplicate_reviews", ["GET"]),
  "GET /api/duplicate_reviews/:id/comparison": NOT_FOUND,
  "POST /api/duplicate_reviews/:id/merge": NOT_FOUND,
  "POST /api/duplicate_reviews/:id/dismiss": NOT_FOUND,
  ...listed("dedup_scans"),
  ...oneRecord("dedup_scans", ["GET"]),
  "POST /api/dedup_scans": { noId: "scans the caller's tenant", body: () => ({ auto_merge: "no" }) },
  "GET /api/dedup/rules": { noId: "the caller's tenant's settings" },
  "PUT /api/dedup/rules": { noId: "the caller's tenant's settings", body: () => ({ autoMergeAt: 2 }) },

  // ---- scoring and assignment ----
  ...listed("scoring_rules"),
  ...oneRecord("scoring_rules", ["GET", "PUT", "DELETE"]),
  "POST /api/scoring_rules": { noId: "a rule of the caller's tenant", body: () => ({ name: "" }) },
  "PUT /api/scoring_rules/set": refused("rules_unknown_rule", (b) => ({
    rules: [{ id: b.scoring_rules, name: "cross", condition: never, points: 1 }],
  })),
  "POST /api/scoring_rules/reorder": refused("rules_unknown_rule", (b) => ({ ids: [b.scoring_rules] })),
  "POST /api/scoring_rules/dry_run": { noId: "scores the caller's own recent leads", body: () => ({ limit: 5 }) },
  ...listed("assignment_rules"),
  ...oneRecord("assignment_rules", ["GET", "PUT", "DELETE"]),
  "POST /api/assignment_rules": refused("assignment_unknown_user", (b) => ({ name: "cross", condition: never, target_user_id: b.users })),
  "PUT /api/assignment_rules/set": refused("assignment_unknown_user", (b) => ({
    rules: [{ id: b.assignment_rules, name: "cross", condition: never, target_user_id: b.users }],
  })),
  "POST /api/assignment_rules/reorder": refused("rules_unknown_rule", (b) => ({ ids: [b.assignment_rules] })),
  "POST /api/assignment_rules/dry_run": { noId: "routes the caller's own recent leads", body: () => ({ limit: 5 }) },
  "POST /api/rules/test": nf((b) => ({ condition: never, lead_id: b.leads })),
  "GET /api/scoring_settings": { noId: "the caller's tenant's settings" },
  "PUT /api/scoring_settings": { noId: "the caller's tenant's settings", body: () => ({ decay: "x" }) },
  "GET /api/assignment_settings": { noId: "the caller's tenant's settings" },
  "PUT /api/assignment_settings": refused("assignment_unknown_user", (b) => ({ fallback_user_id: b.users })),
  ...listed("rescore_runs"),
  ...oneRecord("rescore_runs", ["GET"]),
  "POST /api/rescore_runs": { noId: "re-scores the caller's tenant", body: () => ({}) },
  ...listed("rule_versions"),
  ...oneRecord("rule_versions", ["GET"]),

  // ---- CRM ----
  ...listed("accounts"),
  ...oneRecord("accounts", ["GET", "PUT", "DELETE"]),
  "POST /api/accounts": refused("invalid_reference", (b) => ({ name: "cross", owner_id: b.users })),
  "GET /api/accounts/:id/timeline": NOT_FOUND,
  ...listed("contacts"),
  ...oneRecord("contacts", ["GET", "PUT", "DELETE"]),
  "POST /api/contacts": refused("invalid_reference", (b) => ({ first_name: "cross", account_id: b.accounts })),
  "GET /api/contacts/:id/timeline": NOT_FOUND,
  ...listed("opportunities"),
  ...oneRecord("opportunities", ["GET", "PUT", "DELETE"]),
  "POST /api/opportunities": refused("invalid_reference", (b) => ({
    name: "cross",
    account_id: b.accounts,
    primary_contact_id: b.contacts,
  })),
  "GET /api/opportunities/:id/timeline": NOT_FOUND,
  "GET /api/opportunities/summary": {
    list: (b) => `filter=${encodeURIComponent(JSON.stringify({ account_id: b.accounts }))}`,
    empty: true,
  },
  ...listed("pipeline_stages"),
  ...oneRecord("pipeline_stages", ["GET", "PUT", "DELETE"]),
  "POST /api/pipeline_stages": refused("invalid_reference", (b) => ({ name: "cross", allowed_next: [b.pipeline_stages] })),
  ...listed("tasks"),
  ...oneRecord("tasks", ["GET", "PUT", "DELETE"]),
  "POST /api/tasks": refused("invalid_reference", (b) => ({ title: "cross", record_type: "lead", record_id: b.leads })),
  ...listed("conversion_rules"),
  ...oneRecord("conversion_rules", ["GET", "PUT", "DELETE"]),
  "POST /api/conversion_rules": { noId: "a rule of the caller's tenant", body: () => ({ name: "" }) },
  ...listed("custom_field_definitions"),
  ...oneRecord("custom_field_definitions", ["GET", "PUT", "DELETE"]),
  "POST /api/custom_field_definitions": { noId: "a field of the caller's tenant", body: () => ({ name: "" }) },

  // ---- journey ----
  ...listed("milestones"),
  ...oneRecord("milestones", ["GET", "PUT", "DELETE"]),
  "POST /api/milestones": refused("milestone_unknown_lead", (b) => ({ lead_id: b.leads, kind: "site_visit" })),
  ...listed("engagements"),
  ...oneRecord("engagements", ["GET", "PUT", "DELETE"]),
  "POST /api/engagements": refused("engagement_unknown_lead", (b) => ({ lead_id: b.leads, type: "call_made" })),
  ...listed("lead_sources"),
  ...oneRecord("lead_sources", ["GET", "PUT", "DELETE"]),
  "POST /api/lead_sources": { noId: "a source of the caller's tenant", body: () => ({ name: "" }) },
  ...listed("campaigns"),
  ...oneRecord("campaigns", ["GET", "PUT", "DELETE"]),
  "POST /api/campaigns": refused("campaign_unknown_lead_source", (b) => ({
    name: "cross",
    code: `cross-${tag()}`,
    lead_source_id: b.lead_sources,
  })),
  ...listed("unit_inventory"),
  ...oneRecord("unit_inventory", ["GET", "PUT", "DELETE"]),
  "POST /api/unit_inventory": { noId: "stock of the caller's tenant", body: () => ({ project: "" }) },
  ...listed("bookings"),
  ...oneRecord("bookings", ["GET", "PUT", "DELETE"]),
  "POST /api/bookings": refused("booking_unknown_lead", (b) => ({
    lead_id: b.leads,
    unit_inventory_id: b.unit_inventory,
    units: 1,
    amount: 1,
  })),
  ...listed("ledger_entries"),
  ...oneRecord("ledger_entries", ["GET"]),
  "POST /api/ledger_entries": refused("ledger_unknown_account", (b) => ({ account_id: b.accounts, type: "payment", amount: 1 })),
  "ALL /api/ledger_entries/:id": {
    status: 405,
    code: "ledger_append_only",
    methods: ["PUT", "DELETE", "PATCH"],
    note: "append-only for everyone: answered before any row is read",
  },

  // ---- nurture ----
  ...listed("sequences"),
  ...oneRecord("sequences", ["GET", "PUT", "DELETE"]),
  "POST /api/sequences": { noId: "a sequence of the caller's tenant", body: () => ({ name: "" }) },
  "POST /api/sequences/preview": nf((b) => ({ subject: "Hi", body_text: "x", lead_id: b.leads })),
  "GET /api/sequences/:id/stats": NOT_FOUND,
  "POST /api/sequences/:id/enroll": nf((b) => ({ lead_ids: [b.leads] })),
  ...listed("sequence_steps"),
  ...oneRecord("sequence_steps", ["GET"]),
  ...listed("enrollments"),
  ...oneRecord("enrollments", ["GET", "PUT"], () => ({ status: "exited" })),
  "POST /api/enrollments": nf((b) => ({ lead_id: b.leads, sequence_id: b.sequences })),
  "POST /api/enrollments/:id/exit": NOT_FOUND,
  ...listed("email_messages"),
  ...oneRecord("email_messages", ["GET"]),
  "POST /api/email_messages/:id/reconcile": nf(() => ({ outcome: "sent" })),
  ...listed("suppressions"),
  ...oneRecord("suppressions", ["GET", "DELETE"]),
  "POST /api/suppressions": { noId: "suppresses an address for the caller's tenant only", body: () => ({ email: "not-an-email" }) },
  "GET /api/nurture/settings": { noId: "the caller's tenant's settings" },
  "PUT /api/nurture/settings": { noId: "the caller's tenant's settings", body: () => ({ daily_limit: -1 }) },
  "GET /api/nurture/mail/status": { noId: "the caller's tenant's waiting emails (a count)" },
  "GET /api/nurture/mail/template-variables": { noId: "the same list for every tenant" },
  "GET /api/nurture/mail/caught": { noId: "the local catcher of `npm start`: one process, one installation, off elsewhere" },

  // ---- capture sources, events out, imports ----
  ...listed("partners"),
  ...oneRecord("partners", ["GET", "PUT", "DELETE"]),
  "POST /api/partners": { noId: "a partner of the caller's tenant", body: () => ({ name: "" }) },
  "GET /api/partners/:id/health": NOT_FOUND,
  "POST /api/partners/:id/rotate": NOT_FOUND,
  "POST /api/partners/:id/test": NOT_FOUND,
  ...listed("forms"),
  ...oneRecord("forms", ["GET", "PUT", "DELETE"]),
  "POST /api/forms": refused("invalid_reference", (b) => ({ name: "cross", sequence_id: b.sequences })),
  "GET /api/forms/:id/health": NOT_FOUND,
  "GET /api/forms/:id/embed": NOT_FOUND,
  ...listed("alerts"),
  ...oneRecord("alerts", ["GET", "PUT"], () => ({ resolved_at: null })),
  ...listed("webhook_subscriptions"),
  ...oneRecord("webhook_subscriptions", ["GET", "PUT", "DELETE"]),
  "POST /api/webhook_subscriptions": { noId: "a subscription of the caller's tenant", body: () => ({ url: "ftp://x" }) },
  ...listed("webhook_deliveries"),
  ...oneRecord("webhook_deliveries", ["GET"]),
  "POST /api/webhook_deliveries/:id/replay": NOT_FOUND,
  "POST /api/webhook_deliveries/:id/cancel": NOT_FOUND,
  ...listed("imports"),
  ...oneRecord("imports", ["GET"]),
  "POST /api/imports": { noId: "an upload into the caller's tenant (multipart; owner checked: import.invalid_defaults)", body: () => ({}) },
  "POST /api/imports/:id/start": NOT_FOUND,
  "POST /api/imports/:id/pause": NOT_FOUND,
  "POST /api/imports/:id/resume": NOT_FOUND,
  "POST /api/imports/:id/cancel": NOT_FOUND,
  "GET /api/imports/:id/errors.csv": NOT_FOUND,
  ...listed("import_templates"),
  ...oneRecord("import_templates", ["GET", "PUT", "DELETE"]),
  "POST /api/import_templates": { noId: "a template of the caller's tenant", body: () => ({ name: "" }) },

  // ---- people ----
  ...listed("audit_log"),
  ...oneRecord("audit_log", ["GET"]),
  ...listed("users"),
  ...oneRecord("users", ["GET", "PUT", "DELETE"]),
  "POST /api/users/:id/sessions/revoke": NOT_FOUND,
  "POST /api/users": refused("invalid_reference", (b) => ({
    email: `cross-${tag()}@a.test`,
    name: "Cross",
    password: "cross-pass-1",
    role: "rep",
    team_id: b.teams,
  })),
  ...listed("teams"),
  ...oneRecord("teams", ["GET", "PUT", "DELETE"]),
  "POST /api/teams": refused("invalid_reference", (b) => ({ name: "cross", manager_id: b.users })),
  "GET /api/tenants": PLATFORM,
  "GET /api/tenants/export.csv": PLATFORM,
  "GET /api/tenants/:id": PLATFORM,
  "POST /api/tenants": PLATFORM,

  // ---- reports ----
  "GET /api/reports/dashboard": { noId: "the caller's tenant's figures" },
  "GET /api/reports/funnel": { list: report },
  "GET /api/reports/source-performance": { list: report },
  "GET /api/reports/campaign-performance": { list: report },
  "GET /api/reports/bookings": { list: report },
  "GET /api/reports/engagement-stats": { list: report },
  "GET /api/reports/ledger/:accountId": NOT_FOUND,
  "GET /api/reports/milestone-timeline/:leadId": NOT_FOUND,
};

interface Outcome {
  key: string;
  method: string;
  url: string;
  /** What A sent: an error message may name an id A itself gave (the status says it was refused). */
  sent: string;
  status: number;
  text: string;
}

/** Hundreds of calls each: seconds on a quiet machine, but CI shares its cores. */
const MATRIX_TIMEOUT = 120_000;

let a: Stack;
let b: Stack;
let bRecords: Records;
let routes: RouteMethod[];
let attacker: string;
const dataDir = mkdtempSync(join(tmpdir(), "leadhub-matrix-"));

beforeAll(async () => {
  const env = { LEADHUB_DATA_DIR: dataDir };
  [a, b] = await Promise.all([startStack({ env }), startStack({ env })]);
  const marker = `tb${tag()}`;
  bRecords = { ...(await createRecords(b, marker)), marker };
  routes = listRoutes(createApp(a.services));
  // Tenant A's admin, not a platform admin (the stack's first admin is one: see the last test).
  const email = `plain-admin-${tag()}@a.test`;
  expect(
    (await a.api("/users", { method: "POST", json: { email, name: "Plain Admin", password: "plain-admin-1", role: "admin" } })).status,
  ).toBe(201);
  const login = await fetch(`${a.baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "plain-admin-1" }),
  });
  attacker = (await login.json()).token;
}, MATRIX_TIMEOUT);
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
});

/** Every value of B's that must never reach A: its record ids and the marker in every name. */
// A short numeric id (the audit log's) would be found inside any timestamp: only uuids are searched for.
const secrets = () => [
  bRecords.marker,
  ...Object.entries(bRecords)
    .filter(([k, v]) => k !== "marker" && v.length >= 32)
    .map(([, v]) => v),
];

async function call(token: string, route: RouteMethod, entry: Entry): Promise<Outcome[]> {
  if ("public" in entry) return [];
  const methods = "methods" in entry && entry.methods ? entry.methods : [route.method];
  const out: Outcome[] = [];
  for (const method of methods) {
    let url = pathWith(route, bRecords, "ids" in entry ? entry.ids : undefined);
    if ("list" in entry) url += `?${entry.list(bRecords)}`;
    const body = "body" in entry && entry.body ? entry.body(bRecords) : method === "GET" || method === "DELETE" ? undefined : {};
    const res = await fetch(`${a.baseUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    out.push({ key: route.key, method, url, sent: `${url} ${JSON.stringify(body ?? null)}`, status: res.status, text: await res.text() });
  }
  return out;
}

/** What is wrong with one answer, or null. */
function verdict(entry: Entry, o: Outcome): string | null {
  if (o.status >= 500) return `${o.status} ${o.text.slice(0, 200)}`;
  const leaked = secrets().find((s) => o.text.includes(s) && (s === bRecords.marker || !o.sent.includes(s)));
  if (leaked) return `answer holds tenant B's ${leaked === bRecords.marker ? "data" : `id ${leaked}`}: ${o.text.slice(0, 200)}`;
  if ("status" in entry) {
    const code = entry.code ?? (entry.status === 404 ? "not_found" : entry.status === 403 ? "forbidden" : undefined);
    let got: string | undefined;
    try {
      got = JSON.parse(o.text)?.error?.code;
    } catch {
      got = undefined;
    }
    if (o.status !== entry.status || got !== code)
      return `expected ${entry.status} ${code}, got ${o.status} ${got ?? o.text.slice(0, 120)}`;
  }
  if ("list" in entry) {
    if (o.status !== 200) return `expected 200, got ${o.status} ${o.text.slice(0, 120)}`;
    if (entry.empty) {
      const csv = o.text.trim().split("\n").length <= 1;
      const empty = o.text.trim().startsWith("[") ? JSON.parse(o.text).length === 0 : csv;
      if (!empty) return `expected nothing, got ${o.text.slice(0, 200)}`;
    }
  }
  return null;
}

async function runMatrix(token: string, skip: (key: string, entry: Entry) => boolean = () => false) {
  const outcomes: { entry: Entry; o: Outcome }[] = [];
  // A few at a time: the answers do not depend on each other when isolation holds.
  const queue = routes.filter((r) => MATRIX[r.key] && !skip(r.key, MATRIX[r.key]));
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      for (let r = queue.shift(); r; r = queue.shift()) {
        const entry = MATRIX[r.key];
        for (const o of await call(token, r, entry)) outcomes.push({ entry, o });
      }
    }),
  );
  return outcomes;
}

describe("cross-tenant matrix", () => {
  it("when the router is enumerated, then every route × method is in the matrix and every matrix row is a route", () => {
    const keys = new Set(routes.map((r) => r.key));
    const missing = routes.filter((r) => !MATRIX[r.key]).map((r) => r.key);
    // The console's fallback exists only once it is built (npm test builds it first).
    const gone = Object.keys(MATRIX).filter((k) => !keys.has(k) && !k.startsWith("GET regexp:"));
    expect(missing, "routes missing from the matrix").toEqual([]);
    expect(gone, "matrix rows for routes that no longer exist").toEqual([]);
    expect(routes.length).toBeGreaterThan(150);
  });

  it(
    "when tenant A's admin calls every route with tenant B's ids, then 404 (403 where a role guards first), nothing of B's comes back and nothing of B's changes",
    async () => {
      const before = await tenantFingerprint(b.services.db, b.tenantId);
      const outcomes = await runMatrix(attacker);
      const after = await tenantFingerprint(b.services.db, b.tenantId);
      const wrong = outcomes
        .map(({ entry, o }) => [o, verdict(entry, o)] as const)
        .filter(([, v]) => v)
        .map(([o, v]) => `${o.method} ${o.url} (${o.key}): ${v}`);
      expect(wrong).toEqual([]);
      expect(after, "tenant B's rows changed").toEqual(before);

      const pairs = routes.filter((r) => MATRIX[r.key]).length;
      const pub = routes.filter((r) => "public" in MATRIX[r.key]).length;
      const crossed = outcomes.filter(({ entry }) => "status" in entry);
      const inPath = crossed.filter(({ o }) => o.key.includes(":") || o.key.includes("/api/tenants"));
      const inBody = crossed.filter((c) => !inPath.includes(c));
      const count = (cs: typeof crossed, s: number) => cs.filter(({ o }) => o.status === s).length;
      const guarded = count(inPath, 404) + count(inPath, 403);
      const lists = outcomes.filter(({ entry }) => "list" in entry).length;
      const own = outcomes.filter(({ entry }) => "noId" in entry).length;
      console.info(
        `tenant matrix: ${pairs} route×method pairs (${pub} public, not called). ` +
          `B's ids in the path: ${inPath.length} calls, ${count(inPath, 404)} × 404 + ${count(inPath, 403)} × 403 = ${((guarded / (inPath.length - count(inPath, 405))) * 100).toFixed(1)}% ` +
          `(+ ${count(inPath, 405)} × 405 on the append-only ledger, for any id); B's ids in the body: ${inBody.length} calls, ${count(inBody, 422)} × 422, ${count(inBody, 404)} × 404; ` +
          `${lists} lists/exports/reports narrowed to B: all empty; ${own} id-less calls: nothing of B's. ${outcomes.length} calls in all.`,
      );
    },
    MATRIX_TIMEOUT,
  );

  it(
    "when A points a record of its own at one of B's, then 422 invalid_reference and the record keeps its own",
    async () => {
      const make = async (path: string, json: unknown) => {
        const res = await a.api(path, { method: "POST", json });
        expect(res.status, path).toBe(201);
        return (await res.json()).id as string;
      };
      const account = await make("/accounts", { name: `Own ${tag()}` });
      const lead = await make("/leads", { email: `own-${tag()}@a.test` });
      const changes: [string, Record<string, unknown>][] = [
        [`/contacts/${await make("/contacts", { first_name: "Own", account_id: account })}`, { account_id: bRecords.accounts }],
        [`/opportunities/${await make("/opportunities", { name: "Own", account_id: account })}`, { primary_contact_id: bRecords.contacts }],
        [`/tasks/${await make("/tasks", { title: "Own", record_type: "lead", record_id: lead })}`, { record_id: bRecords.leads }],
        [
          `/users/${await make("/users", { email: `own-${tag()}@a.test`, name: "Own", password: "own-pass-12", role: "rep" })}`,
          { team_id: bRecords.teams },
        ],
        [`/leads/${lead}`, { owner_id: bRecords.users }],
      ];
      for (const [path, change] of changes) {
        const res = await a.api(path, { method: "PUT", json: change });
        expect([path, res.status, (await res.json()).error?.code]).toEqual([path, 422, "invalid_reference"]);
        const [col, value] = Object.entries(change)[0];
        expect((await (await a.api(path)).json())[col]).not.toBe(value);
      }
    },
    MATRIX_TIMEOUT,
  );

  it(
    "when tenant A's platform admin calls the routes with B's ids too, then they answer as to any admin (only the tenants routes are theirs, by design)",
    async () => {
      const outcomes = await runMatrix(a.adminToken, (key, entry) => key.includes("/api/tenants") || !("status" in entry));
      const wrong = outcomes
        .map(({ entry, o }) => [o, verdict(entry, o)] as const)
        .filter(([, v]) => v)
        .map(([o, v]) => `${o.method} ${o.url}: ${v}`);
      expect(wrong).toEqual([]);
      expect(outcomes.length).toBeGreaterThan(140);
    },
    MATRIX_TIMEOUT,
  );
});

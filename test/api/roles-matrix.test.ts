import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startStack, type Stack } from "../support/stack.ts";
import { listRoutes, pathWith, type RouteMethod } from "../support/routes.ts";
import { createRecords, tenantFingerprint, type Records } from "../support/tenant-records.ts";
import { tag } from "../support/json-api.ts";
import { createApp } from "../../api/app.ts";
import type { Role } from "../../api/types.ts";

/**
 * Promise 7, roles, per route: the policy table below is the design (who may call what); every
 * route × method of the router must be in it, and each is called as an admin, a manager, a rep and
 * a marketer of one tenant. A role the policy leaves out gets 403; a rep asking about another rep's
 * lead (or what hangs off it) gets 404, as if it did not exist; the roles let in are not refused.
 */

type Make<T> = (r: Records) => T;
type Policy =
  | { public: string }
  | {
      /** Who may call it; "platform": only an installation's platform admin. */
      roles: Role[] | "platform";
      /** A rep reaches only their own leads (and deals, accounts, bookings of theirs): another rep's answer 404 (or `repDenied`). */
      rep?: "own";
      repDenied?: { status: number; code: string };
      /** A list narrowed to the other rep's record: empty for a rep, not for its owner. */
      list?: Make<string>;
      body?: Make<unknown>;
      methods?: string[];
    }
  /** Refused whoever asks (append-only ledger). */
  | { everyone: number; code: string; methods: string[] };

const ALL: Role[] = ["admin", "manager", "rep", "marketer"];
const SELLERS: Role[] = ["admin", "manager", "rep"];
const MARKETING: Role[] = ["admin", "manager", "marketer"];
const MANAGERS: Role[] = ["admin", "manager"];
const ADMIN: Role[] = ["admin"];
const byId =
  (kind: string): Make<string> =>
  (r) =>
    `filter=${encodeURIComponent(JSON.stringify({ id: r[kind] }))}`;

/** A resource's five routes: list and CSV export (read), one record (read), create, update, delete (write). */
function resource(
  kind: string,
  read: Role[] | "platform",
  write: Role[] | null,
  o: { rep?: "own"; put?: Make<unknown>; verbs?: string[] } = {},
): Record<string, Policy> {
  const verbs = o.verbs ?? ["GET", "POST", "PUT", "DELETE"];
  const rep = o.rep;
  const out: Record<string, Policy> = {
    [`GET /api/${kind}`]: { roles: read, rep, list: rep && byId(kind) },
    [`GET /api/${kind}/export.csv`]: { roles: read, rep, list: rep && byId(kind) },
    [`GET /api/${kind}/:id`]: { roles: read, rep },
  };
  if (write && verbs.includes("POST")) out[`POST /api/${kind}`] = { roles: write };
  if (write && verbs.includes("PUT")) out[`PUT /api/${kind}/:id`] = { roles: write, rep, body: o.put };
  if (write && verbs.includes("DELETE")) out[`DELETE /api/${kind}/:id`] = { roles: write, rep };
  return out;
}

const PUBLIC = "not under a login (tenant-matrix.test.ts lists why)";
const POLICY: Record<string, Policy> = {
  ...Object.fromEntries(
    [
      "GET /healthz",
      "GET /metrics",
      "POST /ingest/leads",
      "POST /ingest/email",
      "GET /ingest/webhooks/:partnerId/:format",
      "POST /ingest/webhooks/:partnerId/:format",
      "OPTIONS /ingest/forms/:key",
      "POST /ingest/forms/:key",
      "GET /forms/:key",
      "GET /forms/:key/thanks",
      "GET /u/:token",
      "POST /u/:token",
      "GET /t/o/:token",
      "GET /t/c/:token",
      "POST /api/auth/login",
      "GET /api/openapi.json",
      "GET regexp:^\\/(?!api\\/|ingest\\/).*",
    ].map((k) => [k, { public: PUBLIC }]),
  ),
  "GET /api/auth/me": { roles: ALL },
  // Every role ends its own sessions; called here they would end the matrix's tokens (test/api/token-lifecycle.test.ts covers them).
  "POST /api/auth/logout": { public: "ends the caller's own session: every role, covered by token-lifecycle.test.ts" },
  "POST /api/auth/logout-all": { public: "ends the caller's own sessions: every role, covered by token-lifecycle.test.ts" },
  "GET /api/queues": { roles: "platform" },

  // A rep works their own leads only: every read of one, and what hangs off it.
  ...resource("leads", ALL, ALL, { rep: "own" }),
  "GET /api/leads/summary": { roles: ALL, rep: "own", list: (r) => `filter=${encodeURIComponent(JSON.stringify({ campaign: r.marker }))}` },
  "GET /api/leads/:id/timeline": { roles: ALL, rep: "own" },
  "GET /api/leads/:id/trace": { roles: ALL, rep: "own" },
  "GET /api/leads/:id/attachments/:attachmentId": { roles: ALL, rep: "own" },
  "GET /api/leads/:id/merges": { roles: ALL, rep: "own" },
  "POST /api/leads/:id/merges/undo": { roles: MANAGERS },
  "GET /api/leads/:id/score_history": { roles: ALL, rep: "own" },
  "POST /api/leads/:id/engagements": { roles: ALL, rep: "own", body: () => ({ type: "site_visit" }) },
  "GET /api/leads/:id/convert/preview": { roles: SELLERS, rep: "own" },
  "POST /api/leads/:id/convert": { roles: SELLERS, rep: "own" },
  // GDPR: a copy of everything about a person for admins and managers; erasing them is an admin's call.
  "GET /api/leads/:id/export": { roles: MANAGERS },
  "POST /api/leads/:id/erase": { roles: ADMIN },
  ...resource("activities", ALL, ALL, { rep: "own" }),
  ...resource("inbound_events", MARKETING, null),
  "GET /api/inbound_events/:id/raw": { roles: MARKETING },
  "POST /api/inbound_events/:id/replay": { roles: MARKETING },

  ...resource("duplicate_reviews", MARKETING, null),
  "GET /api/duplicate_reviews/:id/comparison": { roles: MARKETING },
  "POST /api/duplicate_reviews/:id/merge": { roles: MANAGERS },
  "POST /api/duplicate_reviews/:id/dismiss": { roles: MANAGERS },
  ...resource("dedup_scans", MARKETING, null),
  "POST /api/dedup_scans": { roles: MANAGERS },
  "GET /api/dedup/rules": { roles: ALL },
  "PUT /api/dedup/rules": { roles: ADMIN },

  // Only admins manage rules (scoring, assignment, conversion, matching) and the settings they read.
  ...resource("scoring_rules", ALL, ADMIN),
  "PUT /api/scoring_rules/set": { roles: ADMIN },
  "POST /api/scoring_rules/reorder": { roles: ADMIN },
  "POST /api/scoring_rules/dry_run": { roles: MARKETING, body: () => ({ limit: 1 }) },
  ...resource("assignment_rules", ALL, ADMIN),
  "PUT /api/assignment_rules/set": { roles: ADMIN },
  "POST /api/assignment_rules/reorder": { roles: ADMIN },
  "POST /api/assignment_rules/dry_run": { roles: MANAGERS, body: () => ({ limit: 1 }) },
  "POST /api/rules/test": { roles: ALL, rep: "own", body: (r) => ({ condition: { all: [] }, lead_id: r.leads }) },
  "GET /api/scoring_settings": { roles: ALL },
  "PUT /api/scoring_settings": { roles: ADMIN },
  "GET /api/assignment_settings": { roles: ALL },
  "PUT /api/assignment_settings": { roles: ADMIN },
  ...resource("rescore_runs", ALL, null),
  "POST /api/rescore_runs": { roles: MANAGERS },
  ...resource("rule_versions", ALL, null),
  ...resource("conversion_rules", ALL, ADMIN),
  ...resource("pipeline_stages", ALL, ADMIN),
  ...resource("custom_field_definitions", ALL, ADMIN),

  ...resource("accounts", ALL, SELLERS),
  "GET /api/accounts/:id/timeline": { roles: ALL },
  ...resource("contacts", ALL, SELLERS),
  "GET /api/contacts/:id/timeline": { roles: ALL },
  ...resource("opportunities", ALL, SELLERS, { rep: "own" }),
  "GET /api/opportunities/:id/timeline": { roles: ALL, rep: "own" },
  "GET /api/opportunities/summary": {
    roles: ALL,
    rep: "own",
    list: (r) => `filter=${encodeURIComponent(JSON.stringify({ account_id: r.accounts }))}`,
  },
  ...resource("tasks", ALL, ALL),

  ...resource("milestones", ALL, SELLERS, { rep: "own" }),
  "POST /api/milestones": {
    roles: SELLERS,
    rep: "own",
    repDenied: { status: 422, code: "milestone_unknown_lead" },
    body: (r) => ({ lead_id: r.leads, kind: "site_visit" }),
  },
  ...resource("engagements", ALL, SELLERS, { rep: "own" }),
  "POST /api/engagements": {
    roles: SELLERS,
    rep: "own",
    repDenied: { status: 422, code: "engagement_unknown_lead" },
    body: (r) => ({ lead_id: r.leads, type: "call_made" }),
  },
  ...resource("lead_sources", ALL, MARKETING),
  ...resource("campaigns", ALL, MARKETING),
  ...resource("unit_inventory", ALL, MANAGERS),
  ...resource("bookings", ALL, MANAGERS, { rep: "own" }),
  ...resource("ledger_entries", SELLERS, MANAGERS, { verbs: ["POST"] }),
  "ALL /api/ledger_entries/:id": { everyone: 405, code: "ledger_append_only", methods: ["PUT", "DELETE"] },

  ...resource("sequences", ALL, MARKETING),
  "POST /api/sequences/preview": { roles: MARKETING, body: (r) => ({ subject: "Hi", body_text: "x", lead_id: r.leads }) },
  "GET /api/sequences/:id/stats": { roles: ALL },
  "POST /api/sequences/:id/enroll": { roles: ALL, body: () => ({ lead_ids: [] }) },
  ...resource("sequence_steps", ALL, null),
  ...resource("enrollments", ALL, ALL, { rep: "own", verbs: ["POST", "PUT"], put: () => ({ status: "exited" }) }),
  "POST /api/enrollments": { roles: ALL, rep: "own", body: (r) => ({ lead_id: r.leads, sequence_id: r.sequences }) },
  "POST /api/enrollments/:id/exit": { roles: ALL, rep: "own" },
  ...resource("email_messages", ALL, null, { rep: "own" }),
  "POST /api/email_messages/:id/reconcile": { roles: MARKETING, body: () => ({ outcome: "sent" }) },
  ...resource("suppressions", MARKETING, MANAGERS, { verbs: ["DELETE"] }),
  "POST /api/suppressions": { roles: MARKETING },
  "GET /api/nurture/settings": { roles: ALL },
  "PUT /api/nurture/settings": { roles: ADMIN },
  "GET /api/nurture/mail/status": { roles: ALL },
  "GET /api/nurture/mail/template-variables": { roles: ALL },
  "GET /api/nurture/mail/caught": { roles: ADMIN },

  // Marketing runs the lead sources: marketers and managers manage partners, keys included (README, "Roles").
  // Webhooks out carry every lead elsewhere: only admins subscribe; managers watch the deliveries.
  ...resource("partners", MARKETING, MARKETING),
  "GET /api/partners/:id/health": { roles: MARKETING },
  "POST /api/partners/:id/rotate": { roles: MARKETING },
  "POST /api/partners/:id/test": { roles: MARKETING },
  ...resource("forms", MARKETING, MARKETING),
  "GET /api/forms/:id/health": { roles: MARKETING },
  "GET /api/forms/:id/embed": { roles: MARKETING },
  ...resource("alerts", MARKETING, MARKETING, { verbs: ["PUT"], put: () => ({ resolved_at: null }) }),
  ...resource("webhook_subscriptions", MANAGERS, ADMIN),
  ...resource("webhook_deliveries", MANAGERS, null),
  "POST /api/webhook_deliveries/:id/replay": { roles: MANAGERS },
  "POST /api/webhook_deliveries/:id/cancel": { roles: MANAGERS },
  ...resource("imports", MARKETING, MARKETING, { verbs: ["POST"] }),
  "POST /api/imports/:id/start": { roles: MARKETING },
  "POST /api/imports/:id/pause": { roles: MARKETING },
  "POST /api/imports/:id/resume": { roles: MARKETING },
  "POST /api/imports/:id/cancel": { roles: MARKETING },
  "GET /api/imports/:id/errors.csv": { roles: MARKETING },
  ...resource("import_templates", MARKETING, MARKETING),

  // Only admins change users and teams; everyone may read who is who (owners, assignees).
  ...resource("users", ALL, ADMIN),
  "POST /api/users/:id/sessions/revoke": { roles: ADMIN },
  ...resource("teams", ALL, ADMIN),
  ...resource("audit_log", MANAGERS, null),
  ...resource("tenants", "platform", null),
  "POST /api/tenants": { roles: "platform" },

  "GET /api/reports/dashboard": { roles: ALL },
  "GET /api/reports/funnel": { roles: ALL },
  "GET /api/reports/source-performance": { roles: ALL },
  "GET /api/reports/campaign-performance": { roles: ALL },
  "GET /api/reports/bookings": { roles: ALL },
  "GET /api/reports/engagement-stats": { roles: ALL },
  "GET /api/reports/ledger/:accountId": { roles: ALL, rep: "own" },
  "GET /api/reports/milestone-timeline/:leadId": { roles: ALL, rep: "own" },
};

/** Hundreds of calls each: seconds on a quiet machine, but CI shares its cores. */
const MATRIX_TIMEOUT = 120_000;

let stack: Stack;
let records: Records;
let routes: RouteMethod[];
const tokens = {} as Record<Role | "otherRep", string>;
const dataDir = mkdtempSync(join(tmpdir(), "leadhub-roles-"));

async function person(role: Role): Promise<{ id: string; token: string }> {
  const email = `${role}-${tag()}@roles.test`;
  const res = await stack.api("/users", { method: "POST", json: { email, name: `${role} ${tag()}`, password: "roles-pass-1", role } });
  expect(res.status).toBe(201);
  const { id } = await res.json();
  const login = await fetch(`${stack.baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "roles-pass-1" }),
  });
  return { id, token: (await login.json()).token };
}

beforeAll(async () => {
  stack = await startStack({ env: { LEADHUB_DATA_DIR: dataDir } });
  const [admin, manager, rep, marketer, otherRep] = await Promise.all(
    (["admin", "manager", "rep", "marketer", "rep"] as Role[]).map(person),
  );
  Object.assign(tokens, { admin: admin.token, manager: manager.token, rep: rep.token, marketer: marketer.token, otherRep: otherRep.token });
  const marker = `rm${tag()}`;
  // Everything that hangs off a lead belongs to the other rep's lead; the rep under test owns nothing.
  records = { ...(await createRecords(stack, marker, { ownerId: otherRep.id })), marker };
  routes = listRoutes(createApp(stack.services));
}, MATRIX_TIMEOUT);
afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Call {
  route: RouteMethod;
  as: string;
  method: string;
  status: number;
  code?: string;
  text: string;
}

async function call(
  route: RouteMethod,
  as: string,
  token: string,
  policy: Exclude<Policy, { public: string }>,
  method = route.method,
  query?: string,
): Promise<Call> {
  const body = "body" in policy && policy.body ? policy.body(records) : method === "GET" || method === "DELETE" ? undefined : {};
  const url = `${stack.baseUrl}${pathWith(route, records)}${query ? `?${query}` : ""}`;
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let code: string | undefined;
  try {
    code = JSON.parse(text)?.error?.code;
  } catch {
    code = undefined;
  }
  return { route, as, method, status: res.status, code, text };
}

async function inParallel<T>(items: T[], n: number, fn: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: n }, async () => {
      for (let x = queue.shift(); x !== undefined; x = queue.shift()) await fn(x);
    }),
  );
}

const guarded = () =>
  routes
    .filter((r) => POLICY[r.key] && !("public" in POLICY[r.key]))
    .map((r) => [r, POLICY[r.key] as Exclude<Policy, { public: string }>] as const);
const isEmptyList = (text: string) => (text.trim().startsWith("[") ? JSON.parse(text).length === 0 : text.trim().split("\n").length <= 1);
const ORDER = ["GET", "POST", "PUT", "PATCH", "ALL", "DELETE"];

describe("roles matrix", () => {
  it("when the router is enumerated, then every route × method has a policy and every policy is a route", () => {
    const keys = new Set(routes.map((r) => r.key));
    expect(
      routes.filter((r) => !POLICY[r.key]).map((r) => r.key),
      "routes without a policy",
    ).toEqual([]);
    expect(
      Object.keys(POLICY).filter((k) => !keys.has(k) && !k.startsWith("GET regexp:")),
      "policies for routes that no longer exist",
    ).toEqual([]);
    // Admins may do whatever another role may: the calls below lean on it.
    expect(
      Object.entries(POLICY)
        .filter(([, p]) => "roles" in p && Array.isArray(p.roles) && !p.roles.includes("admin"))
        .map(([k]) => k),
    ).toEqual([]);
  });

  it(
    "when each role calls each route, then the roles left out get 403 and a rep gets 404 for another rep's lead, and nothing changes",
    async () => {
      const wrong: string[] = [];
      let calls = 0;
      const before = await tenantFingerprint(stack.services.db, stack.tenantId);
      const expectCall = (c: Call, status: number, code: string) => {
        calls++;
        if (c.status !== status || c.code !== code)
          wrong.push(`${c.as} ${c.method} ${c.route.key}: expected ${status} ${code}, got ${c.status} ${c.code ?? c.text.slice(0, 120)}`);
      };
      await inParallel(guarded(), 6, async ([route, p]) => {
        if ("everyone" in p) {
          for (const role of ALL)
            for (const m of p.methods) expectCall(await call(route, role, tokens[role], { roles: ALL }, m), p.everyone, p.code);
          return;
        }
        for (const role of ALL) {
          const denied = p.roles === "platform" || !p.roles.includes(role);
          if (denied) expectCall(await call(route, role, tokens[role], p), 403, "forbidden");
          else if (role === "rep" && p.rep === "own") {
            if (p.list) {
              const c = await call(route, "rep", tokens.rep, p, route.method, p.list(records));
              calls++;
              if (c.status !== 200 || !isEmptyList(c.text))
                wrong.push(`rep ${route.key}: another rep's record listed: ${c.status} ${c.text.slice(0, 160)}`);
            } else expectCall(await call(route, "rep", tokens.rep, p), p.repDenied?.status ?? 404, p.repDenied?.code ?? "not_found");
          }
        }
        // Its owner does reach it: the 404 above is about whose it is, not a broken route.
        if (p.rep === "own" && route.method === "GET" && p.roles !== "platform" && p.roles.includes("rep")) {
          const c = await call(route, "its owner", tokens.otherRep, p, "GET", p.list?.(records));
          calls++;
          if (c.status !== 200 || (p.list && isEmptyList(c.text)))
            wrong.push(`owner ${route.key}: expected 200 with the record, got ${c.status} ${c.text.slice(0, 160)}`);
        }
      });
      expect(wrong).toEqual([]);
      expect(await tenantFingerprint(stack.services.db, stack.tenantId), "a refused call changed the tenant's data").toEqual(before);
      console.info(`roles matrix: ${guarded().length} guarded route×method pairs, ${calls} refusals and scoped reads checked`);
    },
    MATRIX_TIMEOUT,
  );

  it(
    "when the roles let in call each route, then none is refused for its role and none answers 5xx",
    async () => {
      const wrong: string[] = [];
      let calls = 0;
      const byMethod = (m: string) => guarded().filter(([r, p]) => r.method === m && !("everyone" in p));
      for (const m of ORDER) {
        // Writes run a few at a time and deletes last: an allowed write may change what the next one finds, never whether it is allowed.
        await inParallel(byMethod(m), m === "GET" ? 6 : 3, async ([route, p]) => {
          if ("everyone" in p) return;
          const who: [string, string][] =
            p.roles === "platform"
              ? [["platform admin", stack.adminToken]]
              : (["marketer", "rep", "manager", "admin"] as Role[])
                  // Admins may do all that the others may (the policy has no route for others only), so they are asked where they alone are let in.
                  .filter(
                    (r, _i, all) =>
                      (p.roles as Role[]).includes(r) && (r !== "admin" || all.filter((x) => (p.roles as Role[]).includes(x)).length === 1),
                  )
                  .map((r) => [r, r === "rep" && p.rep === "own" ? tokens.otherRep : tokens[r]]);
          for (const [as, token] of who) {
            const c = await call(route, as, token, p);
            calls++;
            if (c.status === 403 || c.status >= 500)
              wrong.push(`${as} ${c.method} ${route.key}: ${c.status} ${c.code ?? c.text.slice(0, 120)}`);
          }
        });
      }
      expect(wrong).toEqual([]);
      console.info(`roles matrix: ${calls} calls by roles the policy lets in, none refused`);
    },
    MATRIX_TIMEOUT,
  );
});

import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { createHmac, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { startStack, expectEventually, type Stack } from "../support/stack.ts";
import { fakeVendor, type FakeVendor } from "../support/fake-vendor.ts";
import { signLeadhub } from "../../core/crypto.ts";
import { REDACTED } from "../../core/secrets.ts";
import { pollIndiamart } from "../../jobs/intake/indiamart-poll.job.ts";
import { sendWebhooks } from "../../jobs/webhooks/send-webhooks.job.ts";
import { createJobContext } from "../../worker/job-context.ts";
import { withTenant } from "../../core/tenant-scope.ts";

/**
 * The sweep: a whole flow run with secrets whose values we know (passwords, partner keys and signing
 * secrets, every vendor secret, JWTs, a webhook secret), then every column of every table, every
 * export, every log line and every BullMQ key of this stack searched for each value in clear.
 */
const fixture = (name: string) => readFileSync(new URL(`../fixtures/vendors/${name}`, import.meta.url), "utf8");
const fresh = (label: string) => `${label}-${randomBytes(12).toString("hex")}`;

const logLines: string[] = [];
const secrets = new Map<string, string>();
/** Where a secret's value may be, by design: the bcrypt hash in its own column. */
const allowed = new Map<string, string[]>();
const exports = new Map<string, string>();

let stack: Stack;
let graph: FakeVendor;
let indiamart: FakeVendor;
let receiver: FakeVendor;

beforeAll(async () => {
  graph = await fakeVendor((req) => {
    const id = req.url!.split("?")[0].split("/").pop();
    return /^\d+$/.test(id ?? "")
      ? { status: 200, body: { ...JSON.parse(fixture("facebook-lead.json")).graph, id } }
      : { status: 404, body: { error: { message: "not found" } } };
  });
  indiamart = await fakeVendor(() => ({ status: 200, body: JSON.parse(fixture("indiamart-pull.json")) }));
  receiver = await fakeVendor(() => ({ status: 200, body: { ok: true } }));
  stack = await startStack({
    worker: true,
    env: { GRAPH_BASE_URL: graph.url, OUTBOUND_ALLOW_PRIVATE: "true" },
    // Every level: a secret must not reach even a debug line.
    log: { level: "trace", destination: { write: (line: string) => void logLines.push(line) } },
  });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  await Promise.all([graph?.close(), indiamart?.close(), receiver?.close()]);
});

const api = async (path: string, init: { method?: string; json?: unknown; token?: string } = {}, status = 200) => {
  const res = await stack.api(path, { method: init.method ?? "GET", json: init.json, token: init.token });
  const text = await res.text();
  expect(res.status, `${path}: ${text}`).toBe(status);
  return text ? JSON.parse(text) : null;
};
const download = async (label: string, path: string, token?: string) => {
  const res = await stack.api(path, { token });
  const text = await res.text();
  expect(res.status, `${path}: ${text.slice(0, 300)}`).toBe(200);
  exports.set(label, text);
};
const hook = (partnerId: string, format: string, body: string, headers: Record<string, string> = {}, query = "") =>
  fetch(`${stack.baseUrl}/ingest/webhooks/${partnerId}/${format}${query}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });

async function runFlow() {
  secrets.set("admin password", stack.adminPassword);
  secrets.set("admin JWT", stack.adminToken);
  secrets.set("partner API key", stack.partnerKey);
  secrets.set("partner signing secret", stack.signingSecret);

  // People: a user created with a password, the password changed, a login with each.
  const firstPassword = fresh("first-pw");
  const secondPassword = fresh("second-pw");
  secrets.set("user's first password", firstPassword);
  secrets.set("user's changed password", secondPassword);
  const email = `sweep-${randomBytes(4).toString("hex")}@test.leadhub.local`;
  const user = await api(
    "/users",
    { method: "POST", json: { name: "Sweep Manager", role: "manager", email, password: firstPassword } },
    201,
  );
  await api(`/users/${user.id}`, { method: "PUT", json: { password: secondPassword, name: "Sweep Manager" } });
  const login = await fetch(`${stack.baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: secondPassword }),
  });
  const { token: managerToken } = await login.json();
  secrets.set("manager JWT", managerToken);
  const stale = await fetch(`${stack.baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: firstPassword }),
  });
  expect(stale.status).toBe(401);
  const { password_hash: hash } = await stack.services.db("users").where("id", user.id).first("password_hash");
  secrets.set("user's password hash", hash);
  allowed.set("user's password hash", ["public.users.password_hash"]);

  // Partners: every vendor secret set; a second partner created and its key rotated.
  const vendor = {
    google_key: fresh("google-key"),
    typeform_secret: fresh("typeform-secret"),
    facebook_app_secret: fresh("fb-app-secret"),
    facebook_verify_token: fresh("fb-verify-token"),
    facebook_page_token: fresh("fb-page-token"),
    indiamart_crm_key: fresh("indiamart-key"),
  };
  for (const [k, v] of Object.entries(vendor)) secrets.set(k, v);
  await api(`/partners/${stack.partnerId}`, { method: "PUT", json: { settings: { ...vendor, indiamart_base_url: indiamart.url } } });
  const second = await api("/partners", { method: "POST", json: { name: "Second partner" } }, 201);
  secrets.set("second partner API key", second.apiKey);
  secrets.set("second partner signing secret", second.signingSecret);
  const rotated = await api(`/partners/${second.id}/rotate`, { method: "POST", json: {} });
  secrets.set("rotated API key", rotated.apiKey);
  secrets.set("rotated signing secret", rotated.signingSecret);

  // Events out: a subscription with a secret we chose.
  const webhookSecret = fresh("webhook-out-secret");
  secrets.set("webhook subscription secret", webhookSecret);
  await api(
    "/webhook_subscriptions",
    { method: "POST", json: { url: `${receiver.url}/hooks`, events: ["*"], secret: webhookSecret } },
    201,
  );

  // Leads in, by every door, each with its own proof.
  const ids: string[] = [];
  const accepted = async (res: Response, status = 202) => {
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(status);
    if (body.id) ids.push(body.id);
    if (body.ids) ids.push(...body.ids);
    return body;
  };
  await accepted(await stack.postLead({ first_name: "Canonical", email: `canonical-${randomBytes(3).toString("hex")}@example.in` }));
  const senderToken = fresh("sender-api-token");
  secrets.set("a sender's own token in its body", senderToken);
  await accepted(
    await hook(
      stack.partnerId,
      "generic",
      JSON.stringify({
        name: "Query Key",
        email: `query-${randomBytes(3).toString("hex")}@example.in`,
        api_token: senderToken,
        note: `signed with ${stack.signingSecret}`,
      }),
      {},
      `?key=${stack.partnerKey}`,
    ),
  );
  const signedBody = JSON.stringify({ name: "Signed Sen", email: `signed-${randomBytes(3).toString("hex")}@example.in` });
  await accepted(
    await hook(stack.partnerId, "generic", signedBody, {
      "x-leadhub-signature": signLeadhub(signedBody, stack.signingSecret, Math.floor(Date.now() / 1000)),
    }),
  );

  const google = fixture("google-ads-lead.json").replace(/"google_key":\s*"[^"]*"/, `"google_key": "${vendor.google_key}"`);
  const googleEvent = await accepted(await hook(stack.partnerId, "google-ads", google));
  expect((await hook(stack.partnerId, "google-ads", google.replace(vendor.google_key, "wrong-key"))).status).toBe(401);
  // Not JSON: kept as a rejected event holding the raw text, which carries the key.
  const broken = await hook(stack.partnerId, "google-ads", `{"google_key": "${vendor.google_key}", "lead_id": `);
  expect(broken.status).toBe(400);
  ids.push((await broken.json()).error.details.event_id);

  const typeform = fixture("typeform-form-response.json");
  await accepted(
    await hook(stack.partnerId, "typeform", typeform, {
      "typeform-signature": `sha256=${createHmac("sha256", vendor.typeform_secret).update(typeform).digest("base64")}`,
    }),
  );

  const verify = await fetch(
    `${stack.baseUrl}/ingest/webhooks/${stack.partnerId}/facebook?hub.mode=subscribe&hub.verify_token=${vendor.facebook_verify_token}&hub.challenge=42`,
  );
  expect(verify.status).toBe(200);
  const meta = fixture("facebook-webhook.json");
  await accepted(
    await hook(stack.partnerId, "facebook", meta, {
      "x-hub-signature-256": `sha256=${createHmac("sha256", vendor.facebook_app_secret).update(meta).digest("hex")}`,
    }),
    200,
  );

  await accepted(await hook(stack.partnerId, "indiamart", fixture("indiamart-push.json"), { authorization: `Bearer ${stack.partnerKey}` }));
  await accepted(
    await hook(stack.partnerId, "hubspot", fixture("hubspot-form-submission.json"), { authorization: `Bearer ${stack.partnerKey}` }),
  );
  // Scheduled jobs run across tenants: held to this file's tenant, so test files running alongside keep theirs.
  const ctx = createJobContext(stack.services);
  const mine = <T>(job: () => Promise<T>) => withTenant(stack.tenantId, job);
  await mine(() => pollIndiamart(ctx));
  expect(indiamart.requests.some((r) => r.url.includes(vendor.indiamart_crm_key))).toBe(true);

  // Everything through intake (and Meta's through the Graph fetch, with the page token).
  await expectEventually(async () => {
    const pending = await stack.services
      .db("inbound_events")
      .where("tenant_id", stack.tenantId)
      .whereIn("status", ["received", "processing"])
      .count<{ n: number }[]>({ n: "*" });
    expect(Number(pending[0].n)).toBe(0);
  }, 30_000);
  expect(graph.requests.some((r) => r.url.includes(vendor.facebook_page_token))).toBe(true);
  // Events out, signed with the subscription's secret.
  await expectEventually(async () => {
    await mine(() => sendWebhooks(ctx));
    expect(receiver.requests.length).toBeGreaterThan(0);
  });

  // Some requests that fail, so their log lines (at info) carry the headers.
  expect(
    (await stack.api("/tenants", { token: managerToken, headers: { cookie: `session=${managerToken}` } })).status,
  ).toBeGreaterThanOrEqual(400);
  const queryKey = fresh("query-api-key");
  secrets.set("a credential in a URL's query", queryKey);
  expect((await stack.api(`/not-a-route?api_key=${queryKey}&page=1`, { token: stack.adminToken })).status).toBe(404);

  // Exports and what a manager reads.
  const lead = (await api(`/leads?range=${encodeURIComponent("[0,0]")}`))[0];
  const storedGoogle = await api(`/inbound_events/${googleEvent.id}`);
  for (const [label, path] of [
    ["audit log CSV (manager)", "/audit_log/export.csv"],
    ["audit log JSON (manager)", `/audit_log?range=${encodeURIComponent("[0,999]")}`],
    ["inbound events JSON (manager)", `/inbound_events?range=${encodeURIComponent("[0,999]")}`],
  ])
    await download(label, path, managerToken);
  for (const [label, path] of [
    ["audit log CSV", "/audit_log/export.csv"],
    ["leads CSV", "/leads/export.csv"],
    ["inbound events CSV", "/inbound_events/export.csv"],
    ["users CSV", "/users/export.csv"],
    ["partners CSV", "/partners/export.csv"],
    ["webhook subscriptions CSV", "/webhook_subscriptions/export.csv"],
    ["webhook deliveries CSV", "/webhook_deliveries/export.csv"],
    ["funnel report CSV", "/reports/funnel?format=csv"],
    ["queues", "/queues"],
    ["person export JSON", `/leads/${lead.id}/export`],
    ...ids.map((id) => [`raw of ${id}`, `/inbound_events/${id}/raw`]),
  ])
    await download(label, path);
  return { managerEmail: email, storedGoogle };
}

/** Every table and column of the database, read as its owner (row-level security does not apply). */
async function databaseHits(values: string[]): Promise<Map<string, string[]>> {
  const owner = new pg.Client({ connectionString: inject("databaseUrl") });
  await owner.connect();
  const hits = new Map<string, string[]>();
  try {
    const { rows: columns } = await owner.query<{ table_schema: string; table_name: string; column_name: string; data_type: string }>(`
      SELECT c.table_schema, c.table_name, c.column_name, c.data_type
      FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
      ORDER BY 1, 2, 3`);
    expect(columns.length).toBeGreaterThan(100);
    for (const c of columns) {
      const table = `${owner.escapeIdentifier(c.table_schema)}.${owner.escapeIdentifier(c.table_name)}`;
      const col = `t.${owner.escapeIdentifier(c.column_name)}`;
      // Every type, as text (jsonb, arrays, timestamps alike); bytea by its bytes.
      const match = c.data_type === "bytea" ? `position(convert_to(s, 'UTF8') in ${col}) > 0` : `strpos(${col}::text, s) > 0`;
      const { rows } = await owner.query<{ s: string }>(
        `SELECT s FROM unnest($1::text[]) AS s WHERE EXISTS (SELECT 1 FROM ${table} t WHERE ${match})`,
        [values],
      );
      for (const { s } of rows) hits.set(s, [...(hits.get(s) ?? []), `${c.table_schema}.${c.table_name}.${c.column_name}`]);
    }
  } finally {
    await owner.end();
  }
  return hits;
}

/** Every key under this stack's queue prefix (jobs, their data, results and failure reasons; rate limits), whatever its type. */
async function redisText(): Promise<string> {
  const redis = stack.services.queues.connection;
  const prefix = stack.services.config.queuePrefix;
  const keys: string[] = [];
  let cursor = "0";
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", "1000");
    cursor = next;
    keys.push(...batch);
  } while (cursor !== "0");
  expect(keys.length).toBeGreaterThan(0);
  const parts: string[] = [];
  for (const key of keys) {
    parts.push(key);
    const type = await redis.type(key);
    if (type === "string") parts.push((await redis.get(key)) ?? "");
    else if (type === "hash") parts.push(JSON.stringify(await redis.hgetall(key)));
    else if (type === "list") parts.push(...(await redis.lrange(key, 0, -1)));
    else if (type === "set") parts.push(...(await redis.smembers(key)));
    else if (type === "zset") parts.push(...(await redis.zrange(key, "0", "-1")));
    else if (type === "stream") parts.push(JSON.stringify(await redis.xrange(key, "-", "+")));
  }
  return parts.join("\n");
}

it("when a full flow runs with known secrets, then no table, export, log line or queued job holds any of them in clear", async () => {
  const { managerEmail, storedGoogle } = await runFlow();
  const values = [...secrets.values()];
  expect(new Set(values).size).toBe(values.length);

  const db = await databaseHits([...values, managerEmail]);
  // The sweep finds what is there: the manager's address is in users.email.
  expect(db.get(managerEmail)).toContain("public.users.email");
  const redis = await redisText();
  const logs = logLines.join("");
  expect(logLines.length).toBeGreaterThan(10);
  // Redaction keeps each line JSON, and the request logs did carry the credentials it took out.
  for (const line of logLines) expect(() => JSON.parse(line), line).not.toThrow();
  expect(logs).toContain(`"authorization":"${REDACTED}"`);

  const found: string[] = [];
  for (const [label, value] of secrets) {
    const ok = allowed.get(label) ?? [];
    for (const where of db.get(value) ?? []) if (!ok.includes(where)) found.push(`${label} in ${where}`);
    for (const [name, text] of exports) if (text.includes(value)) found.push(`${label} in export ${name}`);
    if (logs.includes(value)) found.push(`${label} in the logs: ${logLines.find((l) => l.includes(value))!.slice(0, 400)}`);
    if (redis.includes(value)) found.push(`${label} in Redis under ${stack.services.config.queuePrefix}`);
  }
  expect(found).toEqual([]);
  // Google's key was checked, then kept only as a marker that there was one.
  expect(storedGoogle.payload.google_key).toBe(REDACTED);
}, 180_000);

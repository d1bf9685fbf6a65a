import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes, randomUUID, createHmac } from "node:crypto";
import { gzipSync } from "node:zlib";
import { Agent } from "node:http";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { startStack, expectEventually, type Stack } from "../support/stack.ts";
import { exchange } from "../support/http.ts";
import { signLeadhub } from "../../core/crypto.ts";
import { createTenantWithAdmin } from "../../core/tenancy.ts";
import { MailLinks } from "../../core/nurture/links.ts";
import {
  asStored,
  CONTENT_TYPES,
  forbiddenProps,
  garbage,
  HOSTILE_CSV,
  hostileMime,
  INJECTIONS,
  MALFORMED_JSON,
  pick,
  rawHttp,
  rng,
  SCHEMA_VIOLATIONS,
  smuggling,
  type Rng,
} from "../support/hostile-inputs.ts";

/** 2,000 in CI (about 25-60 s on two shared cores); `HOSTILE_REQUESTS=10000` for the full-size run the issue names. */
const TOTAL = Number(process.env.HOSTILE_REQUESTS ?? 2000);
/** Requests sent before memory is measured: pools, caches and compiled code settle first, so what is measured is growth under attack. */
const WARM_UP = Math.round(TOTAL / 10);
const IN_FLIGHT = 32;
const VALID_LOOPS = 4;
const PUBLIC_URL = "https://leads.example.test";
const HOSTILE_NAME = `Acme <script>alert("tenant")</script> & "Sons" \u202Eevil`;

/** What each public endpoint may answer with, besides 2xx: the stable codes of its JSON errors (plus pages for people, marked html). */
const EXPECTED: Record<string, string[]> = {
  leads: [
    "idempotency_in_flight",
    "payload_too_large",
    "invalid_json",
    "unsupported_media_type",
    "unsupported_encoding",
    "unsupported_charset",
    "bad_request",
    "unknown_field",
    "field_too_long",
    "validation_failed",
    "invalid_lead",
    "invalid_email",
    "invalid_phone",
    "no_contact",
    "too_deep",
    "missing_api_key",
    "invalid_api_key",
    "node",
  ],
  webhooks: [
    "payload_too_large",
    "invalid_json",
    "invalid_body",
    "unsupported_media_type",
    "unsupported_encoding",
    "bad_request",
    "validation_failed",
    "invalid_email",
    "invalid_phone",
    "no_contact",
    "too_deep",
    "invalid_api_key",
    "signature_missing",
    "signature_invalid",
    "signature_stale",
    "invalid_google_key",
    "unknown_format",
    "not_found",
    "method_not_allowed",
    "route_not_found",
    "generic_shape",
    "typeform_shape",
    "hubspot_shape",
    "indiamart_shape",
    "google_ads_shape",
    "facebook_shape",
    "facebook_not_fetched",
    "invalid_idempotency_key",
  ],
  forms: [
    "payload_too_large",
    "invalid_json",
    "invalid_body",
    "unsupported_media_type",
    "unsupported_encoding",
    "bad_request",
    "validation_failed",
    "missing_field",
    "invalid_email",
    "invalid_phone",
    "no_contact",
    "too_deep",
    "not_found",
    "rate_limited",
    "html",
    "unauthorized",
  ],
  "form-page": ["not_found", "route_not_found"],
  email: [
    "payload_too_large",
    "unsupported_media_type",
    "unsupported_encoding",
    "bad_request",
    "invalid_message",
    "missing_api_key",
    "invalid_api_key",
  ],
  imports: [
    "import_not_multipart",
    "import_bad_upload",
    "import_file_missing",
    "import_empty_file",
    "import_no_columns",
    "import_invalid_mapping",
    "import_invalid_defaults",
    "import_invalid_options",
    "import_too_large",
    "unauthorized",
    "forbidden",
    "invalid_json",
    "payload_too_large",
    "bad_request",
  ],
  "mail-links": ["html", "route_not_found", "payload_too_large"],
  login: [
    "invalid_json",
    "payload_too_large",
    "validation_failed",
    "invalid_credentials",
    "invalid_input",
    "unsupported_charset",
    "unsupported_encoding",
    "bad_request",
    "rate_limited",
    "too_many_login_attempts",
    "too_deep",
  ],
  raw: ["node"],
};

/** A stack trace, SQL error text or a path on this machine in an answer (unless the request itself carried that text). */
const LEAKS = [
  /\n\s+at [\w$.<>[\] ]+ \(/,
  /\bat (async )?[\w$.]+ \([^)]*:\d+:\d+\)/,
  /node_modules/,
  /\/work\/main|\/home\/|\/usr\/lib/,
  /\.[cm]?[jt]s:\d+/,
  /syntax error at or near/i,
  /violates [\w -]+ constraint/i,
  /duplicate key value/i,
  /invalid input syntax/i,
  /relation "[\w.]+" does not exist/i,
  /\bsqlstate\b|\bpg_catalog\b|\bknex\b/i,
];

interface Attack {
  endpoint: keyof typeof EXPECTED;
  kind: string;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer> | FormData;
  /** Bytes for a plain socket, for what no HTTP client sends. */
  raw?: string;
  /** A valid request carrying hostile strings: its payload must be stored as sent, and `message` on the lead. */
  injection?: { payload: Record<string, unknown>; message?: string };
  /** Accepted or not, it must change nothing it names (tenant, score, id, owner). */
  forbidden?: boolean;
  garbage?: boolean;
  replay?: string;
}

let stack: Stack;
let dataDir: string;
let victim: { id: string };
let forgedId: string;
let formKey: string;
let hostileFormKey: string;
let pageToken: string;
let plainToken: string;
let gzipBomb: Uint8Array<ArrayBuffer>;
/** Over the 256 kB ingest limit (and the 1 MB API limit for login has its own below). */
const OVERSIZE = JSON.stringify({ email: "big@example.com", message: "x".repeat(400_000) });
const LOGIN_OVERSIZE = JSON.stringify({ email: "a@example.com", password: "p".repeat(1_100_000) });
const TYPEFORM = readFileSync(new URL("../fixtures/vendors/typeform-form-response.json", import.meta.url), "utf8");
let signedReplay: { body: string; signature: string; email: string };
const idemReplay = { key: `replay-${randomBytes(4).toString("hex")}`, email: `idem-replay-${randomBytes(3).toString("hex")}@example.com` };

/** `global.gc` without --expose-gc: the flag set at run time, the function read from a fresh context. */
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const rss = () => {
  gc();
  gc();
  return process.memoryUsage().rss;
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "leadhub-hostile-"));
  stack = await startStack({ worker: true, env: { LEADHUB_DATA_DIR: dataDir, PUBLIC_URL } });
  const tag = randomBytes(3).toString("hex");
  ({ tenant: victim } = await createTenantWithAdmin(stack.services.db, {
    name: HOSTILE_NAME,
    adminEmail: `victim-${tag}@test.leadhub.local`,
    adminPassword: `pw-${tag}-secret`,
  }));
  forgedId = randomUUID();
  await stack.api(`/partners/${stack.partnerId}`, {
    method: "PUT",
    json: { settings: { google_key: "g-key", typeform_secret: "tf-secret", facebook_app_secret: "fb-secret" } },
  });
  formKey = (await (await stack.api("/forms", { method: "POST", json: { name: "Hostile test form" } })).json()).key;
  const hostileForm = await stack.api("/forms", {
    method: "POST",
    json: {
      name: `<script>alert("form")</script> Enquiry`,
      thank_you_message: `</p><script>alert("thanks")</script>`,
      consent_text: `I agree <img src=x onerror=alert(1)>`,
      fields: [
        { name: "name", label: `Name "><svg/onload=alert(1)>`, required: true, maps_to: "name" },
        { name: "email", label: "Email", type: "email", maps_to: "email" },
        { name: "plan", label: "Plan", type: "select", options: [`</option><script>alert("opt")</script>`] },
      ],
    },
  });
  hostileFormKey = (await hostileForm.json()).key;

  // Two sent mails: one to a hostile address in the hostile-named tenant (its pages must escape both), one plain.
  const links = new MailLinks(stack.services.keys.links, PUBLIC_URL);
  const mail = async (tenantId: string, to: string) => {
    const [m] = await stack.services
      .db("email_messages")
      .insert({
        tenant_id: tenantId,
        message_id: `${randomUUID()}@test`,
        to_address: to,
        subject: "Hi",
        status: "sent",
        sent_at: new Date(),
      })
      .returning("id");
    return links.token(m.id);
  };
  pageToken = await mail(victim.id, `r<img src=x onerror=alert(1)>@"><script>alert(document.domain)</script>.example`);
  plainToken = await mail(stack.tenantId, `plain-${tag}@example.com`);

  gzipBomb = new Uint8Array(gzipSync(Buffer.alloc(64 * 1024 * 1024)));
  const email = `signed-replay-${tag}@example.com`;
  const body = JSON.stringify({ name: "Signed Replay", email, message: "sent once, delivered many times" });
  signedReplay = { body, email, signature: signLeadhub(body, stack.signingSecret, Math.floor(Date.now() / 1000)) };
});
afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const uniqueEmail = (r: Rng, what: string) => `${what}-${Math.floor(r() * 1e9).toString(36)}-${randomBytes(2).toString("hex")}@example.com`;
const json = (headers: Record<string, string> = {}) => ({ "content-type": "application/json", ...headers });

/** One hostile request for `endpoint`, drawn from the kinds that endpoint can be attacked with. */
function attackFor(r: Rng, endpoint: string): Attack {
  const key = { authorization: `Bearer ${stack.partnerKey}` };
  const inj = pick(r, INJECTIONS);
  const injected = (what: string) => ({
    first_name: "Inj",
    last_name: randomBytes(4).toString("hex"),
    email: uniqueEmail(r, what),
    message: `«${inj}»`,
    custom_fields: { note: inj },
  });
  const common = (path: string, headers: Record<string, string>, ep: keyof typeof EXPECTED): Attack[] => [
    { endpoint: ep, kind: "malformed_json", path, headers: json(headers), body: pick(r, MALFORMED_JSON) },
    { endpoint: ep, kind: "oversize", path, headers: json(headers), body: OVERSIZE },
    {
      endpoint: ep,
      kind: "wrong_content_type",
      path,
      headers: { ...headers, ...(pick(r, CONTENT_TYPES) ? { "content-type": pick(r, CONTENT_TYPES) } : {}) },
      body: JSON.stringify({ email: uniqueEmail(r, "ctype") }),
    },
    {
      endpoint: ep,
      kind: "bad_encoding",
      path,
      headers: json({ ...headers, "content-encoding": pick(r, ["gzip", "deflate", "br", "x-compress", "gzip, gzip", "identity;q=0"]) }),
      body: new Uint8Array(randomBytes(64 + Math.floor(r() * 512))),
    },
    { endpoint: ep, kind: "gzip_bomb", path, headers: json({ ...headers, "content-encoding": "gzip" }), body: gzipBomb },
    {
      endpoint: ep,
      kind: "huge_header",
      path,
      headers: json({ ...headers, "x-pad": "p".repeat(20_000 + Math.floor(r() * 40_000)) }),
      body: "{}",
    },
    { endpoint: ep, kind: "garbage", path, headers: json(headers), body: JSON.stringify(garbage(r)), garbage: true },
  ];
  switch (endpoint) {
    case "leads": {
      const path = "/ingest/leads";
      return pick(r, [
        ...common(path, key, "leads"),
        { endpoint: "leads", kind: "schema", path, headers: json(key), body: JSON.stringify(pick(r, SCHEMA_VIOLATIONS)) },
        {
          endpoint: "leads",
          kind: "forbidden",
          path,
          headers: json(key),
          body: JSON.stringify({ email: uniqueEmail(r, "forbidden"), ...pick(r, forbiddenProps(victim.id, forgedId)) }),
          forbidden: true,
        },
        { endpoint: "leads", kind: "injection", path, headers: json(key), ...withPayload(injected("inj-api")) },
        { endpoint: "leads", kind: "injection", path, headers: json(key), ...withPayload(injected("inj-api")) },
        {
          endpoint: "leads",
          kind: "bad_auth",
          path,
          headers: json(
            pick<Record<string, string>>(r, [
              {},
              { authorization: "Bearer " + "k".repeat(300) },
              { authorization: "Basic YTpi" },
              { authorization: `Bearer ${inj.slice(0, 100).replace(/[^\t\x20-\x7e\x80-\xff]/g, "")}` },
              { authorization: `Bearer ${stack.partnerKey}x` },
            ]),
          ),
          body: JSON.stringify({ email: "anon@example.com" }),
        },
        {
          endpoint: "leads",
          kind: "replay",
          path,
          headers: json({ ...key, "idempotency-key": idemReplay.key }),
          body: JSON.stringify({ name: "Idem Replay", email: idemReplay.email }),
          replay: "idempotency",
        },
      ]);
    }
    case "webhooks": {
      const format = pick(r, ["generic", "generic", "generic", "typeform", "facebook", "google-ads", "hubspot", "indiamart"]);
      const path = `/ingest/webhooks/${stack.partnerId}/${format}`;
      const now = Math.floor(Date.now() / 1000);
      const generic = injected("inj-hook");
      const generics = JSON.stringify(generic);
      const typeform = typeformWith(inj, uniqueEmail(r, "inj-tf"));
      return pick(r, [
        ...common(path, key, "webhooks"),
        {
          endpoint: "webhooks",
          kind: "forbidden",
          path: `/ingest/webhooks/${stack.partnerId}/generic`,
          headers: json(key),
          body: JSON.stringify({ email: uniqueEmail(r, "forbidden-hook"), ...pick(r, forbiddenProps(victim.id, forgedId)) }),
          forbidden: true,
        },
        {
          endpoint: "webhooks",
          kind: "injection",
          path: `/ingest/webhooks/${stack.partnerId}/generic`,
          headers: json(key),
          ...withPayload(generic),
        },
        {
          endpoint: "webhooks",
          kind: "injection",
          path: `/ingest/webhooks/${stack.partnerId}/typeform`,
          headers: json({ "typeform-signature": `sha256=${createHmac("sha256", "tf-secret").update(typeform).digest("base64")}` }),
          body: typeform,
          injection: { payload: JSON.parse(typeform) },
        },
        {
          endpoint: "webhooks",
          kind: "bad_signature",
          path: `/ingest/webhooks/${stack.partnerId}/generic`,
          headers: json({
            "x-leadhub-signature": pick(r, [
              `t=${now},v1=${"0".repeat(64)}`,
              "v1=abc",
              `t=${now}`,
              "garbage",
              `t=${now},v1=${signLeadhub(generics, "wrong-secret", now).split("v1=")[1]}`,
            ]),
          }),
          body: generics,
        },
        {
          endpoint: "webhooks",
          kind: "stale_signature",
          path: `/ingest/webhooks/${stack.partnerId}/generic`,
          headers: json({ "x-leadhub-signature": signLeadhub(generics, stack.signingSecret, now - 3600) }),
          body: generics,
        },
        {
          endpoint: "webhooks",
          kind: "bad_signature",
          path: `/ingest/webhooks/${stack.partnerId}/typeform`,
          headers: json({ "typeform-signature": pick(r, ["sha256=AAAA", "", "md5=x"]) }),
          body: typeform,
        },
        {
          endpoint: "webhooks",
          kind: "bad_signature",
          path: `/ingest/webhooks/${stack.partnerId}/facebook`,
          headers: json({ "x-hub-signature-256": "sha256=" + "f".repeat(64) }),
          body: '{"entry":[]}',
        },
        {
          endpoint: "webhooks",
          kind: "bad_signature",
          path: `/ingest/webhooks/${stack.partnerId}/google-ads`,
          headers: json(),
          body: JSON.stringify({ google_key: "wrong", lead_id: "1", user_column_data: [] }),
        },
        {
          endpoint: "webhooks",
          kind: "replay",
          path: `/ingest/webhooks/${stack.partnerId}/generic`,
          headers: json({ "x-leadhub-signature": signedReplay.signature }),
          body: signedReplay.body,
          replay: "signature",
        },
        {
          endpoint: "webhooks",
          kind: "unknown_route",
          path: pick(r, [
            `/ingest/webhooks/${stack.partnerId}/zapier`,
            `/ingest/webhooks/not-a-uuid/generic`,
            `/ingest/webhooks/${randomUUID()}/generic`,
            `/ingest/webhooks/${stack.partnerId}/..%2f..%2fapi%2fusers`,
          ]),
          headers: json(key),
          body: generics,
        },
      ]);
    }
    case "forms": {
      const path = `/ingest/forms/${formKey}`;
      const xff = { "x-forwarded-for": `203.0.${Math.floor(r() * 250)}.${Math.floor(r() * 250)}`, accept: "application/json" };
      const browser = {
        "x-forwarded-for": xff["x-forwarded-for"],
        "content-type": "application/x-www-form-urlencoded",
        accept: "text/html",
      };
      return pick(r, [
        ...common(path, xff, "forms"),
        {
          endpoint: "forms",
          kind: "injection",
          path,
          headers: json(xff),
          ...withPayload({ name: `Inj ${randomBytes(3).toString("hex")}`, email: uniqueEmail(r, "inj-form"), message: `«${inj}»` }),
        },
        {
          endpoint: "forms",
          kind: "reflected",
          path,
          headers: browser,
          body: new URLSearchParams({ name: "Reflect", email: inj }).toString(),
        },
        {
          endpoint: "forms",
          kind: "schema",
          path,
          headers: json(xff),
          body: JSON.stringify(
            pick(r, [
              { email: "noname@example.com" },
              { name: "No contact" },
              ["array"],
              "string",
              { name: { nested: true }, email: "n@example.com" },
            ]),
          ),
        },
        {
          endpoint: "forms",
          kind: "forbidden",
          path,
          headers: json(xff),
          body: JSON.stringify({
            name: "Forbidden Form",
            email: uniqueEmail(r, "forbidden-form"),
            ...pick(r, forbiddenProps(victim.id, forgedId)),
          }),
          forbidden: true,
        },
        {
          endpoint: "forms",
          kind: "bad_multipart",
          path,
          headers: { ...xff, "content-type": "multipart/form-data; boundary=zz" },
          body: `--zz\r\nContent-Disposition: form-data; name="name"\r\n\r\n${inj}\r\n--zz`,
        },
        {
          endpoint: "forms",
          kind: "unknown_form",
          path: `/ingest/forms/${pick(r, ["f_nope", "../../api/users", "%00", "x".repeat(3000)])}`,
          headers: json(xff),
          body: "{}",
        },
        {
          endpoint: "form-page",
          kind: "form_page",
          method: "GET",
          path: `/forms/${pick(r, [formKey, hostileFormKey, "f_missing", "%3Cscript%3E", `${formKey}/thanks`])}`,
        },
      ]);
    }
    case "email": {
      const path = "/ingest/email";
      const rfc = { ...key, "content-type": "message/rfc822" };
      const mime = hostileMime(r);
      return pick(r, [
        { endpoint: "email", kind: "mime", path, headers: rfc, body: mime },
        { endpoint: "email", kind: "mime", path, headers: rfc, body: mime },
        { endpoint: "email", kind: "mime", path, headers: rfc, body: mime },
        {
          endpoint: "email",
          kind: "not_a_message",
          path,
          headers: rfc,
          body: pick(r, ["", "no headers here", "\r\n\r\nbody only", randomBytes(256).toString("latin1")]),
        },
        {
          endpoint: "email",
          kind: "wrong_content_type",
          path,
          headers: { ...key, "content-type": pick(r, ["text/plain", "application/json", "multipart/mixed"]) },
          body: mime,
        },
        { endpoint: "email", kind: "bad_auth", path, headers: { "content-type": "message/rfc822" }, body: mime },
        {
          endpoint: "email",
          kind: "bad_encoding",
          path,
          headers: { ...rfc, "content-encoding": "gzip" },
          body: new Uint8Array(randomBytes(300)),
        },
      ]);
    }
    case "imports": {
      const form = new FormData();
      const file = pick(r, HOSTILE_CSV);
      if (r() < 0.25) form.append("start", "true");
      if (r() < 0.15)
        form.append(
          pick(r, ["mapping", "defaults", "options"]),
          pick(r, [
            "{not json",
            JSON.stringify({ owner_id: forgedId }),
            JSON.stringify({ Name: "tenant_id" }),
            JSON.stringify({ unmapped: "all", x: 1 }),
          ]),
        );
      form.append("file", new Blob([file.bytes]), file.name);
      const auth = { authorization: `Bearer ${stack.adminToken}` };
      return pick(r, [
        { endpoint: "imports", kind: "hostile_csv", path: "/api/imports", headers: auth, body: form },
        { endpoint: "imports", kind: "hostile_csv", path: "/api/imports", headers: auth, body: form },
        {
          endpoint: "imports",
          kind: "not_multipart",
          path: "/api/imports",
          headers: { ...auth, "content-type": pick(r, ["text/csv", "application/json", "multipart/form-data"]) },
          body: "Name,Email\nx,y@example.com\n",
        },
        { endpoint: "imports", kind: "bad_auth", path: "/api/imports", headers: {}, body: form },
      ]);
    }
    case "mail-links": {
      const junk = pick(r, [
        "x",
        "A".repeat(38),
        "%00",
        "..%2f..%2fetc%2fpasswd",
        "t".repeat(8000),
        encodeURIComponent(inj.slice(0, 200).toWellFormed()),
        `${plainToken.slice(0, -1)}${plainToken.endsWith("A") ? "B" : "A"}`,
      ]);
      return pick(r, [
        {
          endpoint: "mail-links",
          kind: "unsubscribe_page",
          method: "GET",
          path: `/u/${pick(r, [pageToken, plainToken])}?List-Unsubscribe=One-Click&email=${encodeURIComponent(inj.slice(0, 100).toWellFormed())}`,
        },
        { endpoint: "mail-links", kind: "bad_token", method: "GET", path: `/u/${junk}` },
        {
          endpoint: "mail-links",
          kind: "bad_token",
          method: "POST",
          path: `/u/${junk}`,
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: "List-Unsubscribe=One-Click",
        },
        {
          endpoint: "mail-links",
          kind: "oversize",
          method: "POST",
          path: `/u/${junk}`,
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: `a=${"b".repeat(20_000)}`,
        },
        { endpoint: "mail-links", kind: "open_pixel", method: "GET", path: `/t/o/${pick(r, [junk, plainToken])}` },
        {
          endpoint: "mail-links",
          kind: "open_redirect",
          method: "GET",
          path: `/t/c/${pick(r, [junk, plainToken])}?url=${encodeURIComponent(pick(r, ["javascript:alert(1)", "https://evil.example/", "//evil.example", "data:text/html,<script>alert(1)</script>"]))}&s=${pick(r, ["", "AAAA", "x".repeat(500)])}`,
        },
      ]);
    }
    case "login": {
      const path = "/api/auth/login";
      return pick(r, [
        { endpoint: "login", kind: "malformed_json", path, headers: json(), body: pick(r, MALFORMED_JSON) },
        { endpoint: "login", kind: "oversize", path, headers: json(), body: LOGIN_OVERSIZE },
        {
          endpoint: "login",
          kind: "schema",
          path,
          headers: json(),
          body: JSON.stringify(
            pick(r, [{}, { email: ["a"] }, { email: "a@example.com", password: "p".repeat(201) }, [1, 2], { email: "", password: "" }]),
          ),
        },
        {
          endpoint: "login",
          kind: "wrong_content_type",
          path,
          headers: { "content-type": pick(r, ["text/plain", "application/x-www-form-urlencoded", "application/json; charset=bogus"]) },
          body: `email=${encodeURIComponent(stack.adminEmail)}&password=x`,
        },
        {
          endpoint: "login",
          kind: "injection",
          path,
          headers: json(),
          body: JSON.stringify({
            email: pick(r, [`${stack.adminEmail}' OR '1'='1`, "' OR 1=1 --", `${stack.adminEmail}\u0000`, inj.slice(0, 300)]),
            password: pick(r, ["' OR '1'='1", "x", "\u0000"]),
            role: "admin",
            tenant_id: victim.id,
          }),
        },
      ]);
    }
    default: {
      const host = new URL(stack.baseUrl).host;
      const path = pick(r, ["/ingest/leads", `/ingest/forms/${formKey}`, "/api/auth/login", `/ingest/webhooks/${stack.partnerId}/generic`]);
      return { endpoint: "raw", kind: "smuggling", path, raw: pick(r, smuggling(path, host)) };
    }
  }
}

function withPayload(payload: Record<string, unknown>): Pick<Attack, "body" | "injection"> {
  return { body: JSON.stringify(payload), injection: { payload, message: payload.message as string | undefined } };
}

/** The Typeform fixture with a hostile long answer and a fresh address. */
function typeformWith(inj: string, email: string): string {
  const tf = JSON.parse(TYPEFORM);
  tf.event_id = randomUUID();
  tf.form_response.token = randomBytes(16).toString("hex");
  for (const a of tf.form_response.answers) {
    if (a.type === "email") a.email = email;
    if (a.type === "text") a.text = inj;
    if (a.type === "phone_number") delete a.phone_number;
  }
  tf.form_response.answers = tf.form_response.answers.filter((a: { type: string; phone_number?: string }) => a.type !== "phone_number");
  return JSON.stringify(tf);
}

/** Endpoints by share of the attack. */
const WEIGHTS: [string, number][] = [
  ["leads", 26],
  ["webhooks", 24],
  ["forms", 14],
  ["email", 10],
  ["imports", 4],
  ["mail-links", 12],
  ["login", 8],
  ["raw", 2],
];

function plan(r: Rng, n: number): Attack[] {
  const total = WEIGHTS.reduce((s, [, w]) => s + w, 0);
  return Array.from({ length: n }, () => {
    let x = r() * total;
    const [endpoint] = WEIGHTS.find(([, w]) => (x -= w) < 0) ?? WEIGHTS[0];
    return attackFor(r, endpoint);
  });
}

interface Answer {
  ms?: number;
  a: Attack;
  status: number;
  code: string;
  body: string;
}

async function send(a: Attack): Promise<Answer> {
  if (a.raw) {
    const res = await rawHttp(Number(new URL(stack.baseUrl).port), a.raw);
    return { a, status: res.status, code: "node", body: res.body };
  }
  let body = a.body;
  const headers = { ...a.headers };
  if (body instanceof FormData) {
    const encoded = new Response(body);
    headers["content-type"] = encoded.headers.get("content-type")!;
    body = new Uint8Array(await encoded.arrayBuffer());
  }
  // Each attacker on a connection of its own (agent false), valid senders on theirs.
  const res = await exchange(`${stack.baseUrl}${a.path}`, { method: a.method, headers, body }, false).catch((e: Error) => e);
  // A server may answer and close before a huge body or header block is all sent: the client sees the connection go.
  if (res instanceof Error) return { a, status: 0, code: "node", body: String((res as { code?: string }).code ?? res.message) };
  let code = String(res.status);
  const type = String(res.headers["content-type"] ?? "");
  if (res.status >= 400)
    code = /json/.test(type) ? String(JSON.parse(res.body).error?.code) : /html/.test(type) ? "html" : res.body === "" ? "node" : "unknown";
  return { a, status: res.status, code, body: res.body };
}

const sentText = (a: Attack) => `${a.path} ${JSON.stringify(a.headers ?? {})} ${typeof a.body === "string" ? a.body : ""} ${a.raw ?? ""}`;

describe("hostile input on every public endpoint while valid traffic flows", () => {
  it(`when ${TOTAL} hostile requests arrive with valid leads flowing, then every answer is a 2xx or a stable 4xx, nothing leaks, injections are kept byte for byte, replays create nothing, memory and latency hold`, async () => {
    const attacks = plan(rng(20261202), TOTAL);
    const tag = randomBytes(3).toString("hex");
    const rssCold = rss();
    const answers: Answer[] = [];
    for (let i = 0; i < WARM_UP; i += IN_FLIGHT)
      answers.push(...(await Promise.all(attacks.slice(i, Math.min(i + IN_FLIGHT, WARM_UP)).map(send))));
    const rssBefore = rss();
    const heapBefore = process.memoryUsage().heapUsed;

    // Valid traffic: leads posted back to back by a few senders, each timed.
    let stop = false;
    const latencies: number[] = [];
    const acked: string[] = [];
    const validFailures: string[] = [];
    const validAgent = new Agent({ keepAlive: true, maxSockets: VALID_LOOPS });
    const senders = Array.from({ length: VALID_LOOPS }, async (_, s) => {
      for (let i = 0; !stop; i++) {
        const email = `valid-${tag}-${s}-${i}@example.com`;
        const t0 = performance.now();
        const headers = { authorization: `Bearer ${stack.partnerKey}`, "content-type": "application/json" };
        const res = await exchange(
          `${stack.baseUrl}/ingest/leads`,
          { headers, body: JSON.stringify({ first_name: "Valid", last_name: `Sender ${s}x${i}`, email, message: "a real enquiry" }) },
          validAgent,
        ).catch((e: Error) => ({ status: 0, body: e.message }));
        latencies.push(performance.now() - t0);
        if (res.status === 202) acked.push(email);
        else validFailures.push(`${res.status} ${res.body}`);
      }
    });

    const t0 = performance.now();
    let next = WARM_UP;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < attacks.length) {
          const started = performance.now();
          const x = await send(attacks[next++]);
          answers.push({ ...x, ms: performance.now() - started });
        }
      }),
    );
    const attackMs = performance.now() - t0;
    const slowest = answers
      .filter((x) => x.ms !== undefined)
      .sort((x, y) => y.ms! - x.ms!)
      .slice(0, 8)
      .map((x) => `${x.a.endpoint}/${x.a.kind} ${Math.round(x.ms!)}ms ${x.status}`);
    console.log(`attack took ${Math.round(attackMs)} ms; slowest: ${slowest.join("; ")}`);
    const settleStart = performance.now();
    stop = true;
    await Promise.all(senders);
    validAgent.destroy();

    // Every answer: never a 5xx; a 4xx is JSON with a stable code this endpoint is expected to give (or a page for people, or node's own refusal).
    const histogram: Record<string, Record<string, number>> = {};
    const problems: string[] = [];
    for (const x of answers) {
      (histogram[x.a.endpoint] ??= {})[x.code] = (histogram[x.a.endpoint][x.code] ?? 0) + 1;
      const what = `${x.a.endpoint}/${x.a.kind} ${x.a.method ?? "POST"} ${x.a.path.slice(0, 80)} → ${x.status} ${x.body.slice(0, 160)}`;
      if (x.status >= 500) problems.push(`5xx: ${what}`);
      else if (x.status >= 400 || x.code === "node") {
        if (
          !EXPECTED[x.a.endpoint].includes(x.code) &&
          !(x.code === "node" && ["huge_header", "smuggling", "oversize", "gzip_bomb"].includes(x.a.kind))
        )
          problems.push(`unexpected code ${x.code}: ${what}`);
        if (x.code !== "node" && x.code !== "html" && !/^[a-z][a-z0-9_.]*$/.test(x.code)) problems.push(`unstable code: ${what}`);
      }
      for (const leak of LEAKS) {
        const m = leak.exec(x.body);
        if (m && !sentText(x.a).includes(m[0])) problems.push(`leak ${leak}: ${what}`);
      }
      // A page that shows what was sent must show it as text.
      if (x.code === "html" || /<html/i.test(x.body)) {
        for (const s of INJECTIONS) if (/[<>"]/.test(s) && x.body.includes(s)) problems.push(`unescaped ${JSON.stringify(s)} in ${what}`);
      }
    }
    expect(problems.slice(0, 30)).toEqual([]);
    expect(validFailures).toEqual([]);

    // Replays: every delivery of the one signed request, and of the one Idempotency-Key, answered 2xx with one id.
    for (const kind of ["signature", "idempotency"]) {
      const replays = answers.filter((x) => x.a.replay === kind);
      // Two copies of one keyed request at the same instant: the later hears 409 in flight (and would retry).
      expect(
        replays.every((x) => x.status === 200 || x.status === 202 || x.code === "idempotency_in_flight"),
        kind,
      ).toBe(true);
      expect(new Set(replays.filter((x) => x.status < 300).map((x) => JSON.parse(x.body).id)).size).toBeLessThanOrEqual(1);
    }

    // Everything accepted is processed to an end: nothing stuck, the worker alive.
    const db = stack.services.db;
    await expectEventually(
      async () => {
        const waiting = await db("inbound_events")
          .where("tenant_id", stack.tenantId)
          .whereIn("status", ["received", "processing"])
          .select("id", "channel", "format", "status", "attempts", "error", db.raw("left(coalesce(raw, payload::text), 300) as sample"));
        expect(waiting).toEqual([]);
      },
      90_000,
      500,
    );
    const settleMs = performance.now() - settleStart;
    console.log(`settled in ${Math.round(settleMs)} ms`);
    expect((await fetch(`${stack.baseUrl}/healthz`)).status).toBe(200);
    const rssAfter = rss();
    const growthMb = (rssAfter - rssBefore) / 1024 / 1024;
    const heapGrowthMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    const mb = (n: number) => +(n / 1024 / 1024).toFixed(1);
    const sorted = [...latencies].sort((x, y) => x - y);
    const p = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
    console.log(
      `hostile input figures: ${JSON.stringify({
        requests: answers.length,
        attack_seconds: +(attackMs / 1000).toFixed(1),
        settle_seconds: +(settleMs / 1000).toFixed(1),
        five_xx: answers.filter((x) => x.status >= 500).length,
        valid_leads: acked.length,
        valid_p50_ms: p(0.5),
        valid_p99_ms: p(0.99),
        rss_growth_mb: +growthMb.toFixed(1),
        rss_growth_from_cold_mb: mb(rssAfter - rssCold),
        heap_growth_mb: mb(process.memoryUsage().heapUsed - heapBefore),
        codes: histogram,
      })}`,
    );

    // 0 acknowledged valid leads lost.
    const validLeads = await db("leads")
      .where("tenant_id", stack.tenantId)
      .where("email", "like", `valid-${tag}-%`)
      .count<{ n: number }[]>({ n: "*" });
    expect(Number(validLeads[0].n)).toBe(acked.length);

    // Injection strings: the stored payload is what was sent (NUL and lone surrogates as U+FFFD), and so is the lead's message.
    const ids = (x: Answer) =>
      (x.status === 202 || x.status === 200) && x.body.startsWith("{") ? (JSON.parse(x.body).id as string | undefined) : undefined;
    const stored = answers.filter((x) => x.a.injection && ids(x));
    const events = new Map(
      (
        await db("inbound_events")
          .whereIn("id", stored.map(ids) as string[])
          .select("id", "payload", "lead_id", "outcome")
      ).map((e) => [e.id, e]),
    );
    const leadIds = [...events.values()].map((e) => e.lead_id).filter(Boolean);
    const leads = new Map((await db("leads").whereIn("id", leadIds).select("id", "message")).map((l) => [l.id, l]));
    const mismatches: string[] = [];
    const deepStored = (v: unknown): unknown =>
      typeof v === "string"
        ? asStored(v)
        : Array.isArray(v)
          ? v.map(deepStored)
          : v && typeof v === "object"
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deepStored(x)]))
            : v;
    let checkedMessages = 0;
    for (const x of stored) {
      const e = events.get(ids(x)!);
      try {
        expect(e.payload).toEqual(deepStored(x.a.injection!.payload));
      } catch {
        mismatches.push(`payload of ${x.a.endpoint} ${JSON.stringify(x.a.injection!.payload).slice(0, 120)}`);
      }
      // The canonical API keeps `message` as sent (trimmed); vendor and form adapters tidy whitespace, so there the payload is the record.
      const message = x.a.endpoint === "leads" ? x.a.injection!.message : undefined;
      if (message && e.lead_id && e.outcome === "created") {
        checkedMessages++;
        if (leads.get(e.lead_id)?.message !== asStored(message))
          mismatches.push(
            `message ${JSON.stringify(message).slice(0, 80)} stored as ${JSON.stringify(leads.get(e.lead_id)?.message).slice(0, 80)}`,
          );
      }
    }
    expect(mismatches).toEqual([]);
    expect(stored.length).toBeGreaterThan(TOTAL / 40);
    expect(checkedMessages).toBeGreaterThan(TOTAL / 100);

    // Forbidden properties changed nothing: no lead in the victim tenant, none with the forged id, owner or score.
    expect(await db("leads").where("tenant_id", victim.id).first("id")).toBeUndefined();
    expect(await db("inbound_events").where("tenant_id", victim.id).first("id")).toBeUndefined();
    expect(
      await db("leads").where("id", forgedId).orWhere("owner_id", forgedId).orWhere("duplicate_of_id", forgedId).first("id"),
    ).toBeUndefined();
    expect(await db("leads").where("tenant_id", stack.tenantId).where("lead_score", ">=", 987_654).first("id")).toBeUndefined();
    // Garbage accepted by a lenient endpoint is kept as an event; none of it became a lead.
    const garbageIds = answers.filter((x) => x.a.garbage && ids(x)).map(ids) as string[];
    expect(await db("inbound_events").whereIn("id", garbageIds).whereNotNull("lead_id").first("id")).toBeUndefined();
    // Replays: one lead each.
    for (const email of [signedReplay.email, idemReplay.email]) {
      const n = await db("leads").where({ tenant_id: stack.tenantId, email }).count<{ n: number }[]>({ n: "*" });
      expect(Number(n[0].n), email).toBeLessThanOrEqual(1);
    }
    // A GET of the unsubscribe page, whatever its query, unsubscribed nobody.
    expect(await db("suppressions").whereIn("tenant_id", [victim.id, stack.tenantId]).first("id")).toBeUndefined();
    // Hostile CSV uploads that started are finished, one way or the other.
    await expectEventually(
      async () => {
        const open = await db("imports")
          .where("tenant_id", stack.tenantId)
          .whereIn("status", ["queued", "running"])
          .count<{ n: number }[]>({ n: "*" });
        expect(Number(open[0].n)).toBe(0);
      },
      30_000,
      250,
    );

    expect(p(0.99)).toBeLessThan(2_000);
    // A leak shows in the heap after GC (about 10 MB here, alone or loaded). RSS keeps the allocator's
    // high-water mark: on a loaded CI machine more requests are in flight at once and it reached 102 MB
    // in one full run (40 MB alone), so its bound is looser.
    expect(heapGrowthMb).toBeLessThan(40);
    expect(growthMb).toBeLessThan(160);
  }, 240_000);

  it("when hostile strings sit in a lead's name, company and message, then the API answers them byte for byte", async () => {
    const lead = {
      first_name: "Robert'); DROP TABLE leads;-- <img src=x onerror=alert(1)> {{7*7}}",
      company: '=HYPERLINK("http://x")',
      email: `bobby-${randomBytes(3).toString("hex")}@example.com`,
      message: "<script>alert('x')</script>\n{{ lead.email }}",
    };
    const res = await stack.postLead(lead);
    expect(res.status).toBe(202);
    const { id } = await res.json();
    const ev = await expectEventually(async () => {
      const e = await (await stack.api(`/inbound_events/${id}`)).json();
      expect(e.lead_id).toBeTruthy();
      return e;
    }, 15_000);
    expect(await (await stack.api(`/leads/${ev.lead_id}`)).json()).toMatchObject({
      first_name: lead.first_name,
      company: lead.company,
      message: lead.message,
    });
  });

  it("when a mail's base64 part decodes to NUL bytes, then intake finishes it at once (NUL kept as U+FFFD) instead of failing on every retry", async () => {
    const raw = `From: "Nul\u0000Name" <nul-${randomBytes(3).toString("hex")}@example.com>\r\nSubject: zero\u0000bytes\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\nAAAAAAAAaGVsbG8AAAA=\r\n`;
    const res = await fetch(`${stack.baseUrl}/ingest/email`, {
      method: "POST",
      headers: { authorization: `Bearer ${stack.partnerKey}`, "content-type": "message/rfc822" },
      body: Buffer.from(raw, "latin1"),
    });
    expect(res.status).toBe(202);
    const { id } = await res.json();
    const ev = await expectEventually(async () => {
      const e = await stack.services.db("inbound_events").where("id", id).first("status", "outcome", "lead_id", "attempts");
      expect(e.status).toBe("done");
      return e;
    }, 15_000);
    expect(ev).toMatchObject({ outcome: "created", attempts: 1 });
    const lead = await stack.services.db("leads").where("id", ev.lead_id).first("message", "first_name");
    expect(lead.message).toContain("hello");
    expect(JSON.stringify(lead)).not.toContain("\\u0000");
  });

  it("when pages show hostile text (form, thank-you, problem and unsubscribe pages), then it is escaped", async () => {
    const page = await (await fetch(`${stack.baseUrl}/forms/${hostileFormKey}`)).text();
    expect(page).toContain("&lt;script&gt;alert(&quot;form&quot;)&lt;/script&gt; Enquiry");
    expect(page).toContain("Name &quot;&gt;&lt;svg/onload=alert(1)&gt;");
    expect(page).toContain("I agree &lt;img src=x onerror=alert(1)&gt;");
    expect(page).toContain("&lt;/option&gt;&lt;script&gt;alert(&quot;opt&quot;)&lt;/script&gt;");
    expect(page).not.toMatch(/<script>alert|<svg|<img src=x/);
    const thanks = await (await fetch(`${stack.baseUrl}/forms/${hostileFormKey}/thanks`)).text();
    expect(thanks).toContain("&lt;/p&gt;&lt;script&gt;alert(&quot;thanks&quot;)&lt;/script&gt;");
    expect(thanks).not.toContain("<script>alert");

    // A browser post that fails shows a page naming the bad value: as text.
    const problem = await fetch(`${stack.baseUrl}/ingest/forms/${hostileFormKey}`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html", "x-forwarded-for": "198.51.100.77" },
      body: new URLSearchParams({ name: "Reflect", email: "<script>alert('reflected')</script>" }).toString(),
    });
    expect(problem.status).toBe(422);
    const problemPage = await problem.text();
    expect(problemPage).toMatch(/(&lt;|&#60;)script(&gt;|&#62;)alert\((&#39;|&#x27;)reflected/);
    expect(problemPage).not.toContain("<script>");

    const unsubscribe = await fetch(`${stack.baseUrl}/u/${pageToken}`);
    expect(unsubscribe.status).toBe(200);
    const html = await unsubscribe.text();
    expect(html).toContain("Acme &lt;script&gt;alert(&quot;tenant&quot;)&lt;/script&gt; &amp; &quot;Sons&quot;");
    expect(html).toContain("&lt;/script&gt;.example");
    expect(html).not.toMatch(/<script>|<img src=x/);
    expect(await stack.services.db("suppressions").where("tenant_id", victim.id).first("id")).toBeUndefined();
  });
});

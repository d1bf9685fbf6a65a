/**
 * Capture channels: web-form posts/s and signed generic webhook posts/s through leadhub's API,
 * beside the bare Express + pg insert in the same run (50 connections, 10 s, no worker), and
 * inbound emails read per second (1 KB to 200 KB mix) beside mailparser alone on the same mix.
 */
import autocannon from "autocannon";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { simpleParser } from "mailparser";
import { signLeadhub } from "../core/crypto.ts";
import { readEmail } from "../core/capture/email/read-email.ts";
import {
  createTenantAndPartner,
  fmt,
  killTree,
  leadBody,
  leadhubEnv,
  ratio,
  ROOT,
  startServer,
  table,
  type BenchEnv,
  type BenchReport,
} from "./lib.ts";

const CONNECTIONS = 50;
const DURATION_S = 10;

interface Load {
  perSecond: number;
  p99: number;
  non2xx: number;
}

async function load(
  url: string,
  path: string,
  headers: Record<string, string>,
  body: () => { body: string; headers?: Record<string, string> },
): Promise<Load> {
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    timeout: 10,
    requests: [
      {
        method: "POST",
        path,
        headers,
        setupRequest: (req) => {
          const b = body();
          return { ...req, body: b.body, headers: { ...req.headers, ...b.headers } };
        },
      },
    ],
  });
  return { perSecond: r["2xx"] / r.duration, p99: r.latency.p99, non2xx: r.non2xx };
}

/** Form fields as a browser posts them; a different visitor address each time, as real traffic has. */
function formBody() {
  const lead = JSON.parse(leadBody()) as Record<string, string>;
  const fields = new URLSearchParams({
    name: `${lead.first_name} ${lead.last_name}`,
    email: lead.email,
    phone: lead.phone,
    company: lead.company,
    message: lead.message,
  });
  const ip = `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
  return { body: fields.toString(), headers: { "x-forwarded-for": ip } };
}

async function emailMix(): Promise<Buffer[]> {
  const dir = join(ROOT, "test/fixtures/email");
  const small = readdirSync(dir)
    .filter((f) => f.endsWith(".eml"))
    .map((f) => readFileSync(join(dir, f)));
  // Larger messages: a direct enquiry with a long quoted thread (~50 KB and ~200 KB).
  const base = readFileSync(join(dir, "direct-gmail-signature.eml"), "latin1");
  const big = (kb: number) =>
    Buffer.from(
      base.replace(
        "Hello Team,",
        `Hello Team,\n${"> Earlier message in the thread, quoted back by the mail client.\n".repeat((kb * 1024) / 66)}`,
      ),
      "latin1",
    );
  return [...small, big(50), big(200)];
}

async function emailsPerSecond(read: (m: Buffer) => Promise<unknown>, mix: Buffer[], seconds = 5): Promise<number> {
  for (const m of mix) await read(m);
  let n = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) await read(mix[n++ % mix.length]);
  return n / seconds;
}

export async function benchCapture(env: BenchEnv): Promise<BenchReport> {
  const t = await createTenantAndPartner(env, "capture");
  const key = `f_bench${randomBytes(6).toString("hex")}`;
  await env.db("forms").insert({ tenant_id: t.tenantId, name: "Bench form", key, honeypot_field: "website_url" });

  const rows: (string | number)[][] = [];
  const bare = await startServer("bare", "bench/servers/bare-express.ts", {
    ...leadhubEnv(env),
    BENCH_TENANT_ID: t.tenantId,
    BENCH_PARTNER_ID: t.partnerId,
  });
  const bareLoad = await load(bare.url, "/ingest/leads", { "content-type": "application/json" }, () => ({ body: leadBody() }));
  await killTree(bare.p);
  rows.push(["bare Express + pg insert (JSON)", fmt(bareLoad.perSecond), `${bareLoad.p99} ms`, "1.00×"]);
  console.log(`  bare: ${fmt(bareLoad.perSecond)} req/s, p99 ${bareLoad.p99} ms`);

  const api = await startServer(
    "leadhub",
    "bench/servers/leadhub-api.ts",
    leadhubEnv(env, { FORM_RATE_PER_IP: "1000000", FORM_RATE_PER_FORM: "100000000" }),
  );
  try {
    const form = await load(
      api.url,
      `/ingest/forms/${key}`,
      { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      formBody,
    );
    rows.push([
      "web form posts (form-encoded, rate limit checked)",
      fmt(form.perSecond),
      `${form.p99} ms`,
      ratio(form.perSecond, bareLoad.perSecond),
    ]);
    console.log(`  forms: ${fmt(form.perSecond)} req/s, p99 ${form.p99} ms, non-2xx ${form.non2xx}`);
    const hook = await load(api.url, `/ingest/webhooks/${t.partnerId}/generic`, { "content-type": "application/json" }, () => {
      const body = leadBody();
      return { body, headers: { "x-leadhub-signature": signLeadhub(body, t.signingSecret, Math.floor(Date.now() / 1000)) } };
    });
    rows.push(["signed generic webhooks (HMAC checked)", fmt(hook.perSecond), `${hook.p99} ms`, ratio(hook.perSecond, bareLoad.perSecond)]);
    console.log(`  webhooks: ${fmt(hook.perSecond)} req/s, p99 ${hook.p99} ms, non-2xx ${hook.non2xx}`);
  } finally {
    await killTree(api.p);
  }

  const mix = await emailMix();
  const sizes = mix.map((m) => m.length).sort((a, b) => a - b);
  const raw = await emailsPerSecond((m) => simpleParser(m), mix);
  const ours = await emailsPerSecond((m) => readEmail(m, { region: "IN" }), mix);
  const mailRows = [
    ["mailparser simpleParser alone", fmt(raw), "1.00×"],
    ["readEmail (parse + classify + extract the lead)", fmt(ours), ratio(ours, raw)],
  ];
  const http = table(["what", "req/s", "p99", "vs bare"], rows);
  const mail = table(
    [`emails (${mix.length} messages, ${fmt(sizes[0] / 1024, 1)}–${fmt(sizes[sizes.length - 1] / 1024)} KB)`, "messages/s", "vs raw"],
    mailRows,
  );
  return {
    name: "capture",
    text: `${http.text}\n\n${mail.text}`,
    markdown: `${http.markdown}\n\n${mail.markdown}`,
  };
}

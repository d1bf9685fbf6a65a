/**
 * Reports (docs/journey.md) — every report and the dashboard through the real API (a child process), on one tenant
 * holding 1,000,000 leads, 5,000,000 activities, 500,000 engagements and 200,000 ledger entries:
 * median and p95 latency over a few calls each, beside a plain `SELECT count(*) FROM leads WHERE
 * tenant_id = ?` timed in the same run. The rollup is built once first (as the 15-minute job does),
 * and its build and an incremental refresh are timed too.
 */
import { hashPassword } from "../core/passwords.ts";
import { refreshReportCubes } from "../core/reports/facts.ts";
import {
  createTenantAdmin,
  fmt,
  killTree,
  leadhubEnv,
  login,
  median,
  ratio,
  startServer,
  table,
  withPrefix,
  type BenchEnv,
  type BenchReport,
} from "./lib.ts";

const LEADS = Number(process.env.BENCH_REPORTS_LEADS ?? 1_000_000);
const ACTIVITIES_PER_LEAD = 5;
const ACCOUNTS = 2000;
const LEDGER_PER_ACCOUNT = 100;
const OWNERS = 25;
const CALLS = 11;

const secs = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);

/** Everything set-based: each table is one INSERT … SELECT over generate_series. */
export async function seed(env: BenchEnv, tenantId: string, repId: string) {
  const db = env.db;
  const step = async (what: string, sql: string, b: unknown[]) => {
    const t0 = performance.now();
    const r = await db.raw(sql, b as never);
    console.log(`  ${what}: ${fmt(r.rowCount ?? 0)} rows in ${secs(t0)} s`);
  };
  const { password_hash } = await db("users").where("id", repId).first("password_hash");
  await step(
    "owners",
    `INSERT INTO users (tenant_id, email, name, password_hash, role)
    SELECT ?, 'owner' || g || '-' || ? || '@bench.leadhub.local', 'Owner ' || g, ?, 'rep' FROM generate_series(2, ?) g`,
    [tenantId, tenantId.slice(0, 8), password_hash, OWNERS],
  );
  const owners: string[] = await db("users").where({ tenant_id: tenantId, role: "rep" }).orderBy("created_at").pluck("id");
  // Eight sources, skewed (Google and Facebook bring most), three subsources each, four campaigns per source (30 % of leads have none);
  // two years of leads, more of them recent; statuses by how old the lead is (old ones are decided: converted, lost, unqualified).
  await step(
    "leads",
    `INSERT INTO leads (tenant_id, lead_number, first_name, email, source, subsource, campaign, owner_id, status, created_at, updated_at, first_contacted_at, converted_at)
    SELECT ?, 'B-' || i, 'Lead ' || i, 'lead' || i || '@bench.in', src, sub, camp, (?::uuid[])[1 + i % ?], st, at, at,
      CASE WHEN st <> 'new' THEN at + interval '3 hours' END, CASE WHEN st = 'converted' THEN at + (interval '1 day' * (5 + i % 40)) END
    FROM (SELECT i, src, sub, camp, at,
        CASE WHEN r < 0.12 * (1 - age) + 0.02 THEN 'new' WHEN r < 0.30 THEN 'contacted' WHEN r < 0.40 THEN 'qualified' WHEN r < 0.50 THEN 'nurturing'
             WHEN r < 0.62 THEN 'unqualified' WHEN r < 0.70 THEN 'converted' ELSE 'lost' END AS st
      FROM (SELECT i, (ARRAY['Google','Facebook','Website','IndiaMART','99acres','Referral','Walk-in','Housing.com'])[1 + floor(power(random(), 1.8) * 8)::int] AS src,
          (ARRAY['brand','generic','retarget'])[1 + i % 3] AS sub, random() AS r, power(random(), 1.4) AS age
        FROM generate_series(1, ?) i) a
      CROSS JOIN LATERAL (SELECT CASE WHEN i % 10 < 3 THEN NULL ELSE lower(src) || '-' || (i % 4) END AS camp,
        now() - (age * 730 + random()) * interval '1 day' AS at) b) x`,
    [tenantId, owners, owners.length, LEADS],
  );
  await step(
    "activities",
    `INSERT INTO activities (tenant_id, record_type, record_id, type, title, occurred_at, created_at, updated_at)
    SELECT l.tenant_id, 'lead', l.id, (ARRAY['system','note','call','email','meeting'])[1 + g], 'Activity ' || g, l.created_at + g * interval '1 day', l.created_at, l.created_at
    FROM leads l CROSS JOIN generate_series(0, ?) g WHERE l.tenant_id = ?`,
    [ACTIVITIES_PER_LEAD - 1, tenantId],
  );
  // Old records carry old updated_at, as they would in a tenant that has been running: the cube's incremental runs key on it.
  await step(
    "engagements",
    `INSERT INTO engagements (tenant_id, lead_id, type, channel, occurred_at, updated_at, response_received, duration_minutes, direction)
    SELECT tenant_id, id, t, ch, at, at, r, d, 'out' FROM (
      SELECT l.tenant_id, l.id, t, (ARRAY['email','phone','sms','whatsapp','in_person','video'])[1 + floor(random() * 6)::int] AS ch,
        least(l.created_at + random() * interval '20 days', now()) AS at, random() < 0.3 AS r, CASE WHEN t = 'call_made' THEN 2 + floor(random() * 20)::int END AS d
      FROM leads l CROSS JOIN LATERAL (SELECT (ARRAY['email_sent','call_made','message_sent','meeting_scheduled','proposal_sent','quote_sent'])[1 + floor(random() * 6)::int] AS t) x
      WHERE l.tenant_id = ? AND random() < 0.5) e`,
    [tenantId],
  );
  // Bulk-loaded as a restore would be: the negotiation trigger off, the leads' negotiation_at set in one pass after.
  await db.raw("ALTER TABLE milestones DISABLE TRIGGER milestones_sync_negotiation");
  await step(
    "milestones",
    `INSERT INTO milestones (tenant_id, record_type, record_id, kind, title, occurred_at, updated_at)
    SELECT l.tenant_id, 'lead', l.id, CASE WHEN random() < 0.4 THEN 'negotiation' ELSE 'site_visit' END, 'Milestone', l.created_at + interval '7 days', l.created_at + interval '7 days'
    FROM leads l WHERE l.tenant_id = ? AND l.status IN ('qualified', 'converted', 'lost', 'nurturing') AND random() < 0.5`,
    [tenantId],
  );
  await db.raw("ALTER TABLE milestones ENABLE TRIGGER milestones_sync_negotiation");
  await step(
    "negotiation stage",
    `UPDATE leads l SET negotiation_at = m.at FROM (SELECT record_id, min(occurred_at) AS at FROM milestones
    WHERE tenant_id = ? AND kind IN ('negotiation', 'proposal') GROUP BY 1) m WHERE l.id = m.record_id`,
    [tenantId],
  );
  await step(
    "lead sources",
    `INSERT INTO lead_sources (tenant_id, name, subsource, channel, monthly_cost)
    SELECT ?, s, sub, 'paid', 10000 + 5000 * length(s) FROM unnest(ARRAY['Google','Facebook','Website','IndiaMART','99acres','Referral','Walk-in','Housing.com']) s,
      unnest(ARRAY['brand','generic','retarget']) sub`,
    [tenantId],
  );
  await step(
    "campaigns",
    `INSERT INTO campaigns (tenant_id, name, code, type, status, budget, actual_cost, start_date, end_date)
    SELECT ?, s || ' ' || n, lower(s) || '-' || n, 'search', 'active', 200000 * (n + 1), 150000 * (n + 1), current_date - 730, NULL
    FROM unnest(ARRAY['Google','Facebook','Website','IndiaMART','99acres','Referral','Walk-in','Housing.com']) s, generate_series(0, 3) n`,
    [tenantId],
  );
  await step(
    "inventory",
    `INSERT INTO unit_inventory (tenant_id, project, unit_type, units_total, units_booked, unit_price)
    SELECT ?, 'Tower ' || p, u, 100000, 1000, 4500000 FROM generate_series(1, 5) p, unnest(ARRAY['1BHK','2BHK','3BHK','Villa']) u`,
    [tenantId],
  );
  const units: string[] = await db("unit_inventory").where("tenant_id", tenantId).pluck("id");
  await step(
    "bookings",
    `INSERT INTO bookings (tenant_id, lead_id, unit_inventory_id, units, amount, status, booked_at, updated_at)
    SELECT l.tenant_id, l.id, (?::uuid[])[1 + floor(random() * ?)::int], 1, 3000000 + floor(random() * 60) * 100000,
      (ARRAY['confirmed','confirmed','completed','pending','on_hold','cancelled'])[1 + floor(random() * 6)::int], l.converted_at, least(l.converted_at, now())
    FROM leads l WHERE l.tenant_id = ? AND l.status = 'converted' AND random() < 0.3`,
    [units, units.length, tenantId],
  );
  await step(
    "accounts",
    `INSERT INTO accounts (tenant_id, name, name_key, type, owner_id)
    SELECT ?, 'Account ' || g, 'account ' || g, CASE WHEN g % 3 = 0 THEN 'prospect' ELSE 'customer' END, (?::uuid[])[1 + g % ?] FROM generate_series(1, ?) g`,
    [tenantId, owners, owners.length, ACCOUNTS],
  );
  // A statement per account: invoices and payments in date order, balance_after the running sum (as the API keeps it).
  await step(
    "ledger entries",
    `INSERT INTO ledger_entries (tenant_id, account_id, type, amount, effect, balance_after, seq, entry_date)
    SELECT tenant_id, id, type, amount, effect, sum(effect) OVER (PARTITION BY id ORDER BY n), n, current_date - 700 + n * 7
    FROM (SELECT a.tenant_id, a.id, n, CASE WHEN n % 3 = 1 THEN 'invoice' ELSE 'payment' END AS type, 300000::numeric AS amount,
        CASE WHEN n % 3 = 1 THEN 300000 ELSE -120000 END::numeric AS effect
      FROM accounts a CROSS JOIN generate_series(1, ?) n WHERE a.tenant_id = ?) e`,
    [LEDGER_PER_ACCOUNT, tenantId],
  );
  await step(
    "account balances",
    `UPDATE accounts a SET ledger_balance = s.balance, ledger_seq = s.seq
    FROM (SELECT account_id, sum(effect) AS balance, max(seq) AS seq FROM ledger_entries WHERE tenant_id = ? GROUP BY 1) s WHERE a.id = s.account_id`,
    [tenantId],
  );
  await step(
    "tasks",
    `INSERT INTO tasks (tenant_id, title, record_type, record_id, owner_id, due_at, done_at)
    SELECT l.tenant_id, 'Follow up', 'lead', l.id, l.owner_id, l.created_at + interval '2 days', CASE WHEN random() < 0.8 THEN l.created_at + interval '1 day' END
    FROM leads l WHERE l.tenant_id = ? AND random() < 0.1`,
    [tenantId],
  );
  const t0 = performance.now();
  await db.raw("VACUUM ANALYZE leads, activities, engagements, milestones, bookings, ledger_entries, accounts, tasks");
  console.log(`  vacuum analyze: ${secs(t0)} s`);
}

async function timeCalls(fn: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  await fn(); // warm-up: plans, caches, the pool
  const ms: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { median: median(ms), p95: ms[Math.min(ms.length - 1, Math.ceil(ms.length * 0.95) - 1)] };
}

export async function benchReports(runEnv: BenchEnv): Promise<BenchReport> {
  console.log(
    `\n== reports: every report and the dashboard on ${fmt(LEADS)} leads, ${fmt(LEADS * ACTIVITIES_PER_LEAD)} activities, ${fmt(ACCOUNTS * LEDGER_PER_ACCOUNT)} ledger entries ==`,
  );
  const env = withPrefix(runEnv, "reports");
  const admin = await createTenantAdmin(env, "reports");
  const repPassword = "rep-bench-password";
  const [rep] = await env
    .db("users")
    .insert({
      tenant_id: admin.tenantId,
      email: `rep-${admin.tenantId.slice(0, 8)}@bench.leadhub.local`,
      name: "Bench rep",
      password_hash: await hashPassword(repPassword),
      role: "rep",
    })
    .returning(["id", "email"]);
  await seed(env, admin.tenantId, rep.id);

  let t0 = performance.now();
  await refreshReportCubes(env.db, admin.tenantId);
  const buildS = (performance.now() - t0) / 1000;
  const {
    rows: [cube],
  } = await env.db.raw(
    "SELECT (SELECT count(*) FROM report_lead_months WHERE tenant_id = ?)::int AS leads, (SELECT count(*) FROM report_engagement_months WHERE tenant_id = ?)::int AS engagements",
    [admin.tenantId, admin.tenantId],
  );
  // The 15-minute job's usual run: this morning's 100 leads worked on (people work on recent leads)…
  await env.db.raw(
    `UPDATE leads SET status = 'contacted', updated_at = now() WHERE id IN (SELECT id FROM leads WHERE tenant_id = ? AND status = 'new' ORDER BY created_at DESC LIMIT 100)`,
    [admin.tenantId],
  );
  t0 = performance.now();
  const recent = await refreshReportCubes(env.db, admin.tenantId);
  const recentS = (performance.now() - t0) / 1000;
  // …and its worst: 1,000 leads changed all over the two years.
  await env.db.raw(
    `UPDATE leads SET status = 'qualified', updated_at = now() WHERE id IN (SELECT id FROM leads WHERE tenant_id = ? AND status = 'contacted' ORDER BY random() LIMIT 1000)`,
    [admin.tenantId],
  );
  t0 = performance.now();
  const inc = await refreshReportCubes(env.db, admin.tenantId);
  const incS = (performance.now() - t0) / 1000;
  await env.db.raw("ANALYZE report_lead_months, report_engagement_months");
  const refresh = `cubes ${fmt(cube.leads)} lead rows and ${fmt(cube.engagements)} engagement rows built in ${buildS.toFixed(1)} s; incremental run after 100 changes to recent leads ${recent.months} months in ${recentS.toFixed(1)} s, after 1,000 changes scattered over two years ${inc.months} months in ${incS.toFixed(1)} s`;
  console.log(`  ${refresh}`);

  const account = (await env.db("accounts").where("tenant_id", admin.tenantId).first("id")).id;
  const lead = (await env.db("bookings").where("tenant_id", admin.tenantId).whereNot("status", "cancelled").first("lead_id")).lead_id;
  const api = await startServer("leadhub api", "bench/servers/leadhub-api.ts", leadhubEnv(env));
  try {
    const adminToken = await login(api.url, admin.email, admin.password);
    const repToken = await login(api.url, rep.email, repPassword);
    const call =
      (path: string, token = adminToken) =>
      async () => {
        const res = await fetch(`${api.url}/api/reports${path}`, { headers: { authorization: `Bearer ${token}` } });
        if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
      };
    const count = await timeCalls(() => env.db.raw("SELECT count(*) FROM leads WHERE tenant_id = ?", [admin.tenantId]));
    const midMonth = (back: number) => {
      const d = new Date();
      d.setUTCDate(15);
      d.setUTCMonth(d.getUTCMonth() + back);
      return d.toISOString().slice(0, 10);
    };
    const twoYears = `from=${new Date(Date.now() - 731 * 86400_000).toISOString().slice(0, 10)}`;
    const cases: [string, () => Promise<unknown>][] = [
      ["dashboard (admin: all time)", call("/dashboard")],
      ["dashboard (a rep: own leads)", call("/dashboard", repToken)],
      ["funnel (12 months)", call("/funnel")],
      ["funnel (24 months)", call(`/funnel?${twoYears}`)],
      ["funnel (a rep, 12 months)", call("/funnel", repToken)],
      ["funnel (mid-month to mid-month)", call(`/funnel?from=${midMonth(-11)}&to=${midMonth(0)}`)],
      ["funnel ?source=Google&campaign=google-1", call("/funnel?source=Google&campaign=google-1")],
      ["funnel ?format=csv", call("/funnel?format=csv")],
      ["source-performance", call("/source-performance")],
      ["source-performance ?source=Google", call("/source-performance?source=Google")],
      ["source-performance ?campaign=google-1", call("/source-performance?campaign=google-1")],
      ["source-performance (a rep)", call("/source-performance", repToken)],
      ["campaign-performance", call("/campaign-performance")],
      ["campaign-performance (a rep)", call("/campaign-performance", repToken)],
      ["bookings", call("/bookings")],
      ["engagement-stats", call("/engagement-stats")],
      ["engagement-stats (a rep)", call("/engagement-stats", repToken)],
      [`ledger/:accountId (${LEDGER_PER_ACCOUNT} entries)`, call(`/ledger/${account}`)],
      ["milestone-timeline/:leadId", call(`/milestone-timeline/${lead}`)],
    ];
    const rows: (string | number)[][] = [
      ["SELECT count(*) FROM leads WHERE tenant_id = ? (psql-level, no HTTP)", fmt(count.median, 1), fmt(count.p95, 1), "1.00×"],
    ];
    let worst = 0;
    for (const [name, fn] of cases) {
      const r = await timeCalls(fn);
      worst = Math.max(worst, r.p95);
      console.log(`  ${name}: median ${fmt(r.median, 1)} ms, p95 ${fmt(r.p95, 1)} ms`);
      rows.push([name, fmt(r.median, 1), fmt(r.p95, 1), ratio(r.median, count.median)]);
    }
    const t = table(["GET /api/reports/…", "median ms", "p95 ms", "vs count(*)"], rows);
    const note = `${fmt(LEADS)} leads (25 owners, 8 sources × 3 subsources, 32 campaigns, two years), ${fmt(LEADS * ACTIVITIES_PER_LEAD)} activities, ~${fmt(LEADS / 2)} engagements, ${fmt(ACCOUNTS * LEDGER_PER_ACCOUNT)} ledger entries; ${CALLS} calls each after one warm-up, one at a time; ${refresh}; worst p95 ${fmt(worst, 1)} ms (target 300 ms).`;
    return { name: "reports", text: `${t.text}\n${note}`, markdown: `${t.markdown}\n\n${note}` };
  } finally {
    await killTree(api.p);
  }
}

/**
 * Figure 7 — conversions per second through the rule path: N leads are moved to "contacted" with
 * `PUT /api/leads/:id` (16 at a time) on a tenant whose conversion rule `status = contacted` then
 * converts each into account + contact + opportunity in the same transaction. Beside it, in the
 * same run and the same API process, the same PUTs on a tenant without the rule: the status
 * change alone, the raw cost of the path the conversion rides on.
 */
import {
  createTenantAdmin,
  fmt,
  killTree,
  leadhubEnv,
  login,
  ratio,
  startServer,
  table,
  withPrefix,
  type BenchEnv,
  type BenchReport,
} from "./lib.ts";
import { cpuSnapshot, cpuSplit, formatSplit, waitForQuiet } from "./observe.ts";

const N = Number(process.env.BENCH_CONVERSION_N ?? 2000);
const CONCURRENCY = 16;
/** Five leads per company: conversions both create accounts and match them by name. */
const PER_COMPANY = 5;

/** N leads written straight into the tenant (new, with a budget and a company). */
async function seedLeads(env: BenchEnv, tenantId: string): Promise<string[]> {
  const { rows } = await env.db.raw(
    `INSERT INTO leads (tenant_id, lead_number, first_name, last_name, email, email_canonical, company, company_normalized, budget, budget_currency, product_interest, source)
     SELECT ?, 'BENCH-' || i, 'Lead', 'N' || i, 'lead' || i || '@company' || (i / ?) || '.in', 'lead' || i || '@company' || (i / ?) || '.in',
       'Company ' || (i / ?) || ' Pvt Ltd', 'company ' || (i / ?), 100000 + i * 1000, 'INR', 'ERP subscription', 'bench'
     FROM generate_series(1, ?) i RETURNING id`,
    [tenantId, PER_COMPANY, PER_COMPANY, PER_COMPANY, PER_COMPANY, N],
  );
  return rows.map((r: { id: string }) => r.id);
}

/** Every lead to "contacted", CONCURRENCY requests in flight; answers the rate. */
async function moveAll(url: string, token: string, ids: string[]): Promise<{ seconds: number; failed: number }> {
  let next = 0;
  let failed = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < ids.length) {
        const id = ids[next++];
        const res = await fetch(`${url}/api/leads/${id}`, {
          method: "PUT",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: '{"status":"contacted"}',
        });
        if (!res.ok) failed++;
        await res.arrayBuffer();
      }
    }),
  );
  return { seconds: (performance.now() - t0) / 1000, failed };
}

export async function benchConversion(runEnv: BenchEnv): Promise<BenchReport> {
  console.log(`\n== conversion: ${fmt(N)} leads moved to "contacted" by PUT, with and without a conversion rule ==`);
  const env = withPrefix(runEnv, "conversion");
  const withRule = await createTenantAdmin(env, "conversion-rule");
  const without = await createTenantAdmin(env, "conversion-none");
  await env.db("conversion_rules").insert({
    tenant_id: withRule.tenantId,
    name: "Contacted",
    condition: JSON.stringify({ all: [{ field: "status", op: "eq", value: "contacted" }] }),
  });
  const [ruleIds, plainIds] = [await seedLeads(env, withRule.tenantId), await seedLeads(env, without.tenantId)];
  await env.db.raw("ANALYZE leads");
  const api = await startServer("leadhub api", "bench/servers/leadhub-api.ts", leadhubEnv(env));
  try {
    const run = async (label: string, admin: typeof withRule, ids: string[]) => {
      const token = await login(api.url, admin.email, admin.password);
      await waitForQuiet();
      const a = cpuSnapshot({ "leadhub api": api.p.child.pid! }, env.dbName);
      const r = await moveAll(api.url, token, ids);
      const cpu = cpuSplit(a, cpuSnapshot({ "leadhub api": api.p.child.pid! }, env.dbName));
      console.log(
        `  ${label}: ${fmt(ids.length)} in ${r.seconds.toFixed(2)} s → ${fmt(ids.length / r.seconds)}/s, ${r.failed} failed; CPU: ${formatSplit(cpu)}`,
      );
      return { ...r, rate: ids.length / r.seconds, cpu };
    };
    const plain = await run("status change, no rule", without, plainIds);
    const converting = await run("status change → conversion rule → account + contact + opportunity", withRule, ruleIds);
    const counts = await env.db.raw(
      `SELECT (SELECT count(*) FROM leads WHERE tenant_id = ? AND status = 'converted')::int AS converted,
              (SELECT count(*) FROM opportunities WHERE tenant_id = ?)::int AS deals, (SELECT count(*) FROM accounts WHERE tenant_id = ?)::int AS accounts`,
      [withRule.tenantId, withRule.tenantId, withRule.tenantId],
    );
    const c = counts.rows[0];
    const t = table(
      ["what", "per second", "vs the status change alone", "time", "CPU (cores of 2)"],
      [
        [
          "PUT status, no rule (the path conversion rides on)",
          fmt(plain.rate),
          "1.00×",
          `${plain.seconds.toFixed(2)} s`,
          formatSplit(plain.cpu),
        ],
        [
          "PUT status → rule → converted (account + contact + deal)",
          fmt(converting.rate),
          ratio(converting.rate, plain.rate),
          `${converting.seconds.toFixed(2)} s`,
          formatSplit(converting.cpu),
        ],
      ],
    );
    const note = `${fmt(c.converted)} of ${fmt(N)} leads converted: ${fmt(c.deals)} opportunities, ${fmt(c.accounts)} accounts (${PER_COMPANY} leads per company: the others matched by name); failed requests ${plain.failed} and ${converting.failed}; ${CONCURRENCY} requests in flight`;
    return { name: "conversion", text: `${t.text}\n${note}`, markdown: `${t.markdown}\n\n- ${note}` };
  } finally {
    await killTree(api.p);
  }
}

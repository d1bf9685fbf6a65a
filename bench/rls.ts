/**
 * What row-level security costs: the queries the product leans on (a lead by id, a list page, search,
 * an email lookup, dedup's candidates, a report count, a batch insert), each run by the app's role
 * under RLS in its tenant's scope, and beside it, in the same run and on the same data, by the
 * tables' owner as a superuser, whom RLS does not bind: the raw stack. Rounds alternate the two so
 * the machine's noise falls on both.
 */
import { randomUUID } from "node:crypto";
import { appDatabaseUrl, createDb, insertJsonRows, type Knex } from "../core/db.ts";
import { LEAKPROOF } from "../migrations/20261122000018_row_level_security.ts";
import { NO_TENANT, withTenant } from "../core/tenant-scope.ts";
import { fmt, median, ratio, table, type BenchEnv, type BenchReport } from "./lib.ts";

const N = Number(process.env.BENCH_RLS_N ?? 200_000);
const ROUNDS = Number(process.env.BENCH_RLS_ROUNDS ?? 300);
const BATCH = 500;

async function tenant(db: Knex, name: string): Promise<string> {
  const [t] = await db("tenants")
    .insert({ name, slug: `${name}-${randomUUID().slice(0, 6)}` })
    .returning("id");
  return t.id;
}

/** n leads for a tenant, with the keys dedup and search read. */
async function seed(db: Knex, tenantId: string, n: number) {
  for (let from = 1; from <= n; from += 50_000) {
    const to = Math.min(n, from + 49_999);
    await db.raw(
      `INSERT INTO leads (tenant_id, lead_number, first_name, last_name, email, email_key, email_local, phone_e164, company, company_key, name_key, status, source)
       SELECT ?, 'RLS-' || i, 'First' || (i % 997), 'Last' || i, 'person' || i || '@firm' || (i % 5000) || '.in', 'person' || i || '@firm' || (i % 5000) || '.in',
         'person' || i, '+9198' || lpad(i::text, 8, '0'), 'Firm ' || (i % 5000), 'firm ' || (i % 5000), 'first' || (i % 997) || ' last' || i,
         (ARRAY['new', 'contacted', 'qualified', 'lost'])[1 + i % 4], 'bench'
       FROM generate_series(?::int, ?::int) i`,
      [tenantId, from, to],
    );
  }
}

export async function benchRls(env: BenchEnv): Promise<BenchReport> {
  console.log(`\n== row-level security: the app's role under RLS beside the owner (no RLS), ${fmt(N)} leads, ${ROUNDS} rounds ==`);
  const raw = createDb(env.databaseUrl, { max: 4 });
  const app = createDb(appDatabaseUrl(env.databaseUrl), { max: 4, scope: NO_TENANT });
  try {
    const a = await tenant(env.db, "rls-a");
    const b = await tenant(env.db, "rls-b");
    const t0 = performance.now();
    await seed(env.db, a, N);
    await seed(env.db, b, Math.round(N / 4));
    await env.db.raw("VACUUM ANALYZE leads");
    console.log(`seeded ${fmt(N + Math.round(N / 4))} leads in ${fmt((performance.now() - t0) / 1000, 1)} s`);
    const ids: string[] = await env.db("leads").where("tenant_id", a).orderByRaw("random()").limit(ROUNDS).pluck("id");
    const pick = (i: number) => 1 + ((i * 7919) % N);

    const queries: [string, (db: Knex, i: number) => Promise<unknown>][] = [
      [
        "a lead by id",
        (db, i) =>
          db("leads")
            .where({ tenant_id: a, id: ids[i % ids.length] })
            .first(),
      ],
      ["list page (25, newest)", (db) => db("leads").where("tenant_id", a).whereNull("deleted_at").orderBy("created_at", "desc").limit(25)],
      [
        "search (tsvector prefix)",
        (db, i) =>
          db("leads")
            .where("tenant_id", a)
            .whereRaw("search @@ to_tsquery('simple', ?)", [`last${pick(i)}:*`])
            .limit(25),
      ],
      [
        "email lookup (lower())",
        (db, i) =>
          db("leads")
            .where("tenant_id", a)
            .whereRaw("lower(email) = ?", [`person${pick(i)}@firm${pick(i) % 5000}.in`])
            .first("id"),
      ],
      [
        "dedup candidates (by name)",
        (db, i) =>
          db.transaction((trx) =>
            trx.raw("SELECT * FROM dedup_candidates(?, '{}'::text[], ?, ?, NULL, ?, NULL, ?, ?, true, NULL)", [
              a,
              `person${pick(i)}@firm${pick(i) % 5000}.in`,
              `+9198${String(pick(i)).padStart(8, "0")}`,
              `person${pick(i)}`,
              `firm ${pick(i) % 5000}`,
              `first${pick(i) % 997} last${pick(i)}`,
            ]),
          ),
      ],
      [
        "report count by status",
        (db) => db("leads").where("tenant_id", a).whereNull("deleted_at").groupBy("status").select("status").count(),
      ],
    ];

    const rows: (string | number)[][] = [];
    const compare = async (label: string, q: (db: Knex, i: number) => Promise<unknown>, rounds = ROUNDS) => {
      const times = { raw: [] as number[], app: [] as number[] };
      for (let i = 0; i < rounds; i++) {
        for (const who of i % 2 ? (["raw", "app"] as const) : (["app", "raw"] as const)) {
          const s = performance.now();
          await (who === "raw" ? q(raw, i) : withTenant(a, () => q(app, i)));
          times[who].push(performance.now() - s);
        }
      }
      const [r, p] = [median(times.raw), median(times.app)];
      rows.push([label, fmt(r, 3), fmt(p, 3), ratio(p, r)]);
      console.log(`${label}: raw ${fmt(r, 3)} ms, under RLS ${fmt(p, 3)} ms`);
    };
    for (const [label, q] of queries) await compare(label, q);

    // Why the migration marks them LEAKPROOF: without, RLS keeps these conditions off their indexes.
    for (const fn of LEAKPROOF) await env.db.raw(`ALTER FUNCTION ${fn} NOT LEAKPROOF`);
    try {
      for (const [label, q] of queries.slice(2, 5)) await compare(`${label}, not LEAKPROOF`, q, 40);
    } finally {
      for (const fn of LEAKPROOF) await env.db.raw(`ALTER FUNCTION ${fn} LEAKPROOF`);
    }

    // Each checkout sets the scope unless the connection has it: alternate tenants so every one does.
    const switching = { raw: [] as number[], app: [] as number[] };
    for (let i = 0; i < ROUNDS; i++) {
      const t = i % 2 ? a : b;
      let s = performance.now();
      await raw("tenants").where("id", t).first("id");
      switching.raw.push(performance.now() - s);
      s = performance.now();
      await withTenant(t, () => app("tenants").where("id", t).first("id"));
      switching.app.push(performance.now() - s);
    }
    const [sr, sp] = [median(switching.raw), median(switching.app)];
    rows.push(["tenant by id, scope changing each query", fmt(sr, 3), fmt(sp, 3), ratio(sp, sr)]);

    // Writes: the policy's WITH CHECK on every row.
    const batch = (i: number) =>
      Array.from({ length: BATCH }, (_, k) => ({
        tenant_id: a,
        lead_number: `RLS-W-${i}-${k}`,
        first_name: "W",
        email: `w${i}-${k}@write.in`,
        email_key: `w${i}-${k}@write.in`,
        source: "bench",
      }));
    const writes = { raw: [] as number[], app: [] as number[] };
    for (let i = 0; i < 20; i++) {
      let s = performance.now();
      await insertJsonRows(raw, "leads", batch(i * 2));
      writes.raw.push(performance.now() - s);
      s = performance.now();
      await withTenant(a, () => insertJsonRows(app, "leads", batch(i * 2 + 1)));
      writes.app.push(performance.now() - s);
    }
    const [wr, wp] = [median(writes.raw), median(writes.app)];
    rows.push([`insert ${BATCH} leads (one statement)`, fmt(wr, 3), fmt(wp, 3), ratio(wp, wr)]);

    const head = ["query (median of " + ROUNDS + ")", "raw: owner, no RLS (ms)", "app role under RLS (ms)", "ratio"];
    const t = table(head, rows);
    return { name: "rls", text: t.text, markdown: t.markdown };
  } finally {
    await Promise.all([raw.destroy(), app.destroy()]);
  }
}

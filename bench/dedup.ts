/**
 * Figure 5 — dedup: time per incoming lead (lock + indexed candidate blocks + fuse.js/rules
 * ranking, inside a transaction) with 10k, 100k and 1M leads in the tenant, beside fuse.js over
 * every lead in memory (the raw way, no blocking); and quality (merge precision, recall of merges
 * plus reviews, per kind of variation) of the same code against the 1M-lead tenant, where
 * look-alike names are everywhere.
 */
import Fuse from "fuse.js";
import type { Knex } from "knex";
import { matchKeys, type MatchKeys } from "../core/dedup/keys.ts";
import { matchLead } from "../core/dedup/match.ts";
import { dedupGenerator, NEGATIVE_KINDS, POSITIVE_KINDS, type DedupPair } from "../test/support/dedup-set.ts";
import { insertLeads, rowOf } from "../test/support/dedup-db.ts";
import { table, type BenchEnv, type BenchReport } from "./lib.ts";

const SIZES = (process.env.BENCH_DEDUP_SIZES ?? "10000,100000,1000000").split(",").map(Number);
const PAIRS = Number(process.env.BENCH_DEDUP_PAIRS ?? 3000);
const SAMPLES = 400;
/** fuse.js over everything takes seconds per search at 100k: fewer samples as the tenant grows. */
const fuseSamples = (size: number) => Math.max(3, Math.min(20, Math.round(200_000 / size)));
const REGION = "IN";
const SEED = 20261122;

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];

/** One dedup decision as intake makes it, in a transaction rolled back so the tenant stays as it is. */
async function timedMatch(db: Knex, tenantId: string, keys: MatchKeys) {
  const trx = await db.transaction();
  try {
    const t = performance.now();
    const matches = await matchLead(trx, tenantId, keys, { region: REGION });
    return { ms: performance.now() - t, matches };
  } finally {
    await trx.rollback();
  }
}

interface KindRow {
  kind: string;
  same: boolean;
  pairs: number;
  merged: number;
  mergedWrong: number;
  reviewed: number;
}

async function quality(db: Knex, tenantId: string, pairs: DedupPair[], aIds: string[]) {
  const rows = new Map<string, KindRow>();
  for (let i = 0; i < pairs.length; i++) {
    const p = pairs[i];
    const { matches } = await timedMatch(db, tenantId, matchKeys(p.b, { region: REGION }));
    const best = matches[0];
    const r = rows.get(p.kind) ?? { kind: p.kind, same: p.same, pairs: 0, merged: 0, mergedWrong: 0, reviewed: 0 };
    r.pairs++;
    if (best?.decision === "merge") {
      r.merged++;
      // Right only when it is this person's earlier lead.
      if (!p.same || best.id !== aIds[i]) r.mergedWrong++;
    } else if (matches.some((m) => m.id === aIds[i])) r.reviewed++;
    rows.set(p.kind, r);
  }
  return [...POSITIVE_KINDS, ...NEGATIVE_KINDS].map((k) => rows.get(k)).filter((r): r is KindRow => !!r);
}

export async function benchDedup(env: BenchEnv): Promise<BenchReport> {
  const db = env.db;
  const [{ id: tenantId }] = await db("tenants")
    .insert({ name: "Dedup bench", slug: `dedup-${env.runId}` })
    .returning("id");
  const gen = dedupGenerator(SEED);
  // The labelled pairs' earlier leads are in the tenant from the start; the newcomers are matched at each size.
  const pairs = Array.from({ length: PAIRS }, () => gen.pair());
  const aRows = pairs.map((p, i) => rowOf(p.a, tenantId, i));
  // An office line is carried by several leads: give the switchboard pairs' lines their colleagues.
  const extra = pairs.flatMap((p) =>
    Array.from({ length: Math.max(0, (p.context?.phoneSharedBy ?? 1) - 1) }, () => ({
      ...rowOf(gen.person(), tenantId, 0),
      phone_e164: matchKeys(p.a, { region: REGION }).phoneKeys[0],
    })),
  );
  const aIds = await insertLeads(db, aRows);
  let count = aRows.length;
  await insertLeads(
    db,
    extra.map((r, i) => ({ ...r, lead_number: `BENCH-X${i}` })),
  );
  count += extra.length;

  const lines: string[][] = [];
  const people: string[] = [];
  let qualityRows: KindRow[] = [];
  const sizes = SIZES.filter((s) => s > 0).sort((a, b) => a - b);
  for (const size of sizes) {
    const t0 = performance.now();
    while (count < size) {
      const n = Math.min(50_000, size - count);
      const batch = Array.from({ length: n }, (_, i) => rowOf(gen.person(), tenantId, count + i + PAIRS));
      for (const r of batch) people.push(`${r.name_key ?? ""} ${r.email_key ?? ""}`);
      await insertLeads(db, batch);
      count += n;
      process.stdout.write(`\r  dedup: ${count.toLocaleString()} / ${size.toLocaleString()} leads`);
    }
    await db.raw("VACUUM ANALYZE leads");
    console.log(`\n  dedup: tenant at ${count.toLocaleString()} leads (${((performance.now() - t0) / 1000).toFixed(0)} s to fill)`);

    // Newcomers: returning people (the pairs' second halves) and first-timers, half and half.
    const newcomers: MatchKeys[] = Array.from({ length: SAMPLES }, (_, i) =>
      matchKeys(i % 2 ? pairs[(i * 7) % pairs.length].b : gen.person(), { region: REGION }),
    );
    for (const k of newcomers.slice(0, 50)) await timedMatch(db, tenantId, k); // warm the caches
    const times: number[] = [];
    let candidates = 0;
    for (const k of newcomers) {
      const { ms, matches } = await timedMatch(db, tenantId, k);
      times.push(ms);
      candidates += matches.length;
    }

    // The raw way: fuse.js over every lead in memory, no blocking.
    const fuse = new Fuse(people, { includeScore: true, threshold: 0.3, ignoreLocation: true });
    const fuseTimes: number[] = [];
    for (const k of newcomers.slice(0, fuseSamples(count))) {
      const t = performance.now();
      fuse.search(`${k.nameKey ?? ""} ${k.emailKey ?? ""}`, { limit: 50 });
      fuseTimes.push(performance.now() - t);
    }
    const row = [
      count.toLocaleString(),
      quantile(times, 0.5).toFixed(2),
      quantile(times, 0.95).toFixed(2),
      quantile(fuseTimes, 0.5).toFixed(1),
      quantile(fuseTimes, 0.95).toFixed(1),
      `${(quantile(fuseTimes, 0.5) / quantile(times, 0.5)).toFixed(0)}×`,
      (candidates / SAMPLES).toFixed(2),
    ];
    lines.push(row);
    console.log(`  dedup at ${row[0]}: p50 ${row[1]} ms, p95 ${row[2]} ms; fuse.js over all p50 ${row[3]} ms`);
    if (size === sizes[sizes.length - 1]) qualityRows = await quality(db, tenantId, pairs, aIds);
  }

  const speed = table(
    ["leads in tenant", "dedup p50 ms", "dedup p95 ms", "fuse.js all p50 ms", "fuse.js all p95 ms", "fuse/dedup", "matches/lead"],
    lines,
  );
  const q = qualityRows.map((r) => [
    r.kind,
    r.same ? "yes" : "no",
    String(r.pairs),
    String(r.merged),
    String(r.mergedWrong),
    String(r.reviewed),
    r.merged ? ((r.merged - r.mergedWrong) / r.merged).toFixed(3) : "-",
    r.same ? ((r.merged - r.mergedWrong + r.reviewed) / r.pairs).toFixed(3) : "-",
  ]);
  const merged = qualityRows.reduce((s, r) => s + r.merged, 0);
  const wrong = qualityRows.reduce((s, r) => s + r.mergedWrong, 0);
  const pos = qualityRows.filter((r) => r.same);
  const found = pos.reduce((s, r) => s + r.merged - r.mergedWrong + r.reviewed, 0);
  const positives = pos.reduce((s, r) => s + r.pairs, 0);
  const summary = `overall at ${count.toLocaleString()} leads: ${pairs.length} pairs; merge precision ${((merged - wrong) / merged).toFixed(4)} (${wrong} wrong of ${merged}); recall (merge + review) ${(found / positives).toFixed(4)}`;
  const qt = table(["kind", "same person", "pairs", "merged", "wrong merges", "reviewed", "merge precision", "recall"], q);
  return {
    name: "dedup",
    text: `${speed.text}\n\n${qt.text}\n${summary}`,
    markdown: `${speed.markdown}\n\n${qt.markdown}\n\n${summary}`,
  };
}

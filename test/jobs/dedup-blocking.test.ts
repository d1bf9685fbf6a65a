import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../support/stack.ts";
import { matchKeys } from "../../core/dedup/keys.ts";
import { matchLead } from "../../core/dedup/match.ts";
import { lockAndFindBatchCandidates } from "../../core/dedup/candidates.ts";
import { decideArrivals, type Arrival } from "../../core/dedup/match-batch.ts";
import { dedupGenerator, type DedupPair } from "../support/dedup-set.ts";
import { insertLeads, rowOf } from "../support/dedup-db.ts";

const PAIRS = 800;
const BACKGROUND = 6000;

/**
 * The labelled set through the real lookup: each pair's first lead sits in a tenant among
 * thousands of look-alikes (the same names, companies and cities recur), and the second is matched
 * through the blocking indexes, so a candidate the blocks miss counts as a miss.
 */
describe("dedup through the database, among look-alikes", () => {
  let stack: Stack;
  let pairs: DedupPair[];
  let aIds: string[];
  beforeAll(async () => {
    stack = await startStack();
    const gen = dedupGenerator(4242);
    pairs = Array.from({ length: PAIRS }, () => gen.pair());
    aIds = await insertLeads(
      stack.services.db,
      pairs.map((p, i) => rowOf(p.a, stack.tenantId, i)),
    );
    // An office line is carried by several leads: give the switchboard pairs' lines their colleagues.
    const office = pairs.flatMap((p) =>
      Array.from({ length: Math.max(0, (p.context?.phoneSharedBy ?? 1) - 1) }, () => ({
        ...gen.person(),
        phone: matchKeys(p.a).phoneKeys[0],
      })),
    );
    const others = [...office, ...Array.from({ length: BACKGROUND }, () => gen.person())];
    await insertLeads(
      stack.services.db,
      others.map((l, i) => rowOf(l, stack.tenantId, PAIRS + i)),
    );
    await stack.services.db.raw("ANALYZE leads");
  }, 120_000);
  afterAll(() => stack?.stop());

  it("when every newcomer is matched, then merges are ≥ 0.99 right and merges + reviews find ≥ 0.95 of returning people", async () => {
    let merged = 0;
    let mergedRight = 0;
    let positives = 0;
    let found = 0;
    const wrong: string[] = [];
    for (let i = 0; i < pairs.length; i++) {
      const p = pairs[i];
      const trx = await stack.services.db.transaction();
      const matches = await matchLead(trx, stack.tenantId, matchKeys(p.b), { region: "IN" }).finally(() => trx.rollback());
      const best = matches[0];
      if (best?.decision === "merge") {
        merged++;
        if (p.same && best.id === aIds[i]) mergedRight++;
        else wrong.push(`${p.kind}: ${JSON.stringify(p.b)} → ${best.reasons.join(", ")}`);
      }
      if (p.same) {
        positives++;
        if ((best?.decision === "merge" && best.id === aIds[i]) || matches.some((m) => m.id === aIds[i])) found++;
      }
    }
    expect(wrong).toEqual([]);
    expect(mergedRight / merged).toBeGreaterThanOrEqual(0.99);
    expect(found / positives).toBeGreaterThanOrEqual(0.95);
  }, 120_000);

  it("when the newcomers arrive as intake's batches of 200, then quality is the same: merges ≥ 0.99 right, ≥ 0.95 found", async () => {
    let merged = 0;
    let mergedRight = 0;
    let positives = 0;
    let found = 0;
    const wrong: string[] = [];
    let n = 0;
    for (let start = 0; start < pairs.length; start += 200) {
      const batch = pairs.slice(start, start + 200);
      const arrivals: Arrival[] = batch.map((p) => ({ keys: matchKeys(p.b, { region: "IN" }), fields: { ...p.b }, found: [] }));
      const trx = await stack.services.db.transaction();
      const rows = await lockAndFindBatchCandidates(
        trx,
        stack.tenantId,
        arrivals.map((a, index) => ({ index, keys: a.keys })),
        false,
      ).finally(() => trx.rollback());
      for (const r of rows) arrivals[r.request].found.push(r);
      const decisions = decideArrivals(arrivals, {
        region: "IN",
        now: new Date(),
        newLead: () => ({ id: `00000000-0000-4000-8000-${String(n++).padStart(12, "0")}`, leadNumber: `NEW-${n}` }),
      });
      batch.forEach((p, k) => {
        const i = start + k;
        const d = decisions[k]!;
        if (d.kind === "merge") {
          merged++;
          if (p.same && d.match.id === aIds[i]) mergedRight++;
          else wrong.push(`${p.kind}: ${JSON.stringify(p.b)} → ${d.match.reasons.join(", ")}${d.intoNew ? " (another newcomer)" : ""}`);
        }
        if (p.same) {
          positives++;
          if ((d.kind === "merge" && d.match.id === aIds[i]) || (d.kind === "create" && d.matches.some((m) => m.id === aIds[i]))) found++;
        }
      });
    }
    expect(wrong).toEqual([]);
    expect(mergedRight / merged).toBeGreaterThanOrEqual(0.99);
    expect(found / positives).toBeGreaterThanOrEqual(0.95);
  }, 120_000);
});

import { describe, expect, it } from "vitest";
import { DEFAULT_MATCH_RULES, matchKeys, nameKeyOf, scoreCandidates, type Candidate, type Decision } from "../../../core/dedup/index.ts";
import { generateDedupSet, NEGATIVE_KINDS, POSITIVE_KINDS, type DedupPair } from "../../support/dedup-set.ts";

const SEED = 20261122;
const SIZE = 2000;

interface Row {
  kind: string;
  same: boolean;
  pairs: number;
  merge: number;
  review: number;
  new: number;
}

function decideAll(pairs: DedupPair[]): { rows: Map<string, Row>; decisions: Decision[] } {
  const rows = new Map<string, Row>();
  const decisions: Decision[] = [];
  for (const p of pairs) {
    const candidate: Candidate = { ...matchKeys(p.a), id: "a", phoneSharedBy: p.context?.phoneSharedBy };
    const [r] = scoreCandidates(matchKeys(p.b), [candidate], DEFAULT_MATCH_RULES);
    const row = rows.get(p.kind) ?? { kind: p.kind, same: p.same, pairs: 0, merge: 0, review: 0, new: 0 };
    row.pairs++;
    row[r.decision]++;
    rows.set(p.kind, row);
    decisions.push(r.decision);
  }
  return { rows, decisions };
}

const pct = (x: number) => (Number.isNaN(x) ? "   -  " : x.toFixed(3).padStart(6));

describe("dedup quality on a generated labelled set", () => {
  const { pairs } = generateDedupSet(SEED, SIZE);
  const { rows, decisions } = decideAll(pairs);

  it("when the set is generated twice with one seed, then it is the same set", () => {
    expect(generateDedupSet(SEED, 50)).toEqual(generateDedupSet(SEED, 50));
    expect(generateDedupSet(SEED + 1, 50)).not.toEqual(generateDedupSet(SEED, 50));
    expect(new Set(pairs.map((p) => p.kind)).size).toBe(POSITIVE_KINDS.length + NEGATIVE_KINDS.length);
  });

  it("when every pair is scored, then merges are ≥ 0.99 precise and merges + reviews find ≥ 0.95 of the same people", () => {
    const lines = [
      "kind                       same  pairs  merged reviewed   new  merge-precision  recall(merge+review)",
    ];
    let merged = 0;
    let mergedRight = 0;
    let positives = 0;
    let found = 0;
    for (const kind of [...POSITIVE_KINDS, ...NEGATIVE_KINDS]) {
      const r = rows.get(kind)!;
      const precision = r.merge ? (r.same ? 1 : 0) : NaN;
      const recall = r.same ? (r.merge + r.review) / r.pairs : NaN;
      lines.push(
        `${kind.padEnd(26)} ${r.same ? "yes " : "no  "} ${String(r.pairs).padStart(6)} ${String(r.merge).padStart(7)} ${String(r.review).padStart(8)} ${String(r.new).padStart(5)}  ${pct(precision)}           ${pct(recall)}`,
      );
      merged += r.merge;
      if (r.same) {
        mergedRight += r.merge;
        positives += r.pairs;
        found += r.merge + r.review;
      }
    }
    const precision = mergedRight / merged;
    const recall = found / positives;
    const wrongReviews = pairs.filter((p, i) => !p.same && decisions[i] === "review").length;
    lines.push(
      `overall: ${pairs.length} pairs, ${positives} same-person; merge precision ${precision.toFixed(4)}, recall ${recall.toFixed(4)}, ` +
        `automatic merges ${(mergedRight / positives).toFixed(3)} of same-person pairs, ${wrongReviews} different-people pairs sent to review`,
    );
    console.log(lines.join("\n"));
    expect(precision).toBeGreaterThanOrEqual(0.99);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it("when hard negatives are scored, then none of the named kinds merges and namesakes are not even reviewed mostly", () => {
    for (const kind of NEGATIVE_KINDS) expect(rows.get(kind)!.merge, kind).toBe(0);
    const namesakes = rows.get("same_name_other_person")!;
    expect(namesakes.new / namesakes.pairs).toBeGreaterThan(0.8);
    expect(rows.get("colleagues_same_company")!.review).toBe(0);
    expect(rows.get("same_surname_city")!.review).toBe(0);
  });
});

function medianMs(f: () => void): { median: number; p95: number } {
  for (let i = 0; i < 50; i++) f();
  const times: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  times.sort((x, y) => x - y);
  return { median: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)] };
}

describe("dedup speed", () => {
  it("when 50 candidates are scored, then the median is under 2 ms", () => {
    const { pairs } = generateDedupSet(7, 60);
    const candidates: Candidate[] = pairs.slice(0, 50).map((p, i) => ({ ...matchKeys(p.a), id: String(i) }));
    // Blocking returns look-alikes: make half of them share the newcomer's surname or phone.
    const newcomer = matchKeys(pairs[50].b);
    for (let i = 0; i < 25; i++) {
      const nameTokens = [candidates[i].nameTokens[0] ?? "x", ...newcomer.nameTokens.slice(-1)];
      candidates[i] = { ...candidates[i], nameTokens, nameKey: nameKeyOf(nameTokens), phoneKeys: i % 5 ? candidates[i].phoneKeys : newcomer.phoneKeys };
    }
    const block = medianMs(() => scoreCandidates(newcomer, candidates));
    // Worst case: every candidate's name is close, so fuse.js ranks all 50.
    const rahul = matchKeys({ name: "Rahul Suresh Patil", phone: "9876543210" });
    const variants = ["Rahul Patil", "R. Patil", "Rahul S. Patil", "Rahil Patil", "Patil Rahul", "राहुल पाटील", "Rahul Patel", "Rahul Paatil"];
    const lookAlikes: Candidate[] = Array.from({ length: 50 }, (_, i) => ({
      ...matchKeys({ name: `${variants[i % 8]}${i >= 8 ? ` ${"abcdefghijklmnopqrstuvwxyz"[i % 26]}` : ""}`, phone: `98765${String(43210 + i)}` }),
      id: String(i),
    }));
    const close = medianMs(() => scoreCandidates(rahul, lookAlikes));
    const leads = pairs.slice(0, 50).map((p) => p.a);
    const keys = medianMs(() => leads.forEach((l) => matchKeys(l)));
    console.log(
      `scoreCandidates over 50 candidates: median ${block.median.toFixed(3)} ms, p95 ${block.p95.toFixed(3)} ms (a mixed block); ` +
        `median ${close.median.toFixed(3)} ms, p95 ${close.p95.toFixed(3)} ms (all 50 names close); matchKeys per lead ${(keys.median / 50).toFixed(4)} ms`,
    );
    expect(block.median).toBeLessThan(2);
    expect(close.median).toBeLessThan(2);
  });
});

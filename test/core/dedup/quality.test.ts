import { describe, expect, it } from "vitest";
import { DEFAULT_MATCH_RULES, matchKeys, scoreCandidates, type Candidate, type Decision } from "../../../core/dedup/index.ts";
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

  it("when every pair is scored, then merges are ≥ 0.995 precise, ≥ 0.85 of the same people merge and merges + reviews find ≥ 0.97", () => {
    const lines = ["kind                       same  pairs  merged reviewed   new  merge-precision  recall(merge+review)"];
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
    expect(precision).toBeGreaterThanOrEqual(0.995);
    expect(mergedRight / positives).toBeGreaterThanOrEqual(0.85);
    expect(recall).toBeGreaterThanOrEqual(0.97);
  });

  it("when the weakest kinds are scored (a typo in the name, a nickname), then each merges on its own ≥ 0.85 of the time", () => {
    for (const kind of ["name_typo", "nickname", "initials", "devanagari"]) {
      const r = rows.get(kind)!;
      expect(r.merge / r.pairs, kind).toBeGreaterThanOrEqual(0.85);
    }
  });

  it("when hard negatives are scored, then none of the named kinds merges and namesakes are not even reviewed mostly", () => {
    for (const kind of NEGATIVE_KINDS) expect(rows.get(kind)!.merge, kind).toBe(0);
    const namesakes = rows.get("same_name_other_person")!;
    expect(namesakes.new / namesakes.pairs).toBeGreaterThan(0.8);
    expect(rows.get("colleagues_same_company")!.review).toBe(0);
    expect(rows.get("same_surname_city")!.review).toBe(0);
  });
});

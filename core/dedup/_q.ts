import { generateDedupSet } from "../../test/support/dedup-set.ts";
import { matchKeys, scoreCandidates } from "./index.ts";
const { pairs } = generateDedupSet(Number(process.argv[2] ?? 42), 2000);
const rows = new Map<string, { n: number; same: boolean; merge: number; review: number; new: number }>();
const bad: string[] = [];
for (const p of pairs) {
  const cand = { ...matchKeys(p.a), id: "a", phoneSharedBy: p.context?.phoneSharedBy };
  const [r] = scoreCandidates(matchKeys(p.b), [cand]);
  const row = rows.get(p.kind) ?? { n: 0, same: p.same, merge: 0, review: 0, new: 0 };
  row.n++; row[r.decision]++;
  rows.set(p.kind, row);
  if ((p.same && r.decision !== "merge") || (!p.same && r.decision === "merge") || (!p.same && r.decision === "review" && process.argv[3])) bad.push(`${p.kind} ${r.decision} ${r.score} | ${JSON.stringify(p.a)} | ${JSON.stringify(p.b)} | ${r.reasons.join("; ")}`);
}
let tp = 0, fp = 0, pos = 0, found = 0;
for (const [k, r] of rows) { console.log(k.padEnd(26), r.same ? "same" : "diff", String(r.n).padStart(4), String(r.merge).padStart(4), String(r.review).padStart(4), String(r.new).padStart(4));
  if (r.same) { tp += r.merge; pos += r.n; found += r.merge + r.review; } else fp += r.merge; }
console.log("precision", tp / (tp + fp), "recall", found / pos, "merge share", tp / pos);
const filt = process.argv[4];
for (const b of bad.filter((x) => !filt || x.startsWith(filt)).slice(0, 40)) console.log(b);

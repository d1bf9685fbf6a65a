import { generateDedupSet } from "../../test/support/dedup-set.ts";
const { pairs } = generateDedupSet(5, 40);
for (const p of pairs) console.log(p.kind, p.same, JSON.stringify(p.a), "\n    ", JSON.stringify(p.b), p.context ?? "");

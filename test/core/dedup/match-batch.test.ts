import { afterAll, describe, expect, inject, it } from "vitest";
import { createDb } from "../../../core/db.ts";
import { ALL_TENANTS } from "../../../core/tenant-scope.ts";
import { trigramSimilarity } from "../../../core/dedup/match-batch.ts";

const db = createDb(inject("databaseUrl"), { scope: ALL_TENANTS });
afterAll(() => db.destroy());

describe("the batch's in-memory company block", () => {
  it("when names are compared in memory, then the similarity is pg_trgm's own, so a batch picks the colleagues the lookup would", async () => {
    const pairs: [string, string][] = [
      ["patil rahul", "patil rahul"],
      ["patil rahul", "patil rahull"],
      ["priya raghavan", "priya ragavan"],
      ["sharma sunita", "sharma rahul"],
      ["deshmukh sneha", "desai sneha"],
      ["kumar", "kumar anil"],
      ["a", "b"],
      ["o'brien sean", "obrien sean"],
      ["müller jürgen", "muller jurgen"],
      ["venkataraman subramanian", "venkatraman subramaniam"],
    ];
    for (const [a, b] of pairs) {
      const { rows } = await db.raw("SELECT similarity(?, ?) AS s", [a, b]);
      expect(trigramSimilarity(a, b), `${a} ~ ${b}`).toBeCloseTo(Number(rows[0].s), 5);
    }
  });
});

import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { RecordSplitter, type RawRecord } from "../../../core/imports/csv-records.ts";

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ["a", "Zoë", "₹", "😀", " ", ",", ";", "\t", '"', "\n", "\r\n", "x y"];

/** Valid CSV (RFC 4180 quoting) with delimiters, quotes and line breaks inside fields. */
function randomCsv(rnd: () => number, delimiter: string, rows: number, cols: number): { text: string; records: string[][] } {
  const records: string[][] = [];
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < cols; c++) {
      let cell = "";
      const n = Math.floor(rnd() * 5);
      for (let i = 0; i < n; i++) cell += PIECES[Math.floor(rnd() * PIECES.length)];
      cells.push(r === 0 && c === 0 && cell === "" ? "id" : cell);
    }
    records.push(cells);
    const needsQuotes = (v: string) => /["\r\n]/.test(v) || v.includes(delimiter) || (v !== v.trim() && rnd() < 0.5);
    lines.push(cells.map((v) => (needsQuotes(v) || rnd() < 0.2 ? `"${v.replace(/"/g, '""')}"` : v)).join(delimiter));
  }
  return { text: lines.join(rnd() < 0.5 ? "\n" : "\r\n") + "\n", records };
}

function split(text: string, delimiter: string, chunk: number, columns?: number): RawRecord[] {
  const splitter = new RecordSplitter({ delimiter, columns, maxChars: 1_000_000 });
  const out: RawRecord[] = [];
  for (let i = 0; i < text.length; i += chunk) splitter.push(text.slice(i, i + chunk), false, (r) => out.push(r));
  splitter.push("", true, (r) => out.push(r));
  return out;
}

describe("cutting text into records", () => {
  it.each([",", ";", "\t", "|"])(
    "when valid CSV with %j has quotes and line breaks in fields, then each record parses to the cells written",
    (delimiter) => {
      const rnd = random(delimiter.charCodeAt(0));
      for (let round = 0; round < 40; round++) {
        const { text, records } = randomCsv(rnd, delimiter, 1 + Math.floor(rnd() * 15), 1 + Math.floor(rnd() * 6));
        // A record of only spaces, tabs and line breaks is blank: no record comes out for it.
        const expected = records.filter((cells) => cells.some((c) => /[^ \t\r\n]/.test(c)));
        for (const chunk of [1, 2, 7, 4096]) {
          const got = split(text, delimiter, chunk, records[0].length);
          expect(got.every((r) => !r.problem)).toBe(true);
          const cells = got.map(
            (r) => parse(r.text, { delimiter, relax_quotes: true, relax_column_count: true, record_delimiter: "\n" })[0] as string[],
          );
          expect(cells).toEqual(expected);
        }
      }
    },
  );

  it("when a record spans lines, then the next record's line number counts them", () => {
    const got = split('a,b\n1,"x\ny\r\nz"\n2,w\n', ",", 3, 2);
    expect(got.map((r) => [r.line, r.text])).toEqual([
      [1, "a,b"],
      [2, '1,"x\ny\r\nz"'],
      [5, "2,w"],
    ]);
  });

  it("when a line holds only delimiters or whitespace, then no record comes out for it", () => {
    expect(split("a,b\n,\n  \n\n1,2\n", ",", 2).map((r) => r.text)).toEqual(["a,b", "1,2"]);
  });

  it("when lines end in CR only, then they are records too", () => {
    const got = split("a,b\r1,2\r3,4", ",", 1);
    expect(got.map((r) => [r.line, r.text, r.ending])).toEqual([
      [1, "a,b", "\r"],
      [2, "1,2", "\r"],
      [3, "3,4", null],
    ]);
  });
});

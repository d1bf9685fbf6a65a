/**
 * Finds where each CSV record starts and ends, before any field is parsed, so that one broken
 * record cannot swallow the rest of the file. csv-parse (even with `relax_quotes`) reads an
 * unclosed quote to the end of the input, so the sniffer and the row reader cut the text into
 * records here and hand csv-parse one well-formed record at a time.
 *
 * The quote rules mirror csv-parse with `relax_quotes`: a quote opens a quoted field only as the
 * field's first character; inside, `""` is a literal quote and a quote followed by the delimiter,
 * a line break or the end closes the field; any other quote closes it too and stays as text.
 */

export type LineEnding = "\r\n" | "\n" | "\r";

export type RecordProblem = { kind: "quote" } | { kind: "size"; chars: number };

export interface RawRecord {
  /** The record without its line ending; line breaks occur only inside quoted fields. For a quote problem, its first physical line. */
  text: string;
  /** Physical line (1-based) where the record starts. */
  line: number;
  /** Fields in the record: delimiters outside quotes + 1. */
  fields: number;
  ending: LineEnding | null;
  problem?: RecordProblem;
}

export interface SplitterOptions {
  delimiter: string;
  /**
   * Columns a record should have. A record that spans several lines and has another count is read
   * as an unbalanced quote that ran into the next lines, and is cut back to its first line.
   */
  columns?: number;
  /** Longest record kept, in characters; a longer one is reported and skipped, never held. */
  maxChars: number;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Excel's first-line hint `sep=;` names the delimiter and is no data. */
export const SEP_LINE = /^sep=(.)\s*$/i;

/** Feed text with `push`; complete records come out through `emit`, in order, blank ones left out. */
export class RecordSplitter {
  private readonly delim: number;
  private buf = "";
  private start = 0;
  private pos = 0;
  private line = 1;
  private quoting = false;
  private fieldHasChars = false;
  private fields = 1;
  private breaks = 0;
  /** Offset in `buf` of the record's second physical line; -1 while the record is on one line. */
  private secondLine = -1;
  private firstBreak = -1;
  private strayQuote = false;
  private content = false;
  /** Set while skipping the rest of an over-long record: its first line and length so far. */
  private overflow: { line: number; chars: number } | null = null;

  constructor(private readonly opts: SplitterOptions) {
    this.delim = opts.delimiter.charCodeAt(0);
  }

  push(text: string, end: boolean, emit: (record: RawRecord) => void): void {
    this.buf += text;
    for (;;) {
      this.scan(end, emit);
      if (!end || !this.finish(emit)) break;
    }
    if (this.overflow) {
      this.buf = this.buf.slice(this.pos);
      this.pos = 0;
      this.start = 0;
    } else if (this.start > 0) {
      this.buf = this.buf.slice(this.start);
      this.pos -= this.start;
      if (this.secondLine >= 0) this.secondLine -= this.start;
      if (this.firstBreak >= 0) this.firstBreak -= this.start;
      this.start = 0;
    }
  }

  private scan(end: boolean, emit: (record: RawRecord) => void): void {
    const buf = this.buf;
    const len = buf.length;
    const max = this.opts.maxChars;
    for (; this.pos < len; this.pos++) {
      const c = buf.charCodeAt(this.pos);
      if (this.overflow) {
        // The record is given up: quotes no longer count, the next line break ends it.
        if (c === LF || c === CR) {
          if (c === CR && this.pos + 1 >= len && !end) return;
          const ending = c === CR && buf.charCodeAt(this.pos + 1) === LF ? 2 : 1;
          const { line, chars } = this.overflow;
          this.overflow = null;
          emit({ text: "", line, fields: 0, ending: null, problem: { kind: "size", chars } });
          this.pos += ending - 1;
          this.line++;
          this.reset(this.pos + 1);
        } else {
          this.overflow.chars++;
        }
        continue;
      }
      if (this.pos - this.start > max) {
        if (this.quoting && this.secondLine >= 0) {
          this.cutAtFirstLine(emit);
        } else {
          this.overflow = { line: this.line, chars: this.pos - this.start };
          this.line += this.breaks;
          this.breaks = 0;
          this.start = this.pos;
        }
        this.pos--;
        continue;
      }
      if (this.quoting) {
        if (c === QUOTE) {
          if (this.pos + 1 >= len && !end) return;
          const next = buf.charCodeAt(this.pos + 1);
          if (next === QUOTE) {
            this.pos++;
            this.content = true;
            this.fieldHasChars = true;
          } else if (next === this.delim || next === LF || next === CR || Number.isNaN(next)) {
            this.quoting = false;
          } else {
            this.quoting = false;
            this.strayQuote = true;
            this.fieldHasChars = true;
          }
          continue;
        }
        if (c === LF || c === CR) {
          if (c === CR && this.pos + 1 >= len && !end) return;
          if (this.firstBreak < 0) this.firstBreak = this.pos;
          if (c === CR && buf.charCodeAt(this.pos + 1) === LF) this.pos++;
          if (this.secondLine < 0) this.secondLine = this.pos + 1;
          this.breaks++;
        } else if (c !== 0x20 && c !== 0x09) {
          this.content = true;
        }
        this.fieldHasChars = true;
        continue;
      }
      if (c === QUOTE && !this.fieldHasChars) {
        this.quoting = true;
        continue;
      }
      if (c === this.delim) {
        this.fields++;
        this.fieldHasChars = false;
        continue;
      }
      if (c === LF || c === CR) {
        if (c === CR && this.pos + 1 >= len && !end) return;
        const ending: LineEnding = c === LF ? "\n" : buf.charCodeAt(this.pos + 1) === LF ? "\r\n" : "\r";
        const text = buf.slice(this.start, this.pos);
        this.pos += ending.length - 1;
        if (this.complete(text, ending, emit)) this.pos--;
        continue;
      }
      this.fieldHasChars = true;
      if (c !== 0x20 && c !== 0x09) this.content = true;
    }
  }

  /** At the end of the input: the last record, or a quote still open. True when the text must be scanned again. */
  private finish(emit: (record: RawRecord) => void): boolean {
    if (this.overflow) {
      const { line, chars } = this.overflow;
      this.overflow = null;
      emit({ text: "", line, fields: 0, ending: null, problem: { kind: "size", chars } });
      this.reset(this.buf.length);
      return false;
    }
    if (this.quoting) {
      if (this.secondLine >= 0) {
        this.cutAtFirstLine(emit);
        return true;
      }
      emit({ text: this.buf.slice(this.start), line: this.line, fields: this.fields, ending: null, problem: { kind: "quote" } });
      this.reset(this.buf.length);
      return false;
    }
    if (this.start < this.buf.length) {
      const text = this.buf.slice(this.start);
      this.pos = this.buf.length - 1;
      if (this.complete(text, null, emit)) return true;
      this.pos = this.buf.length;
      return false;
    }
    return false;
  }

  /** A record has ended at `this.pos`. Returns true when it was cut back to its first line instead. */
  private complete(text: string, ending: LineEnding | null, emit: (record: RawRecord) => void): boolean {
    const expected = this.opts.columns;
    if (this.breaks > 0 && (this.strayQuote || (expected !== undefined && this.fields !== expected))) {
      this.cutAtFirstLine(emit);
      return true;
    }
    if (this.content) emit({ text, line: this.line, fields: this.fields, ending });
    this.line += this.breaks + (ending ? 1 : 0);
    this.reset(this.pos + 1);
    return false;
  }

  /** The record's first line is reported as an unbalanced quote; scanning resumes at its second line (`pos`). */
  private cutAtFirstLine(emit: (record: RawRecord) => void): void {
    emit({ text: this.buf.slice(this.start, this.firstBreak), line: this.line, fields: 0, ending: null, problem: { kind: "quote" } });
    const next = this.secondLine;
    this.line++;
    this.reset(next);
    this.pos = next;
  }

  private reset(start: number): void {
    this.start = start;
    this.quoting = false;
    this.fieldHasChars = false;
    this.fields = 1;
    this.breaks = 0;
    this.secondLine = -1;
    this.firstBreak = -1;
    this.strayQuote = false;
    this.content = false;
  }
}

/** Cells of a line read without quote rules: for a broken record, so the report still shows its values. */
export function looseCells(line: string, delimiter: string): string[] {
  return line.split(delimiter).map((c) => c.trim());
}

/** One record's text as a CSV record csv-parse reads back to these cells. */
export function quoteCells(cells: string[], delimiter: string): string {
  return cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(delimiter);
}

import type { Transform } from "node:stream";
import iconv from "iconv-lite";
import { parse as parseCsv } from "csv-parse/sync";
import { looseCells, RecordSplitter, SEP_LINE, type LineEnding, type RawRecord } from "./csv-records.ts";
import { isHeaderLike, looksLikeEmail, looksLikePhone } from "./header-synonyms.ts";

/** How much of a file `sniffCsv` reads. */
export const SNIFF_BYTES = 64 * 1024;
/** Widest row read by default; also the most columns a header-less file is given. */
export const DEFAULT_MAX_COLUMNS = 300;
const PREVIEW_ROWS = 20;
const DELIMITER_LINES = 50;
/** Longest record the sniffer holds; a whole sample is 64 KiB, so this only bounds the work. */
const SNIFF_RECORD_CHARS = 1_000_000;

export type CsvEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";
export type Delimiter = "," | ";" | "\t" | "|";
export const DELIMITERS: readonly Delimiter[] = [",", ";", "\t", "|"];

export interface Sniffed {
  encoding: CsvEncoding;
  /** Whether the file starts with a byte order mark (`decodeStream` drops it). */
  bom: boolean;
  delimiter: Delimiter;
  quote: '"';
  hasHeader: boolean;
  /** Column names: trimmed, never empty ("Column 3"), never repeated ("Email (2)"); "Column 1".."Column N" without a header. */
  headers: string[];
  /** Up to 20 data rows after the header, each as wide as `headers`. */
  preview: string[][];
  lineEnding: LineEnding;
}

/**
 * Reads the start of an uploaded file (up to `SNIFF_BYTES`) for its encoding, delimiter, header
 * and first rows. `complete` says the sample is the whole file; by default a sample shorter than
 * `SNIFF_BYTES` is taken as whole, and the last row of a longer one as cut.
 */
export function sniffCsv(sample: Buffer, opts: { complete?: boolean } = {}): Sniffed {
  const complete = opts.complete ?? sample.length < SNIFF_BYTES;
  const { encoding, bom, body } = detectEncoding(sample, complete);
  const text = iconv.decode(body, encoding, { stripBOM: true }).replace(/\0/g, "");

  const firstLine = /^[^\r\n]*/.exec(text)?.[0] ?? "";
  const sep = SEP_LINE.exec(firstLine)?.[1] as Delimiter | undefined;
  const delimiter = sep && DELIMITERS.includes(sep) ? sep : chooseDelimiter(text, complete);

  const records = splitRecords(text, delimiter, complete, PREVIEW_ROWS + 2);
  if (records.length && SEP_LINE.test(records[0].text)) records.shift();
  const rows = records.map((r) => cellsOf(r, delimiter));
  const lineEnding = records.find((r) => r.ending)?.ending ?? "\n";

  const first = rows[0] ?? [];
  const hasHeader = first.length === 0 || !looksLikeData(first);
  const dataRows = hasHeader ? rows.slice(1) : rows;
  const width = hasHeader ? first.length : Math.min(Math.max(1, ...dataRows.map((r) => r.length)), DEFAULT_MAX_COLUMNS);
  const headers = hasHeader ? uniqueHeaders(first) : Array.from({ length: width }, (_, i) => `Column ${i + 1}`);
  const preview = dataRows
    .filter((_, i) => !records[i + (hasHeader ? 1 : 0)].problem)
    .slice(0, PREVIEW_ROWS)
    .map((r) => fitWidth(r, width));
  return { encoding, bom, delimiter, quote: '"', hasHeader, headers, preview, lineEnding };
}

/** A decoder for the sniffed encoding (iconv-lite's), dropping a byte order mark; the importer pipes the whole file through it. */
export function decodeStream(encoding: CsvEncoding): Transform {
  return iconv.decodeStream(encoding, { stripBOM: true }) as unknown as Transform;
}

/** Pads a row with empty cells or cuts it to `width`. */
export function fitWidth(cells: string[], width: number): string[] {
  if (cells.length === width) return cells;
  if (cells.length > width) return cells.slice(0, width);
  return cells.concat(Array.from({ length: width - cells.length }, () => ""));
}

function detectEncoding(sample: Buffer, complete: boolean): { encoding: CsvEncoding; bom: boolean; body: Buffer } {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: "utf-8", bom: true, body: sample.subarray(3) };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: "utf-16le", bom: true, body: evenLength(sample.subarray(2)) };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: "utf-16be", bom: true, body: evenLength(sample.subarray(2)) };
  const utf16 = utf16ByNuls(sample);
  if (utf16) return { encoding: utf16, bom: false, body: evenLength(sample) };
  const body = complete ? sample : withoutCutCharacter(sample);
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(body);
    return { encoding: "utf-8", bom: false, body };
  } catch {
    // Not UTF-8: Excel's "CSV" on Windows writes the ANSI code page, 1252 in Western locales.
    return { encoding: "windows-1252", bom: false, body: sample };
  }
}

/** UTF-16 without a byte order mark: Latin text puts a NUL in every other byte (odd bytes in LE, even in BE). */
function utf16ByNuls(sample: Buffer): CsvEncoding | null {
  const n = Math.min(sample.length, 4096) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (sample[i] === 0) even++;
    if (sample[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd > pairs * 0.4 && even < pairs * 0.1) return "utf-16le";
  if (even > pairs * 0.4 && odd < pairs * 0.1) return "utf-16be";
  return null;
}

const evenLength = (b: Buffer) => (b.length % 2 ? b.subarray(0, b.length - 1) : b);

/** Drops a multi-byte UTF-8 character cut by the end of the sample. */
function withoutCutCharacter(b: Buffer): Buffer {
  for (let i = b.length - 1; i >= Math.max(0, b.length - 4); i--) {
    const byte = b[i];
    if (byte < 0x80) return b;
    if (byte >= 0xc0) {
      const size = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return b.length - i < size ? b.subarray(0, i) : b;
    }
  }
  return b;
}

/** Records of the sample; when the sample is cut, its last record is left out. */
function splitRecords(text: string, delimiter: Delimiter, complete: boolean, limit: number): RawRecord[] {
  const splitter = new RecordSplitter({ delimiter, maxChars: SNIFF_RECORD_CHARS });
  const out: RawRecord[] = [];
  splitter.push(text, false, (r) => out.push(r));
  if (out.length >= limit) return out.slice(0, limit);
  // The rest: an unbalanced quote early in the sample leaves everything after it pending.
  const rest: RawRecord[] = [];
  splitter.push("", true, (r) => rest.push(r));
  return out.concat(complete ? rest : rest.slice(0, -1)).slice(0, limit);
}

/**
 * The delimiter giving the most consistent column count (2 or more) over the first lines, quotes
 * respected; close calls go to more columns, then to the order of `DELIMITERS`.
 */
function chooseDelimiter(text: string, complete: boolean): Delimiter {
  let best: { delimiter: Delimiter; consistency: number; columns: number } | null = null;
  for (const delimiter of DELIMITERS) {
    const counts = splitRecords(text, delimiter, complete, DELIMITER_LINES)
      .filter((r) => !r.problem)
      .map((r) => r.fields);
    if (!counts.length) continue;
    const freq = new Map<number, number>();
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
    let columns = 0;
    let hits = 0;
    for (const [c, f] of freq) if (f > hits || (f === hits && c > columns)) [columns, hits] = [c, f];
    if (columns < 2) continue;
    const consistency = hits / counts.length;
    if (!best || consistency > best.consistency + 0.1 || (Math.abs(consistency - best.consistency) <= 0.1 && columns > best.columns)) {
      best = { delimiter, consistency, columns };
    }
  }
  return best?.delimiter ?? ",";
}

function cellsOf(record: RawRecord, delimiter: Delimiter): string[] {
  if (record.problem) return looseCells(record.text, delimiter);
  try {
    const [cells] = parseCsv(record.text, {
      delimiter,
      quote: '"',
      relax_quotes: true,
      relax_column_count: true,
      record_delimiter: "\n",
    }) as string[][];
    return cells ?? [];
  } catch {
    return looseCells(record.text, delimiter);
  }
}

/** A first row holding an email or a phone number and no column name is data, not a header. */
function looksLikeData(cells: string[]): boolean {
  const values = cells.map((c) => c.trim()).filter(Boolean);
  return values.some((v) => looksLikeEmail(v) || looksLikePhone(v)) && !values.some(isHeaderLike);
}

function uniqueHeaders(cells: string[]): string[] {
  const seen = new Set<string>();
  return cells.map((cell, i) => {
    const base =
      cell
        .replace(/\uFEFF/g, "")
        .replace(/\s+/g, " ")
        .trim()
        .slice(0, 200) || `Column ${i + 1}`;
    let name = base;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${base} (${n})`;
    seen.add(name.toLowerCase());
    return name;
  });
}

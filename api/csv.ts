import type { CastingContext } from "csv-stringify";
import { neutralizeCell } from "../core/imports/mapping.ts";

/**
 * How values become CSV cells in every export: text neutralised against formula injection (a
 * spreadsheet must never run `=HYPERLINK(…)` from a lead's name), dates as ISO 8601, JSON as JSON.
 */
export const CSV_CAST = {
  string: (v: string) => neutralizeCell(v),
  date: (v: Date) => v.toISOString(),
  object: (v: object) => neutralizeCell(JSON.stringify(v)),
  boolean: (v: boolean) => (v ? "true" : "false"),
} satisfies Record<string, (v: never, ctx: CastingContext) => string>;

/**
 * Every export's cell format: the casts above, and quotes around any cell holding a separator some
 * spreadsheet splits on (`;` in much of Europe, `|`, TAB), so a cell can never become two.
 */
export const CSV_FORMAT = { cast: CSV_CAST, quoted_match: /[;|\t]/ };

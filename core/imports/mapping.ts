import type { LeadField } from "../lead/field-names.ts";
import { headerIntent, looksLikeEmail, looksLikePhone, snakeKey } from "./header-synonyms.ts";

/** Where a second email column goes: the canonical lead has one email. */
export const SECONDARY_EMAIL = "custom_fields.secondary_email";
/** Fields several columns may feed: any opt-out column means do-not-disturb, tags from every tag column. */
const SHARED = new Set<LeadField>(["dnd", "tags"]);
/** Share of a column's preview values that must look like emails (or phones) before an unnamed column is read as one. */
const PREVIEW_SHARE = 0.8;

/**
 * A proposed mapping, header → target: a lead field, `custom_fields.<snake_case_header>` or
 * "skip". Clear headers decide (field-names.ts, then the import names of header-synonyms.ts);
 * each field takes one column, the first one asking for it: a second phone becomes `alt_phone`, a
 * second email `custom_fields.secondary_email`, any other extra a custom field. A full-name column
 * beside first and last name columns is skipped. The preview only speaks for columns whose header
 * says nothing: mostly emails make an email column, mostly 10-to-15-digit numbers a phone column.
 */
export function proposeMapping(headers: string[], preview: string[][]): Record<string, string> {
  const values = (i: number) => preview.map((r) => (r[i] ?? "").trim()).filter((v) => v !== "");
  const targets: (string | undefined)[] = headers.map(() => undefined);
  const taken = new Set<string>();
  const take = (i: number, target: string) => {
    targets[i] = target;
    taken.add(target);
  };
  const takeFirstFree = (i: number, options: string[]) => {
    const free = options.find((t) => !taken.has(t));
    if (free) take(i, free);
  };

  const secondary: number[] = [];
  const overflow: number[] = [];
  const unnamed: number[] = [];
  headers.forEach((header, i) => {
    const intent = headerIntent(header, values(i));
    if (intent.kind === "skip") targets[i] = "skip";
    else if (intent.kind === "unknown") unnamed.push(i);
    else if (intent.kind === "field" && intent.secondary) secondary.push(i);
    else if (intent.kind === "field") {
      if (SHARED.has(intent.field) || !taken.has(intent.field)) take(i, intent.field);
      else overflow.push(i);
    }
  });
  const fieldOf = (i: number) => {
    const intent = headerIntent(headers[i], values(i));
    return intent.kind === "field" ? intent.field : null;
  };
  // Columns named as second ones ("Alternate No.", "Secondary Email") before extra columns of a taken field.
  for (const i of secondary) takeFirstFree(i, fieldOf(i) === "email" ? [SECONDARY_EMAIL] : ["alt_phone"]);
  for (const i of overflow) {
    const f = fieldOf(i);
    if (f === "phone" || f === "alt_phone") takeFirstFree(i, ["alt_phone"]);
    else if (f === "email") takeFirstFree(i, [SECONDARY_EMAIL]);
  }
  for (const i of unnamed) {
    const v = values(i);
    if (!v.length) continue;
    if (share(v, looksLikeEmail) >= PREVIEW_SHARE) takeFirstFree(i, ["email", SECONDARY_EMAIL]);
    else if (share(v, looksLikePhone) >= PREVIEW_SHARE) takeFirstFree(i, ["phone", "alt_phone"]);
  }
  if (taken.has("first_name") && taken.has("last_name")) {
    targets.forEach((t, i) => {
      if (t === "name") targets[i] = "skip";
    });
  }

  const keys = new Set([...taken].filter((t) => t.startsWith("custom_fields.")).map((t) => t.slice("custom_fields.".length)));
  const out: Record<string, string> = {};
  headers.forEach((header, i) => {
    let target = targets[i];
    if (!target) {
      const base = snakeKey(header, i);
      let key = base;
      for (let n = 2; keys.has(key); n++) key = `${base.slice(0, 95)}_${n}`;
      keys.add(key);
      target = `custom_fields.${key}`;
    }
    out[header] = target;
  });
  return out;
}

const share = (values: string[], test: (v: string) => boolean) => values.filter(test).length / values.length;

/** Signs a spreadsheet starts a formula with, fullwidth and small forms included (`＝` is `=` to some). */
const SIGN = "=+\\-@\\uFF1D\\uFE66\\uFF0B\\uFE62\\uFF0D\\uFE63\\uFF20\\uFE6B";
/**
 * Where a spreadsheet may start a cell: the text's start, or after a separator some locale's
 * spreadsheet splits on (`,` `;` `|` TAB, a line break), past spaces some importers trim. A leading
 * TAB or CR is a trigger of its own. The `'*` run makes the escape exact: k quotes become k + 1.
 */
const RISKY = new RegExp(`(^|[,;|\\t\\r\\n])(\\s*)('*)(?=[${SIGN}])|^('*)(?=[\\t\\r])`, "g");
const ESCAPED = new RegExp(`(^|[,;|\\t\\r\\n])(\\s*)'('*)(?=[${SIGN}])|^'('*)(?=[\\t\\r])`, "g");

/**
 * A cell for a CSV export (OWASP, "CSV Injection"): wherever a spreadsheet could start a formula, a
 * `'` goes before it, at the start and after an inner separator alike, since `Pune;=cmd|…` is two
 * cells to a spreadsheet that splits on `;` and reads quotes only at a cell's start. Anything else
 * is unchanged.
 */
export function neutralizeCell(value: string): string {
  return value.replace(RISKY, (_m, sep: string | undefined, space: string, quotes: string, leading: string) =>
    sep === undefined ? `'${leading}` : `${sep}${space}'${quotes}`,
  );
}

/** The cell as it was before `neutralizeCell`, so an exported file imports back unchanged. */
export function restoreCell(value: string): string {
  return value.replace(ESCAPED, (_m, sep: string | undefined, space: string, quotes: string, leading: string) =>
    sep === undefined ? leading : `${sep}${space}${quotes}`,
  );
}

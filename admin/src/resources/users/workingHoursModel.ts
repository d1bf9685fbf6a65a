// A rep's working hours as the API stores them (`{"mon": ["09:00", "18:00"]}`, several spans as
// `{"mon": [["09:00", "13:00"], ["14:00", "18:00"]]}`, a day left out = off, none at all = always
// available) and as the per-weekday editor shows them.

export const WEEK = [
  { day: "mon", label: "Mon" },
  { day: "tue", label: "Tue" },
  { day: "wed", label: "Wed" },
  { day: "thu", label: "Thu" },
  { day: "fri", label: "Fri" },
  { day: "sat", label: "Sat" },
  { day: "sun", label: "Sun" },
] as const;
export type Weekday = (typeof WEEK)[number]["day"];

export type Span = [string, string];
export type Week = Record<Weekday, Span[]>;

export const DEFAULT_SPAN: Span = ["09:00", "18:00"];
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

const noDays = (): Week => ({ mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] });

/** Office hours to start from when someone switches "always available" off. */
export function defaultWeek(): Week {
  const week = noDays();
  for (const day of ["mon", "tue", "wed", "thu", "fri"] as const) week[day] = [[...DEFAULT_SPAN]];
  return week;
}

const isSpan = (x: unknown): x is Span => Array.isArray(x) && x.length === 2 && typeof x[0] === "string" && typeof x[1] === "string";

/** The stored value as a week, or null for "always available" (no hours, or nothing readable). */
export function weekFromApi(value: unknown): Week | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const week = noDays();
  let any = false;
  for (const { day } of WEEK) {
    const v = (value as Record<string, unknown>)[day];
    const spans = isSpan(v) ? [v] : Array.isArray(v) ? v.filter(isSpan) : [];
    week[day] = spans.map(([a, b]) => [a, b]);
    any ||= spans.length > 0;
  }
  return any ? week : null;
}

/**
 * The form's value as a week. Unlike `weekFromApi`, an object with no days reads as a week with
 * every day off (what switching the last day off leaves), not as always available.
 */
export function weekFromForm(value: unknown): Week | null {
  return weekFromApi(value) ?? (value && typeof value === "object" && !Array.isArray(value) ? noDays() : null);
}

/** The week as the API stores it: one span as a pair, several as a list; days off left out. */
export function weekToApi(week: Week | null): Record<string, Span | Span[]> | null {
  if (!week) return null;
  const out: Record<string, Span | Span[]> = {};
  for (const { day } of WEEK) {
    const spans = week[day];
    if (spans.length === 1) out[day] = spans[0];
    else if (spans.length > 1) out[day] = spans;
  }
  return out;
}

/**
 * What is wrong, keyed by day ("mon") or "week". An empty object is not saved: the API would read it
 * as always available, which is not what switching every day off means.
 */
export function weekErrors(week: Week | null): Record<string, string> {
  if (!week) return {};
  const errors: Record<string, string> = {};
  for (const { day } of WEEK) {
    for (const [from, to] of week[day]) {
      if (!HHMM.test(from) || !HHMM.test(to)) errors[day] = "Times as HH:MM";
      else if (from === to) errors[day] = "A span must not start and end at the same time";
    }
  }
  if (WEEK.every(({ day }) => !week[day].length)) errors.week = "Pick at least one working day, or make the user always available";
  return errors;
}

/** "Mon–Fri 09:00–18:00; Sat 10:00–14:00": days in a row with the same hours are joined. */
export function weekSummary(week: Week | null): string {
  if (!week) return "Always available";
  const parts: string[] = [];
  let i = 0;
  while (i < WEEK.length) {
    const spans = week[WEEK[i].day];
    let j = i;
    while (j + 1 < WEEK.length && sameSpans(week[WEEK[j + 1].day], spans)) j++;
    if (spans.length) {
      const days = i === j ? WEEK[i].label : `${WEEK[i].label}–${WEEK[j].label}`;
      parts.push(`${days} ${spans.map(([a, b]) => `${a}–${b}`).join(", ")}`);
    }
    i = j + 1;
  }
  return parts.join("; ") || "No working days";
}

const sameSpans = (a: Span[], b: Span[]) => a.length === b.length && a.every((s, k) => s[0] === b[k][0] && s[1] === b[k][1]);

/** A span that runs past midnight ("22:00"–"06:00") is allowed: night shifts. */
export const crossesMidnight = ([from, to]: Span): boolean => HHMM.test(from) && HHMM.test(to) && from > to;

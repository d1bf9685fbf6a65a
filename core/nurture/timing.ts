import { DateTime } from "luxon";
import type { QuietHours } from "./sequence.ts";

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A zone luxon knows, else the fallback (a lead's zone is free text from forms and imports). */
export function validZone(zone: string | null | undefined, fallback: string): string {
  return zone && DateTime.now().setZone(zone).isValid ? zone : fallback;
}

/**
 * When a step is due after the previous one finished at `from`: its delay in minutes, then its
 * business days (Monday to Friday, same time of day), then the next `until_time` in the lead's zone.
 */
export function dueAfter(
  step: { delay_minutes: number; business_days: number | null; until_time: string | null },
  from: Date,
  zone: string,
): Date {
  let t = DateTime.fromJSDate(from, { zone }).plus({ minutes: step.delay_minutes });
  for (let left = step.business_days ?? 0; left > 0;) {
    t = t.plus({ days: 1 });
    if (t.weekday <= 5) left--;
  }
  if (step.until_time) {
    const m = minutesOf(step.until_time);
    let at = t.set({ hour: Math.floor(m / 60), minute: m % 60, second: 0, millisecond: 0 });
    if (at < t) at = at.plus({ days: 1 });
    t = at;
  }
  return t.toJSDate();
}

/** The first moment at or after `at` outside quiet hours (a window that may wrap midnight) in the zone. */
export function afterQuietHours(at: Date, quiet: QuietHours | null, zone: string): Date {
  if (!quiet || quiet.start === quiet.end) return at;
  const local = DateTime.fromJSDate(at, { zone });
  const now = local.hour * 60 + local.minute;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const inside = start < end ? now >= start && now < end : now >= start || now < end;
  if (!inside) return at;
  let until = local.set({ hour: Math.floor(end / 60), minute: end % 60, second: 0, millisecond: 0 });
  if (until <= local) until = until.plus({ days: 1 });
  return until.toJSDate();
}

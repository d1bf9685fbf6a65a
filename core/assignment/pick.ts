import { z } from "zod";
import type { AssignmentStrategy, NotifyNewLeads } from "../vocabulary.ts";

export interface Rep {
  id: string;
  name: string;
  email: string;
  weight: number;
  capacity: number | null;
  working_hours: WorkingHours | null;
  time_zone: string | null;
  out_of_office: boolean;
  notify_new_leads: NotifyNewLeads;
}

/**
 * When a rep takes leads, per weekday in their time zone: `{"mon": ["09:00", "18:00"]}` or several
 * spans `{"mon": [["09:00", "13:00"], ["14:00", "18:00"]]}`; a day left out is a day off. No hours
 * set: always available.
 */
export type WorkingHours = Partial<Record<Weekday, [string, string] | [string, string][]>>;
export const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time as HH:MM");
const span = z.tuple([hhmm, hhmm]);
export const workingHoursSchema = z.partialRecord(z.enum(WEEKDAYS), z.union([span, z.array(span).max(6)]));

/** Whether the runtime knows the zone (Intl throws a RangeError on an unknown one). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function localTime(now: Date, timeZone: string): { day: Weekday; minutes: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(now).map((p) => [p.type, p.value]));
  return { day: parts.weekday.slice(0, 3).toLowerCase() as Weekday, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return h * 60 + (m || 0);
};

/** Whether `now` falls in the rep's working hours (spans past midnight, "22:00"–"06:00", wrap). */
export function isWorking(hours: WorkingHours | null, timeZone: string, now: Date): boolean {
  // Hours in another shape (stored before the API checked them) are no hours set.
  if (!hours || !Object.keys(hours).length || !workingHoursSchema.safeParse(hours).success) return true;
  const { day, minutes } = localTime(now, timeZone);
  const today = hours[day];
  if (!today?.length) return false;
  const spans = (typeof today[0] === "string" ? [today] : today) as [string, string][];
  return spans.some(([from, to]) => {
    const [a, b] = [minutesOf(from), minutesOf(to)];
    return a <= b ? minutes >= a && minutes < b : minutes >= a || minutes < b;
  });
}

export interface Availability {
  ok: boolean;
  /** Why not, for the timeline: "out of office", "outside working hours", "at capacity (25/25)". */
  why?: string;
}

export function availability(rep: Rep, open: number, tenantTimeZone: string, now: Date): Availability {
  if (rep.out_of_office) return { ok: false, why: "out of office" };
  // A zone the runtime does not know (stored before the API checked) reads as the tenant's.
  const zone = rep.time_zone && isTimeZone(rep.time_zone) ? rep.time_zone : tenantTimeZone;
  if (!isWorking(rep.working_hours, zone, now)) return { ok: false, why: "outside working hours" };
  if (rep.capacity !== null && open >= rep.capacity) return { ok: false, why: `at capacity (${open}/${rep.capacity})` };
  return { ok: true };
}

/**
 * Smooth weighted round robin (as nginx): weights 5, 1, 1 give a a b a c a a, not a a a a a b c.
 * The cycle lists member indexes; its length is the sum of the weights.
 */
export function weightedCycle(weights: number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  const current = weights.map(() => 0);
  const cycle: number[] = [];
  for (let k = 0; k < total; k++) {
    let best = -1;
    for (let i = 0; i < weights.length; i++) {
      current[i] += weights[i];
      if (best < 0 || current[i] > current[best]) best = i;
    }
    current[best] -= total;
    cycle.push(best);
  }
  return cycle;
}

export interface Pick {
  rep: Rep;
  /** The pointer after this pick: the next lead starts looking after the rep who got this one. */
  next: number;
}

/**
 * The team member for the next lead: `position` is the team's round-robin pointer, members are in
 * a stable order, `available` says who may take a lead now. Round robin and weighted walk the
 * (weighted) cycle from the pointer to the first available member; least loaded takes the
 * available member with the fewest open leads, ties going round-robin. Null: nobody available.
 */
export function pickRep(
  members: Rep[],
  strategy: AssignmentStrategy,
  position: number,
  available: (rep: Rep) => boolean,
  open: (rep: Rep) => number,
): Pick | null {
  if (!members.length) return null;
  const cycle = strategy === "weighted" ? weightedCycle(members.map((m) => Math.max(0, m.weight))) : members.map((_, i) => i);
  if (!cycle.length) return null;
  let best: { k: number; load: number } | null = null;
  for (let k = 0; k < cycle.length; k++) {
    const rep = members[cycle[(position + k) % cycle.length]];
    if (!available(rep)) continue;
    if (strategy !== "least_loaded") return { rep, next: position + k + 1 };
    const load = open(rep);
    if (!best || load < best.load) best = { k, load };
  }
  return best && { rep: members[cycle[(position + best.k) % cycle.length]], next: position + best.k + 1 };
}

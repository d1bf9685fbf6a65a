// A lead's journey: milestones and engagements as one timeline, their choices, and the dialogs' payloads.
import { type Choice, type Tone, choicesOf, humanize, labelOf } from "../components/toneModel.ts";
import {
  BEHAVIOURS,
  DIRECTIONS as DIRECTION_VALUES,
  ENGAGEMENT_CHANNELS,
  ENGAGEMENT_TYPES as LOGGED,
  MILESTONE_KINDS as KINDS,
  OUTCOMES as OUTCOME_VALUES,
  type Behaviour,
  type Direction,
  type EngagementType,
  type MilestoneKind,
  type Outcome,
} from "../../../core/vocabulary.ts";

export const MILESTONE_KINDS = choicesOf(KINDS, {
  lead_generated: ["Lead generated", "grey"],
  contacted: ["Contacted", "blue"],
  site_visit: ["Site visit", "teal"],
  revisit: ["Revisit", "teal"],
  demo: ["Demo", "indigo"],
  proposal: ["Proposal", "violet"],
  negotiation: ["Negotiation", "amber"],
  booking: ["Booking", "green"],
  cancellation: ["Cancellation", "red"],
  reengaged: ["Re-engaged", "orange"],
});
/** Kinds a person adds by hand (lead_generated is the lead's creation; reengaged is intake's). */
export const ADDABLE_KINDS = MILESTONE_KINDS.filter((k) => k.id !== "lead_generated" && k.id !== "reengaged");

export const OUTCOMES = choicesOf(OUTCOME_VALUES, {
  positive: ["Positive", "green"],
  neutral: ["Neutral", "grey"],
  negative: ["Negative", "red"],
});

const ENGAGEMENT_LOOKS: Record<EngagementType | Behaviour, readonly [string, Tone]> = {
  email_sent: ["Email sent", "blue"],
  call_made: ["Call made", "teal"],
  message_sent: ["Message sent", "indigo"],
  meeting_scheduled: ["Meeting scheduled", "violet"],
  proposal_sent: ["Proposal sent", "amber"],
  quote_sent: ["Quote sent", "amber"],
  email_opened: ["Email opened", "green"],
  link_clicked: ["Link clicked", "green"],
  email_replied: ["Email replied", "green"],
  form_resubmitted: ["Form resubmitted", "orange"],
  meeting: ["Meeting", "violet"],
  site_visit: ["Site visit", "teal"],
  demo: ["Demo", "indigo"],
};
/** Every engagement a timeline shows: what people log, then what tracking and intake write. */
export const ENGAGEMENT_TYPES = choicesOf([...LOGGED, ...BEHAVIOURS], ENGAGEMENT_LOOKS);
/** What people log by hand. */
export const LOGGABLE_TYPES = choicesOf(LOGGED, ENGAGEMENT_LOOKS);

export const CHANNELS = choicesOf(ENGAGEMENT_CHANNELS, {
  email: ["Email", "blue"],
  phone: ["Phone", "teal"],
  sms: ["SMS", "indigo"],
  whatsapp: ["WhatsApp", "green"],
  in_person: ["In person", "violet"],
  video: ["Video", "amber"],
});

export const DIRECTIONS = choicesOf(DIRECTION_VALUES, { out: ["Outgoing", "grey"], in: ["Incoming", "grey"] });

/** The channel a type usually goes by, so the dialog needs one pick less. */
export const DEFAULT_CHANNEL: Record<string, string> = {
  email_sent: "email",
  call_made: "phone",
  message_sent: "whatsapp",
  meeting_scheduled: "in_person",
  proposal_sent: "email",
  quote_sent: "email",
};

export interface Milestone {
  id: string;
  kind: MilestoneKind;
  title?: string | null;
  occurred_at: string;
  location_name?: string | null;
  latitude?: number | string | null;
  longitude?: number | string | null;
  outcome?: Outcome | null;
  duration_minutes?: number | null;
  notes?: string | null;
  follow_up_at?: string | null;
  status_before?: string | null;
  status_after?: string | null;
}

export interface Engagement {
  id: string;
  lead_id?: string;
  type: string;
  channel?: string | null;
  direction?: Direction | null;
  subject?: string | null;
  notes?: string | null;
  occurred_at: string;
  duration_minutes?: number | null;
  response_received?: boolean | null;
  outcome?: Outcome | null;
}

export interface JourneyItem {
  key: string;
  source: "milestone" | "engagement";
  /** Milestone kind or engagement type: picks the icon. */
  kind: string;
  channel: string | null;
  title: string;
  subtitle: string | null;
  occurred_at: string;
  outcome: string | null;
  outcomeTone: Tone;
  location: string | null;
  /** "45 min", "1 h 30 min". */
  duration: string | null;
  notes: string | null;
  tone: Tone;
  mapUrl: string | null;
  responded: boolean;
}

/** 45 → "45 min", 90 → "1 h 30 min", 120 → "2 h"; nothing → null. */
export function formatDuration(minutes: unknown): string | null {
  const m = Number(minutes);
  if (minutes === null || minutes === undefined || minutes === "" || !Number.isFinite(m) || m <= 0) return null;
  const h = Math.floor(m / 60);
  const rest = Math.round(m % 60);
  if (!h) return `${rest} min`;
  return rest ? `${h} h ${rest} min` : `${h} h`;
}

function mapUrl(lat: unknown, lng: unknown): string | null {
  const la = Number(lat);
  const lo = Number(lng);
  if (lat == null || lng == null || lat === "" || lng === "" || !Number.isFinite(la) || !Number.isFinite(lo)) return null;
  return `https://www.openstreetmap.org/?mlat=${la}&mlon=${lo}#map=17/${la}/${lo}`;
}

const tone = (choices: readonly Choice[], id: unknown): Tone => choices.find((c) => c.id === id)?.tone ?? "grey";

/** Milestones and engagements, newest first; the lead's creation as the first milestone when given. */
export function journeyItems(
  milestones: readonly Milestone[],
  engagements: readonly Engagement[],
  leadCreatedAt?: string | null,
): JourneyItem[] {
  const items: JourneyItem[] = [];
  for (const m of milestones) {
    const custom = m.title?.trim() && m.title.trim() !== labelOf(MILESTONE_KINDS, m.kind) ? m.title.trim() : null;
    const status = m.status_after && m.status_after !== m.status_before ? `Status → ${humanize(m.status_after)}` : null;
    items.push({
      key: `m-${m.id}`,
      source: "milestone",
      kind: m.kind,
      channel: null,
      title: custom ?? labelOf(MILESTONE_KINDS, m.kind),
      subtitle: custom ? [labelOf(MILESTONE_KINDS, m.kind), status].filter(Boolean).join(" · ") : status,
      occurred_at: m.occurred_at,
      outcome: m.outcome ?? null,
      outcomeTone: tone(OUTCOMES, m.outcome),
      location: m.location_name?.trim() || null,
      duration: formatDuration(m.duration_minutes),
      notes: m.notes?.trim() || null,
      tone: tone(MILESTONE_KINDS, m.kind),
      mapUrl: mapUrl(m.latitude, m.longitude),
      responded: false,
    });
  }
  if (leadCreatedAt && !milestones.some((m) => m.kind === "lead_generated")) {
    items.push({
      key: "m-lead-generated",
      source: "milestone",
      kind: "lead_generated",
      channel: null,
      title: "Lead generated",
      subtitle: null,
      occurred_at: leadCreatedAt,
      outcome: null,
      outcomeTone: "grey",
      location: null,
      duration: null,
      notes: null,
      tone: "grey",
      mapUrl: null,
      responded: false,
    });
  }
  for (const e of engagements) {
    const way = [e.channel ? labelOf(CHANNELS, e.channel) : null, e.direction === "in" ? "inbound" : null].filter(Boolean).join(" · ");
    items.push({
      key: `e-${e.id}`,
      source: "engagement",
      kind: e.type,
      channel: e.channel ?? null,
      title: e.subject?.trim() || labelOf(ENGAGEMENT_TYPES, e.type),
      subtitle: [e.subject?.trim() ? labelOf(ENGAGEMENT_TYPES, e.type) : null, way || null].filter(Boolean).join(" · ") || null,
      occurred_at: e.occurred_at,
      outcome: e.outcome ?? null,
      outcomeTone: tone(OUTCOMES, e.outcome),
      location: null,
      duration: formatDuration(e.duration_minutes),
      notes: e.notes?.trim() || null,
      tone: tone(ENGAGEMENT_TYPES, e.type),
      mapUrl: null,
      responded: e.response_received === true,
    });
  }
  // The lead's creation is where the journey starts: last, whatever the minutes typed in a dialog say.
  const start = (i: JourneyItem) => (i.kind === "lead_generated" && i.source === "milestone" ? 1 : 0);
  return items.sort((a, b) => start(a) - start(b) || Date.parse(b.occurred_at) - Date.parse(a.occurred_at) || a.key.localeCompare(b.key));
}

/** `<input type="datetime-local">` value for a date, in the browser's zone. */
export function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value as ISO (the browser's zone); empty → null. */
export function isoFromLocal(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export interface MilestoneForm {
  kind: string;
  title: string;
  occurred_at: string;
  location_name: string;
  latitude: string;
  longitude: string;
  outcome: string;
  duration_minutes: string;
  notes: string;
  follow_up_at: string;
  status_after: string;
}

export function emptyMilestoneForm(now: Date): MilestoneForm {
  return {
    kind: "site_visit",
    title: "",
    occurred_at: localInputValue(now),
    location_name: "",
    latitude: "",
    longitude: "",
    outcome: "",
    duration_minutes: "",
    notes: "",
    follow_up_at: "",
    status_after: "",
  };
}

export type FormErrors<F> = Partial<Record<keyof F, string>>;

function checkNumber(value: string, min: number, max: number): boolean {
  if (!value.trim()) return true;
  const n = Number(value);
  return Number.isFinite(n) && n >= min && n <= max;
}

export function milestoneErrors(f: MilestoneForm): FormErrors<MilestoneForm> {
  const e: FormErrors<MilestoneForm> = {};
  if (!MILESTONE_KINDS.some((k) => k.id === f.kind)) e.kind = "Pick a kind";
  if (!isoFromLocal(f.occurred_at)) e.occurred_at = "When did it happen?";
  if (!checkNumber(f.latitude, -90, 90)) e.latitude = "Between -90 and 90";
  if (!checkNumber(f.longitude, -180, 180)) e.longitude = "Between -180 and 180";
  if (Boolean(f.latitude.trim()) !== Boolean(f.longitude.trim())) e[f.latitude.trim() ? "longitude" : "latitude"] = "Both or neither";
  if (f.duration_minutes.trim() && (!checkNumber(f.duration_minutes, 0, 100000) || !Number.isInteger(Number(f.duration_minutes))))
    e.duration_minutes = "Whole minutes";
  if (f.follow_up_at && !isoFromLocal(f.follow_up_at)) e.follow_up_at = "Not a date";
  return e;
}

const text = (v: string) => (v.trim() ? v.trim() : undefined);
const num = (v: string) => (v.trim() ? Number(v) : undefined);

/** POST /api/milestones: `lead_id` shorthand, empty fields left out. */
export function milestonePayload(leadId: string, f: MilestoneForm): Record<string, unknown> {
  const body: Record<string, unknown> = {
    lead_id: leadId,
    kind: f.kind,
    title: text(f.title) ?? labelOf(MILESTONE_KINDS, f.kind),
    occurred_at: isoFromLocal(f.occurred_at),
    location_name: text(f.location_name),
    latitude: num(f.latitude),
    longitude: num(f.longitude),
    outcome: text(f.outcome),
    duration_minutes: num(f.duration_minutes),
    notes: text(f.notes),
    follow_up_at: f.follow_up_at ? isoFromLocal(f.follow_up_at) : undefined,
    status_after: text(f.status_after),
  };
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined && v !== null));
}

export interface EngagementForm {
  type: string;
  channel: string;
  direction: Direction;
  subject: string;
  notes: string;
  occurred_at: string;
  duration_minutes: string;
  response_received: boolean;
  outcome: string;
}

export function emptyEngagementForm(now: Date): EngagementForm {
  return {
    type: "call_made",
    channel: "phone",
    direction: "out",
    subject: "",
    notes: "",
    occurred_at: localInputValue(now),
    duration_minutes: "",
    response_received: false,
    outcome: "",
  };
}

export function engagementErrors(f: EngagementForm): FormErrors<EngagementForm> {
  const e: FormErrors<EngagementForm> = {};
  if (!ENGAGEMENT_TYPES.some((t) => t.id === f.type)) e.type = "Pick a type";
  if (f.channel && !CHANNELS.some((c) => c.id === f.channel)) e.channel = "Pick a channel";
  if (!isoFromLocal(f.occurred_at)) e.occurred_at = "When did it happen?";
  if (f.duration_minutes.trim() && (!checkNumber(f.duration_minutes, 0, 100000) || !Number.isInteger(Number(f.duration_minutes))))
    e.duration_minutes = "Whole minutes";
  return e;
}

/** POST /api/engagements. */
export function engagementPayload(leadId: string, f: EngagementForm): Record<string, unknown> {
  const body: Record<string, unknown> = {
    lead_id: leadId,
    type: f.type,
    channel: text(f.channel),
    direction: f.direction,
    subject: text(f.subject),
    notes: text(f.notes),
    occurred_at: isoFromLocal(f.occurred_at),
    duration_minutes: num(f.duration_minutes),
    response_received: f.response_received,
    outcome: text(f.outcome),
  };
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined && v !== null));
}

export interface JourneySummary {
  daysToConvert: number | null;
  engagementPoints: number | null;
  value: number | null;
  valueSource: string | null;
}

/** The headline figures of GET /api/reports/milestone-timeline/:leadId; null where the API has none. */
export function journeySummary(raw: unknown): JourneySummary {
  const o = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const num = (v: unknown) => (v === null || v === undefined || v === "" || !Number.isFinite(Number(v)) ? null : Number(v));
  return {
    daysToConvert: num(o.days_to_convert),
    engagementPoints: num(o.engagement_points),
    value: num(o.value),
    valueSource: typeof o.value_source === "string" ? o.value_source : null,
  };
}

// Enrolments and the mail they send, as lists and chips show them.
import { choicesOf } from "../components/toneModel.ts";
import {
  EMAIL_STATUSES as EMAIL,
  ENROLLMENT_SOURCES as SOURCES,
  ENROLLMENT_STATUSES as STATUSES,
  EXIT_REASONS as REASONS,
  type EmailStatus,
  type EnrollmentSource,
  type EnrollmentStatus,
  type ExitReason,
} from "../../../core/vocabulary.ts";

export interface Enrollment {
  id: string;
  lead_id: string;
  sequence_id: string;
  sequence_version: number;
  status: EnrollmentStatus;
  exit_reason: ExitReason | null;
  current_step: number;
  next_run_at: string | null;
  enrolled_at: string;
  completed_at: string | null;
  exited_at: string | null;
  source: EnrollmentSource;
  sequence_name?: string | null;
  lead_name?: string | null;
  /** Why its email waits (outbound mail not set up), from the API; null when it does not. */
  waiting_reason?: string | null;
}

export interface EmailMessage {
  id: string;
  lead_id: string;
  enrollment_id: string | null;
  sequence_id: string | null;
  step: number | null;
  to_address: string | null;
  subject: string | null;
  status: EmailStatus;
  sent_at: string | null;
  opened_at: string | null;
  clicked_at: string | null;
  replied_at: string | null;
  unsubscribed_at: string | null;
  bounced_at: string | null;
  open_count: number;
  click_count: number;
  error: string | null;
}

export const ENROLLMENT_STATUSES = choicesOf(STATUSES, {
  active: ["Active", "blue"],
  completed: ["Completed", "green"],
  exited: ["Exited", "grey"],
});

// Leaving because they replied or converted is the point of a sequence; the others are losses.
export const EXIT_REASONS = choicesOf(REASONS, {
  replied: ["Replied", "green"],
  converted: ["Converted", "green"],
  unsubscribed: ["Unsubscribed", "red"],
  dnd: ["Do not disturb", "orange"],
  bounced: ["Bounced", "red"],
  lost: ["Lost", "grey"],
  manual: ["Stopped by hand", "grey"],
  no_consent: ["No consent", "amber"],
});

export const ENROLLMENT_SOURCES = choicesOf(SOURCES, { rule: ["Rule", "indigo"], manual: ["By hand", "blue"], api: ["API", "grey"] });

// "Unknown" is the one to act on: the SMTP call may or may not have gone through.
export const EMAIL_STATUSES = choicesOf(EMAIL, {
  queued: ["Queued", "grey"],
  sending: ["Sending", "blue"],
  sent: ["Sent", "green"],
  unknown: ["Unknown", "amber"],
  failed: ["Failed", "red"],
  bounced: ["Bounced", "red"],
  not_sent: ["Not sent", "grey"],
});

export const canStop = (e: Pick<Enrollment, "status">): boolean => e.status === "active";
export const needsReconcile = (m: Pick<EmailMessage, "status">): boolean => m.status === "unknown";

/** Where an enrolment is: the step it waits on, or how it ended. */
export function enrollmentWhere(e: Pick<Enrollment, "status" | "current_step" | "exit_reason">): string {
  if (e.status === "completed") return "Completed";
  if (e.status === "exited") return `Exited${e.exit_reason ? ` (${e.exit_reason.replace(/_/g, " ")})` : ""}`;
  return `At step ${e.current_step}`;
}

/** The engagement moments of one message, in the order they happen; only those that did. */
export function emailMoments(m: EmailMessage): { key: string; label: string; at: string }[] {
  const moments: [keyof EmailMessage, string][] = [
    ["sent_at", "Sent"],
    ["opened_at", m.open_count > 1 ? `Opened ×${m.open_count}` : "Opened"],
    ["clicked_at", m.click_count > 1 ? `Clicked ×${m.click_count}` : "Clicked"],
    ["replied_at", "Replied"],
    ["unsubscribed_at", "Unsubscribed"],
    ["bounced_at", "Bounced"],
  ];
  return moments.flatMap(([key, label]) => (m[key] ? [{ key: String(key), label, at: String(m[key]) }] : []));
}

/** The leads list keeps its filter in react-admin's store; `q` and the rest go to the enrol call as they are. */
export function leadsFilterFrom(stored: unknown): Record<string, unknown> {
  const filter = stored && typeof stored === "object" ? (stored as { filter?: unknown }).filter : undefined;
  if (!filter || typeof filter !== "object" || Array.isArray(filter)) return {};
  return Object.fromEntries(Object.entries(filter as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== "" && v !== null));
}

/** "Enrolled 12, skipped 3 (already in it, or cannot be mailed)". */
export function enrolResultMessage(r: { enrolled: number; skipped: number }): string {
  const lead = (n: number) => `${n} lead${n === 1 ? "" : "s"}`;
  return r.skipped
    ? `Enrolled ${lead(r.enrolled)}; skipped ${r.skipped} (already in it, or cannot be mailed)`
    : `Enrolled ${lead(r.enrolled)}`;
}

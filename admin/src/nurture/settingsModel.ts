// The tenant's nurture settings (GET/PUT /api/nurture/settings) as the settings form edits them.
import { HH_MM } from "./sequenceModel.ts";
import { choicesOf } from "../components/toneModel.ts";
import { SUPPRESSION_REASONS as REASONS } from "../../../core/vocabulary.ts";

export interface NurtureSettings {
  quiet_hours: { start: string; end: string } | null;
  send_rate_per_minute: number | null;
  require_consent: boolean;
  track_opens: boolean;
  track_clicks: boolean;
  from_name: string | null;
  from_email: string | null;
  footer: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const blank = (v: unknown) => v == null || (typeof v === "string" && !v.trim());

export function validateSettings(s: Partial<NurtureSettings>): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!blank(s.from_email) && !EMAIL.test(String(s.from_email).trim())) errors.from_email = "An email address";
  const rateValue = s.send_rate_per_minute as unknown;
  if (!blank(rateValue) && (!Number.isInteger(Number(rateValue)) || Number(rateValue) < 1))
    errors.send_rate_per_minute = "Whole emails per minute, 1 or more (empty: no limit)";
  if (s.quiet_hours) {
    if (!HH_MM.test(s.quiet_hours.start ?? "")) errors["quiet_hours.start"] = "A time as HH:MM";
    if (!HH_MM.test(s.quiet_hours.end ?? "")) errors["quiet_hours.end"] = "A time as HH:MM";
  }
  return errors;
}

/** What PUT takes: empty texts are null, an empty rate means no limit. */
export function settingsPayload(s: Partial<NurtureSettings>): NurtureSettings {
  const text = (v: unknown) => (blank(v) ? null : String(v).trim());
  const rateValue = s.send_rate_per_minute as unknown;
  return {
    quiet_hours: s.quiet_hours ? { start: s.quiet_hours.start, end: s.quiet_hours.end } : null,
    send_rate_per_minute: blank(rateValue) ? null : Number(rateValue),
    require_consent: Boolean(s.require_consent),
    track_opens: Boolean(s.track_opens),
    track_clicks: Boolean(s.track_clicks),
    from_name: text(s.from_name),
    from_email: text(s.from_email),
    footer: text(s.footer),
  };
}

export const SUPPRESSION_REASONS = choicesOf(REASONS, {
  unsubscribed: ["Unsubscribed", "red"],
  bounced: ["Bounced", "red"],
  complained: ["Complained", "orange"],
  manual: ["Added by hand", "grey"],
  erased: ["Erased (privacy)", "grey"],
});
/** What a person may add; a privacy erasure writes "erased" itself. */
export const ADDABLE_SUPPRESSION_REASONS = SUPPRESSION_REASONS.filter((r) => r.id !== "erased");

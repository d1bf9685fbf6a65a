import { describe, expect, it } from "vitest";
import {
  type EmailMessage,
  canStop,
  emailMoments,
  enrolResultMessage,
  enrollmentWhere,
  leadsFilterFrom,
  needsReconcile,
} from "../../admin/src/nurture/enrollmentModel.ts";
import { settingsPayload, validateSettings } from "../../admin/src/nurture/settingsModel.ts";

const message = (patch: Partial<EmailMessage>): EmailMessage => ({
  id: "m",
  lead_id: "l",
  enrollment_id: "e",
  sequence_id: "s",
  step: 1,
  to_address: "a@b.in",
  subject: "Hi",
  status: "sent",
  sent_at: null,
  opened_at: null,
  clicked_at: null,
  replied_at: null,
  unsubscribed_at: null,
  bounced_at: null,
  open_count: 0,
  click_count: 0,
  error: null,
  ...patch,
});

describe("enrolments and their mail", () => {
  it("when an enrolment is listed, then only active ones can be stopped and each says where it is", () => {
    expect(canStop({ status: "active" })).toBe(true);
    expect(canStop({ status: "exited" })).toBe(false);
    expect(enrollmentWhere({ status: "active", current_step: 2, exit_reason: null })).toBe("At step 2");
    expect(enrollmentWhere({ status: "exited", current_step: 2, exit_reason: "no_consent" })).toBe("Exited (no consent)");
  });

  it("when a message is shown, then only what happened to it is listed, with repeat counts, and only unknown ones ask to be settled", () => {
    const m = message({
      sent_at: "2026-12-01T10:00:00Z",
      opened_at: "2026-12-01T11:00:00Z",
      open_count: 3,
      replied_at: "2026-12-02T09:00:00Z",
    });
    expect(emailMoments(m).map((x) => x.label)).toEqual(["Sent", "Opened ×3", "Replied"]);
    expect(needsReconcile(m)).toBe(false);
    expect(needsReconcile(message({ status: "unknown" }))).toBe(true);
  });

  it("when leads are enrolled by the leads list's filter, then empty values are dropped and the result is said plainly", () => {
    expect(leadsFilterFrom({ filter: { q: "pune", status: "", owner_id: null, grade: "A" }, sort: "x" })).toEqual({
      q: "pune",
      grade: "A",
    });
    expect(leadsFilterFrom(undefined)).toEqual({});
    expect(enrolResultMessage({ enrolled: 1, skipped: 0 })).toBe("Enrolled 1 lead");
    expect(enrolResultMessage({ enrolled: 12, skipped: 3 })).toBe("Enrolled 12 leads; skipped 3 (already in it, or cannot be mailed)");
  });

  it("when nurture settings are saved, then bad addresses and times are refused and empty texts go as null", () => {
    expect(
      validateSettings({ from_email: "sales@", send_rate_per_minute: 0 as number, quiet_hours: { start: "21:00", end: "7" } }),
    ).toEqual({
      from_email: "An email address",
      send_rate_per_minute: "Whole emails per minute, 1 or more (empty: no limit)",
      "quiet_hours.end": "A time as HH:MM",
    });
    expect(
      settingsPayload({ from_name: " ", from_email: "sales@acme.in", send_rate_per_minute: "" as unknown as number, track_opens: true }),
    ).toEqual({
      quiet_hours: null,
      send_rate_per_minute: null,
      require_consent: false,
      track_opens: true,
      track_clicks: false,
      from_name: null,
      from_email: "sales@acme.in",
      footer: null,
    });
  });
});

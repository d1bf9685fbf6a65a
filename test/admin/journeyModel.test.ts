import { describe, expect, it } from "vitest";
import {
  emptyEngagementForm,
  emptyMilestoneForm,
  engagementErrors,
  engagementPayload,
  formatDuration,
  journeyItems,
  milestoneErrors,
  milestonePayload,
} from "../../admin/src/journey/journeyModel.ts";

const now = new Date(2026, 11, 2, 10, 30);

describe("lead journey", () => {
  it("when milestones and engagements are merged, then they read newest first with the lead's creation at the start", () => {
    const items = journeyItems(
      [
        {
          id: "m1",
          kind: "site_visit",
          title: "",
          occurred_at: "2026-11-20T10:00:00Z",
          location_name: "Skyline, Pune",
          latitude: 18.52,
          longitude: 73.85,
          outcome: "positive",
          duration_minutes: 90,
          status_before: "contacted",
          status_after: "qualified",
        },
      ],
      [
        {
          id: "e1",
          type: "call_made",
          channel: "phone",
          occurred_at: "2026-11-22T10:00:00Z",
          subject: "Price follow-up",
          response_received: true,
          duration_minutes: 12,
        },
      ],
      "2026-11-01T09:00:00Z",
    );
    expect(items.map((i) => i.key)).toEqual(["e-e1", "m-m1", "m-lead-generated"]);
    expect(items[1]).toMatchObject({
      title: "Site visit",
      subtitle: "Status → Qualified",
      location: "Skyline, Pune",
      duration: "1 h 30 min",
      outcome: "positive",
      outcomeTone: "green",
      tone: "teal",
    });
    expect(items[1].mapUrl).toContain("mlat=18.52");
    expect(items[0]).toMatchObject({
      title: "Price follow-up",
      subtitle: "Call made · Phone",
      channel: "phone",
      duration: "12 min",
      responded: true,
    });
  });

  it("when the lead already has a lead_generated milestone, then no second one is added", () => {
    const items = journeyItems([{ id: "m0", kind: "lead_generated", occurred_at: "2026-11-01T09:00:00Z" }], [], "2026-11-01T09:00:00Z");
    expect(items).toHaveLength(1);
  });

  it("when durations are formatted, then hours and minutes read naturally and nothing is null", () => {
    expect(formatDuration(45)).toBe("45 min");
    expect(formatDuration(120)).toBe("2 h");
    expect(formatDuration(null)).toBeNull();
    expect(formatDuration(0)).toBeNull();
  });

  it("when a milestone is added, then its payload uses lead_id, ISO times and leaves empty fields out", () => {
    const form = { ...emptyMilestoneForm(now), kind: "demo", location_name: " Office ", duration_minutes: "30", outcome: "neutral" };
    expect(milestoneErrors(form)).toEqual({});
    const body = milestonePayload("lead-1", form);
    expect(body).toEqual({
      lead_id: "lead-1",
      kind: "demo",
      title: "Demo",
      occurred_at: new Date(2026, 11, 2, 10, 30).toISOString(),
      location_name: "Office",
      duration_minutes: 30,
      outcome: "neutral",
    });
  });

  it("when a milestone form is wrong, then each field says why", () => {
    const form = { ...emptyMilestoneForm(now), kind: "", occurred_at: "", latitude: "95", duration_minutes: "1.5" };
    expect(milestoneErrors(form)).toMatchObject({
      kind: "Pick a kind",
      occurred_at: "When did it happen?",
      latitude: "Between -90 and 90",
      duration_minutes: "Whole minutes",
    });
    expect(milestoneErrors({ ...emptyMilestoneForm(now), latitude: "18.5" })).toEqual({ longitude: "Both or neither" });
  });

  it("when an engagement is logged, then its payload carries type, channel, direction and response", () => {
    const form = { ...emptyEngagementForm(now), type: "message_sent", channel: "whatsapp", subject: "Brochure", response_received: true };
    expect(engagementErrors(form)).toEqual({});
    expect(engagementPayload("lead-1", form)).toEqual({
      lead_id: "lead-1",
      type: "message_sent",
      channel: "whatsapp",
      direction: "out",
      subject: "Brochure",
      occurred_at: new Date(2026, 11, 2, 10, 30).toISOString(),
      response_received: true,
    });
    expect(engagementErrors({ ...form, type: "nope", duration_minutes: "-3" })).toMatchObject({
      type: "Pick a type",
      duration_minutes: "Whole minutes",
    });
  });
});

describe("lead journey order and titles", () => {
  it("when a milestone is dated before the lead was created, then the lead's creation still starts the journey, and a title equal to the kind is not repeated", () => {
    const items = journeyItems(
      [{ id: "m1", kind: "site_visit", title: "Site visit", occurred_at: "2026-11-01T08:00:00Z" }],
      [],
      "2026-11-01T09:00:00Z",
    );
    expect(items.map((i) => i.kind)).toEqual(["site_visit", "lead_generated"]);
    expect(items[0]).toMatchObject({ title: "Site visit", subtitle: null });
  });
});

describe("journey summary", () => {
  it("when the milestone timeline report answers, then its days to convert, points and value are read, and missing ones are null", async () => {
    const { journeySummary } = await import("../../admin/src/journey/journeyModel.ts");
    expect(journeySummary({ days_to_convert: 12, engagement_points: 35, value: 4500000, value_source: "bookings", events: [] })).toEqual({
      daysToConvert: 12,
      engagementPoints: 35,
      value: 4500000,
      valueSource: "bookings",
    });
    expect(journeySummary({ days_to_convert: null, engagement_points: 0, value: null, value_source: null })).toEqual({
      daysToConvert: null,
      engagementPoints: 0,
      value: null,
      valueSource: null,
    });
    expect(journeySummary(undefined)).toEqual({ daysToConvert: null, engagementPoints: null, value: null, valueSource: null });
  });
});

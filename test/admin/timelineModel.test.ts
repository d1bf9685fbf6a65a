import { describe, expect, it } from "vitest";
import {
  groupTimelineByDay,
  noteTitle,
  relativeTime,
  timelineBody,
  timelineVisual,
} from "../../admin/src/resources/leads/timelineModel.ts";

const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).toISOString();

describe("groupTimelineByDay", () => {
  const now = new Date(2026, 10, 22, 18);
  it("when entries span days, then groups are newest first with Today / Yesterday labels", () => {
    const entries = [
      { id: "a", occurred_at: at(2026, 11, 20) },
      { id: "b", occurred_at: at(2026, 11, 22, 9) },
      { id: "c", occurred_at: at(2026, 11, 21) },
      { id: "d", occurred_at: at(2026, 11, 22, 15) },
    ];
    const groups = groupTimelineByDay(entries, now);
    expect(groups.map((g) => g.label)).toEqual(["Today", "Yesterday", "20 Nov 2026"]);
    expect(groups[0].items.map((i) => i.id)).toEqual(["d", "b"]);
  });
  it("when there are no entries, then no groups", () => {
    expect(groupTimelineByDay([], now)).toEqual([]);
  });
});

describe("timelineVisual", () => {
  it("when a person logged it, then the icon follows the type", () => {
    expect(timelineVisual({ kind: "activity", type: "note" }).icon).toBe("note");
    expect(timelineVisual({ kind: "activity", type: "call" }).icon).toBe("call");
  });
  it("when it is a submission, then it is the inbox icon whatever the type", () => {
    expect(timelineVisual({ kind: "submission", type: "form" }).icon).toBe("submission");
  });
  it("when the machine did it, then the icon follows the action", () => {
    expect(timelineVisual({ kind: "activity", type: "system", action: "lead.created" }).icon).toBe("created");
    expect(timelineVisual({ kind: "activity", type: "system", action: "lead.assigned" }).icon).toBe("assigned");
    expect(timelineVisual({ kind: "activity", type: "system", action: "lead.scored" }).icon).toBe("score");
    expect(timelineVisual({ kind: "activity", type: "system", action: "lead.merged" }).icon).toBe("merged");
    expect(timelineVisual({ kind: "activity", type: "system", action: null }).icon).toBe("system");
  });
  it("when a duplicate was flagged or a merge undone, then they read apart from a merge", () => {
    expect(timelineVisual({ kind: "activity", type: "system", action: "lead.possible_duplicate" }).icon).toBe("duplicate");
    expect(timelineVisual({ kind: "activity", type: "system", action: "lead.merge_undone" }).icon).toBe("split");
    expect(timelineVisual({ kind: "activity", type: "submission", action: "lead.resubmitted" }).icon).toBe("submission");
  });
  it("when it is a milestone, then its own icon with an accent, whatever its action says", () => {
    const visual = timelineVisual({ kind: "milestone", type: "milestone", action: "milestone.re_engaged" });
    expect(visual).toEqual({ icon: "milestone", tone: "amber", accent: true });
    expect(timelineVisual({ kind: "activity", type: "note" }).accent).toBeUndefined();
  });
  it("when a record's timeline brings tasks, stage moves, emails and scores, then each gets its own icon", () => {
    expect(timelineVisual({ kind: "task", type: "task", action: "task.created" }).icon).toBe("task");
    expect(timelineVisual({ kind: "task", type: "task", action: "task.done" }).icon).toBe("task");
    expect(timelineVisual({ kind: "stage", type: "stage", action: "opportunity.stage" }).icon).toBe("status");
    expect(timelineVisual({ kind: "email", type: "email", action: "email.outbound" }).icon).toBe("email");
    expect(timelineVisual({ kind: "score", type: "score", action: "lead.scored" }).icon).toBe("score");
    expect(timelineVisual({ kind: "submission", type: "submission", action: "lead.submitted" }).icon).toBe("submission");
  });
});

describe("relativeTime", () => {
  const now = new Date("2026-11-22T12:00:00Z");
  it("when recent, then minutes or hours; when old, then the date", () => {
    expect(relativeTime("2026-11-22T11:59:50Z", now)).toBe("just now");
    expect(relativeTime("2026-11-22T11:48:00Z", now)).toBe("12 min ago");
    expect(relativeTime("2026-11-22T09:00:00Z", now)).toBe("3 h ago");
    expect(relativeTime("2026-11-20T12:00:00Z", now)).toBe("2 d ago");
    expect(relativeTime("2026-10-01T12:00:00Z", now)).toMatch(/Oct 2026/);
    expect(relativeTime("garbage", now)).toBe("");
  });
});

describe("noteTitle", () => {
  it("when a title is typed, then it wins; else the first line of the body, clipped", () => {
    expect(noteTitle(" Call back ", "x")).toBe("Call back");
    expect(noteTitle("", "Site visit Saturday\nbring brochure")).toBe("Site visit Saturday");
    expect(noteTitle("", "x".repeat(100))).toHaveLength(78);
    expect(noteTitle("", "  ")).toBe("Note");
  });
});

describe("timelineBody", () => {
  it("when the body only repeats the title, then it is not shown twice", () => {
    expect(timelineBody({ title: "Site visit", body: "Site visit" })).toBeNull();
    expect(timelineBody({ title: "Site visit", body: "Site visit\nSaturday 11am" })).toBe("Site visit\nSaturday 11am");
    expect(timelineBody({ title: "x", body: null })).toBeNull();
  });
});

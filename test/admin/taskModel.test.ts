import { describe, expect, it } from "vitest";
import { REMINDERS, taskTimes } from "../../admin/src/resources/tasks/taskModel.ts";

describe("taskTimes", () => {
  it("when a rep picks a due time and a reminder, then the reminder counts back from the due time", () => {
    const due = "2026-12-07T10:30";
    const dueAt = new Date(due);
    expect(taskTimes(due, "60")).toEqual({ due_at: dueAt.toISOString(), remind_at: new Date(dueAt.getTime() - 3_600_000).toISOString() });
    expect(taskTimes(due, "0").remind_at).toBe(dueAt.toISOString());
    expect(taskTimes(due, "none")).toEqual({ due_at: dueAt.toISOString(), remind_at: null });
  });

  it("when there is no due time, then there is no reminder either", () => {
    expect(taskTimes("", "15")).toEqual({ due_at: null, remind_at: null });
    expect(taskTimes("not a date", "15")).toEqual({ due_at: null, remind_at: null });
    expect(REMINDERS[0].id).toBe("none");
  });
});

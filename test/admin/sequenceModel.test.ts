import { describe, expect, it } from "vitest";
import {
  type Step,
  changeStepType,
  delayLabel,
  formatMinutes,
  insertStep,
  joinMinutes,
  moveStep,
  newStep,
  removeStep,
  sequencePayload,
  splitMinutes,
  stepErrors,
  validateSequence,
} from "../../admin/src/nurture/sequenceModel.ts";

const email = (subject: string): Step => ({ ...newStep("email"), subject, body_text: "Hi" });
const branch = (then_step: number | null, else_step: number | null): Step => ({
  ...newStep("branch"),
  condition: { all: [{ field: "opened", op: "eq", value: true }] },
  then_step,
  else_step,
});

describe("sequence builder", () => {
  it("when a delay is split into days and hours and joined back, then nothing is lost", () => {
    expect(splitMinutes(3 * 1440 + 2 * 60 + 5)).toEqual({ days: 3, hours: 2, minutes: 5 });
    expect(joinMinutes({ days: 1, hours: 4, minutes: 0 })).toBe(1680);
    expect(formatMinutes(4320)).toBe("3 days");
    expect(formatMinutes(1500)).toBe("1 day 1 hour");
    expect(formatMinutes(0)).toBe("");
  });

  it("when the connector describes a step, then a wait reads with its business days and time of day", () => {
    expect(delayLabel({ type: "email", delay_minutes: 4320 })).toBe("wait 3 days");
    expect(delayLabel({ type: "email", delay_minutes: 0 })).toBe("at once");
    expect(delayLabel({ type: "wait", delay_minutes: 60, business_days: 2, until_time: "09:00" })).toBe(
      "wait 1 hour, then 2 business days, then until 09:00",
    );
  });

  it("when a step is removed, then branches pointing past it follow and one pointing at it falls back to the next step", () => {
    const steps = [branch(3, 4), email("a"), email("b"), email("c")];
    const next = removeStep(steps, 2);
    expect(next.map((s) => s.subject ?? "branch")).toEqual(["branch", "a", "c"]);
    expect(next[0]).toMatchObject({ then_step: null, else_step: 3 });
  });

  it("when steps are reordered or inserted, then branches keep pointing at the same steps", () => {
    const steps = [branch(3, 4), email("a"), email("b"), email("c")];
    const moved = moveStep(steps, 3, 1); // c moves up to be step 2
    expect(moved.map((s) => s.subject ?? "branch")).toEqual(["branch", "c", "a", "b"]);
    expect(moved[0]).toMatchObject({ then_step: 4, else_step: 2 });
    expect(moveStep(steps, 0, -1)).toBe(steps);
    const inserted = insertStep(steps, newStep("wait"), 1);
    expect(inserted[1].type).toBe("wait");
    expect(inserted[0]).toMatchObject({ then_step: 4, else_step: 5 });
  });

  it("when a step changes type, then it keeps its delay and drops the old type's fields", () => {
    expect(changeStepType({ ...email("Hello"), delay_minutes: 60 }, "task")).toEqual({
      type: "task",
      name: null,
      delay_minutes: 60,
      task_title: "",
      task_body: "",
      task_due_hours: 24,
    });
  });

  it("when steps are incomplete, then each says what it misses and the form names them", () => {
    const steps: Step[] = [newStep("email"), { ...newStep("wait"), delay_minutes: 0, until_time: "9am" }, branch(1, 9), newStep("end")];
    expect(stepErrors(steps)).toEqual({
      0: { subject: "An email needs a subject", body_text: "Write the text or the HTML body" },
      1: { until_time: "A time as HH:MM" },
      2: { then_step: "Jumps go forward only", else_step: "There are only 4 steps" },
    });
    expect(stepErrors([{ ...newStep("wait"), delay_minutes: 0 }])).toEqual({ 0: { _: "Say how long to wait" } });
    expect(validateSequence({ name: "", steps })).toEqual({ name: "A sequence needs a name", steps: "Check steps 1, 2, 3" });
    expect(validateSequence({ name: "Welcome", steps: [] })).toEqual({ steps: "Add at least one step" });
    expect(validateSequence({ name: "W", steps: [email("a")], enrol_rule: { trigger: "created", condition: { all: [] } } })).toEqual({
      enrol_rule: "Add at least one check: a rule without checks would enrol every lead",
    });
    expect(validateSequence({ name: "W", steps: [email("a")], quiet_hours: { start: "21:00", end: "8" } })).toEqual({
      quiet_hours: "Quiet hours are two times as HH:MM",
    });
  });

  it("when a sequence is saved, then each step carries only its type's fields, typed", () => {
    const payload = sequencePayload({
      id: "x",
      version: 3,
      name: " Welcome ",
      status: "active",
      enrol_rule: { trigger: "both", condition: { all: [{ field: "lead_score", op: "gte", value: "50" }] } },
      quiet_hours: null,
      steps: [
        { ...email("Hi {{ lead.first_name }}"), body_html: "", task_title: "stale" },
        { type: "wait", delay_minutes: 4320, business_days: "" as unknown as number, until_time: "09:00", subject: "stale" },
        branch(null, null),
      ],
    });
    expect(payload).toEqual({
      name: "Welcome",
      description: null,
      status: "active",
      enrol_rule: { trigger: "both", condition: { all: [{ field: "lead_score", op: "gte", value: 50 }] } },
      quiet_hours: null,
      steps: [
        { type: "email", name: null, delay_minutes: 0, subject: "Hi {{ lead.first_name }}", body_text: "Hi", body_html: null },
        { type: "wait", name: null, delay_minutes: 4320, business_days: null, until_time: "09:00" },
        {
          type: "branch",
          name: null,
          delay_minutes: 0,
          condition: { all: [{ field: "opened", op: "eq", value: true }] },
          then_step: null,
          else_step: null,
        },
      ],
    });
  });
});

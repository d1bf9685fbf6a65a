// A drip sequence as the builder edits it (docs/nurture.md): an ordered list of steps, numbered from 1
// as people count them, because a branch names its targets by that number.
import { choicesOf } from "../components/toneModel.ts";
import { type Group, asCondition, childrenOf, conditionErrors, emptyCondition, normaliseCondition } from "../rules/conditionModel.ts";
import {
  ENROL_TRIGGERS as TRIGGERS,
  SEQUENCE_STATUSES as STATUSES,
  STEP_TYPES,
  type EnrolTrigger,
  type SequenceStatus,
  type StepType,
} from "../../../core/vocabulary.ts";

export { STEP_TYPES, type StepType };

export const STEP_CHOICES = choicesOf(STEP_TYPES, {
  email: ["Send an email", "blue"],
  task: ["Create a task", "violet"],
  wait: ["Wait", "amber"],
  branch: ["Branch", "teal"],
  end: ["End", "grey"],
});

export const SEQUENCE_STATUSES = choicesOf(STATUSES, {
  active: ["Active", "green"],
  paused: ["Paused", "amber"],
  archived: ["Archived", "grey"],
});

export const ENROL_TRIGGERS = choicesOf(TRIGGERS, {
  created: ["When a lead is created", "blue"],
  changed: ["When a lead changes", "blue"],
  both: ["When a lead is created or changes", "blue"],
});

export interface Step {
  type: StepType;
  name?: string | null;
  delay_minutes?: number | null;
  business_days?: number | null;
  until_time?: string | null;
  subject?: string | null;
  body_text?: string | null;
  body_html?: string | null;
  task_title?: string | null;
  task_body?: string | null;
  task_due_hours?: number | null;
  condition?: Group | null;
  then_step?: number | null;
  else_step?: number | null;
}

export interface EnrolRule {
  trigger: EnrolTrigger;
  condition: Group;
}
export interface QuietHours {
  start: string;
  end: string;
}

export interface Sequence {
  id: string;
  name: string;
  description?: string | null;
  status: SequenceStatus;
  version: number;
  enrol_rule: EnrolRule | null;
  quiet_hours: QuietHours | null;
  steps: Step[];
}

const DAY = 1440;

/** A fresh step of a type; a new wait waits a day (a zero wait is rarely meant). */
export function newStep(type: StepType): Step {
  switch (type) {
    case "email":
      return { type, delay_minutes: 0, subject: "", body_text: "", body_html: "" };
    case "task":
      return { type, delay_minutes: 0, task_title: "", task_body: "", task_due_hours: 24 };
    case "wait":
      return { type, delay_minutes: DAY, business_days: null, until_time: null };
    case "branch":
      return { type, delay_minutes: 0, condition: emptyCondition(), then_step: null, else_step: null };
    case "end":
      return { type, delay_minutes: 0 };
  }
}

/** Another type keeps the step's name and delay; the old type's fields go (they would be sent otherwise). */
export const changeStepType = (step: Step, type: StepType): Step => ({
  ...newStep(type),
  name: step.name ?? null,
  delay_minutes: step.delay_minutes ?? 0,
});

/** Branch targets re-pointed after steps moved: `map(old number)` is the new one, null when it is gone ("the next step"). */
function remapJumps(steps: Step[], map: (n: number) => number | null): Step[] {
  const re = (n: number | null | undefined) => (n == null ? null : map(n));
  return steps.map((s) => (s.type === "branch" ? { ...s, then_step: re(s.then_step), else_step: re(s.else_step) } : s));
}

/** Inserts a step at index `at` (the end by default). */
export function insertStep(steps: Step[], step: Step, at = steps.length): Step[] {
  const next = [...steps.slice(0, at), step, ...steps.slice(at)];
  return remapJumps(next, (n) => (n > at ? n + 1 : n));
}

export function removeStep(steps: Step[], index: number): Step[] {
  const removed = index + 1;
  const next = steps.filter((_, i) => i !== index);
  return remapJumps(next, (n) => (n === removed ? null : n > removed ? n - 1 : n));
}

/** Moves a step; branches keep pointing at the same steps under their new numbers. */
export function moveStep(steps: Step[], from: number, to: number): Step[] {
  if (to < 0 || to >= steps.length || from === to) return steps;
  const order = steps.map((_, i) => i);
  const [moved] = order.splice(from, 1);
  order.splice(to, 0, moved);
  const newNumber = new Map(order.map((old, i) => [old + 1, i + 1]));
  return remapJumps(
    order.map((old) => steps[old]),
    (n) => newNumber.get(n) ?? null,
  );
}

export const updateStep = (steps: Step[], index: number, patch: Partial<Step>): Step[] =>
  steps.map((s, i) => (i === index ? { ...s, ...patch } : s));

/** Minutes as days, hours and minutes for the delay inputs. */
export function splitMinutes(total: number | null | undefined): { days: number; hours: number; minutes: number } {
  const m = Math.max(0, Math.round(total ?? 0));
  return { days: Math.floor(m / DAY), hours: Math.floor((m % DAY) / 60), minutes: m % 60 };
}

export const joinMinutes = ({ days, hours, minutes }: { days: number; hours: number; minutes: number }): number =>
  Math.max(0, days * DAY + hours * 60 + minutes);

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;

/** "3 days", "1 day 4 hours", "30 minutes"; "" for none. */
export function formatMinutes(total: number | null | undefined): string {
  const { days, hours, minutes } = splitMinutes(total);
  return [days && plural(days, "day"), hours && plural(hours, "hour"), minutes && plural(minutes, "minute")].filter(Boolean).join(" ");
}

/** What the connector above a step says: how long the lead waits before it runs. */
export function delayLabel(step: Step): string {
  const parts = [formatMinutes(step.delay_minutes)];
  if (step.type === "wait") {
    if (step.business_days) parts.push(plural(step.business_days, "business day"));
    if (step.until_time) parts.push(`until ${step.until_time}`);
  }
  const text = parts.filter(Boolean).join(", then ");
  return text ? `wait ${text}` : "at once";
}

const blank = (v: unknown) => v == null || (typeof v === "string" && !v.trim());
export const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A one-line summary for the step card's header and the show page. */
export function stepSummary(step: Step): string {
  switch (step.type) {
    case "email":
      return step.subject?.trim() || "(no subject)";
    case "task":
      return step.task_title?.trim() || "(no title)";
    case "wait":
      return delayLabel(step);
    case "branch": {
      const to = (n: number | null | undefined) => (n ? `step ${n}` : "the next step");
      return `if it holds go to ${to(step.then_step)}, else ${to(step.else_step)}`;
    }
    case "end":
      return "the enrolment completes";
  }
}

/** What is wrong with each step, by index then field; `_` is about the step as a whole. */
export function stepErrors(steps: Step[]): Record<number, Record<string, string>> {
  const all: Record<number, Record<string, string>> = {};
  steps.forEach((s, i) => {
    const e: Record<string, string> = {};
    const number = i + 1;
    if ((s.delay_minutes ?? 0) < 0) e.delay_minutes = "A delay cannot be negative";
    if (s.type === "email") {
      if (blank(s.subject)) e.subject = "An email needs a subject";
      if (blank(s.body_text) && blank(s.body_html)) e.body_text = "Write the text or the HTML body";
    } else if (s.type === "task") {
      if (blank(s.task_title)) e.task_title = "A task needs a title";
      if (s.task_due_hours != null && (!Number.isInteger(s.task_due_hours) || s.task_due_hours < 0))
        e.task_due_hours = "Whole hours, 0 or more";
    } else if (s.type === "wait") {
      if (!blank(s.until_time) && !HH_MM.test(String(s.until_time))) e.until_time = "A time as HH:MM";
      if (s.business_days != null && (!Number.isInteger(s.business_days) || s.business_days < 0)) e.business_days = "Whole days, 0 or more";
      if (!s.delay_minutes && !s.business_days && blank(s.until_time)) e._ = "Say how long to wait";
    } else if (s.type === "branch") {
      const condition = asCondition(s.condition);
      if (!childrenOf(condition).length) e.condition = "Add at least one check";
      else if (Object.keys(conditionErrors(condition)).length) e.condition = "Some checks are incomplete";
      for (const key of ["then_step", "else_step"] as const) {
        const target = s[key];
        if (target == null) continue;
        if (target <= number) e[key] = "Jumps go forward only";
        else if (target > steps.length) e[key] = `There are only ${steps.length} steps`;
      }
    }
    if (Object.keys(e).length) all[i] = e;
  });
  return all;
}

/** The form's own check: one message per problem area, so the save button says why it refuses. */
export function validateSequence(values: Partial<Sequence>): Record<string, string> {
  const errors: Record<string, string> = {};
  if (blank(values.name)) errors.name = "A sequence needs a name";
  const steps = values.steps ?? [];
  if (!steps.length) errors.steps = "Add at least one step";
  else {
    const bad = Object.keys(stepErrors(steps)).map((i) => Number(i) + 1);
    if (bad.length) errors.steps = `Check step${bad.length > 1 ? "s" : ""} ${bad.join(", ")}`;
  }
  const rule = values.enrol_rule;
  if (rule) {
    const condition = asCondition(rule.condition);
    if (!childrenOf(condition).length) errors.enrol_rule = "Add at least one check: a rule without checks would enrol every lead";
    else if (Object.keys(conditionErrors(condition)).length) errors.enrol_rule = "Some checks are incomplete";
  }
  const quiet = values.quiet_hours;
  if (quiet && (!HH_MM.test(quiet.start ?? "") || !HH_MM.test(quiet.end ?? ""))) errors.quiet_hours = "Quiet hours are two times as HH:MM";
  return errors;
}

const text = (v: unknown): string | null => (blank(v) ? null : String(v));
const int = (v: unknown): number | null =>
  v === null || v === undefined || v === "" || Number.isNaN(Number(v)) ? null : Math.round(Number(v));

/** A step as it is saved: only its type's fields, numbers as numbers, conditions typed. */
export function stepPayload(step: Step): Step {
  const base: Step = { type: step.type, name: text(step.name), delay_minutes: int(step.delay_minutes) ?? 0 };
  switch (step.type) {
    case "email":
      return { ...base, subject: text(step.subject), body_text: text(step.body_text), body_html: text(step.body_html) };
    case "task":
      return { ...base, task_title: text(step.task_title), task_body: text(step.task_body), task_due_hours: int(step.task_due_hours) };
    case "wait":
      return { ...base, business_days: int(step.business_days), until_time: text(step.until_time) };
    case "branch":
      return {
        ...base,
        condition: normaliseCondition(asCondition(step.condition)),
        then_step: int(step.then_step),
        else_step: int(step.else_step),
      };
    case "end":
      return base;
  }
}

/** What PUT/POST /api/sequences takes: the API owns id and version. */
export function sequencePayload(values: Partial<Sequence>): Omit<Sequence, "id" | "version"> {
  return {
    name: String(values.name ?? "").trim(),
    description: text(values.description),
    status: values.status ?? "active",
    enrol_rule: values.enrol_rule
      ? { trigger: values.enrol_rule.trigger ?? "created", condition: normaliseCondition(asCondition(values.enrol_rule.condition)) }
      : null,
    quiet_hours: values.quiet_hours ? { start: values.quiet_hours.start, end: values.quiet_hours.end } : null,
    steps: (values.steps ?? []).map(stepPayload),
  };
}

export const NEW_SEQUENCE: Partial<Sequence> = {
  name: "",
  status: "active",
  enrol_rule: null,
  quiet_hours: null,
  steps: [newStep("email")],
};

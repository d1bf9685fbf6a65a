import { z } from "zod";
import { conditionSchema, type Condition } from "../rules/condition.ts";
import { ENROL_TRIGGERS, SEQUENCE_STATUSES, STEP_TYPES, type StepType } from "../vocabulary.ts";
import { unprocessable } from "../errors.ts";
import { parseTemplate } from "./templates.ts";
import { unknownVariables } from "./template-check.ts";

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time of day as HH:MM");
const text = (max: number) => z.string().max(max).nullish();

export const stepSchema = z
  .object({
    type: z.enum(STEP_TYPES),
    name: text(200),
    /** How long after the previous step this one runs. */
    delay_minutes: z.coerce
      .number()
      .int()
      .min(0)
      .max(366 * 24 * 60)
      .nullish(),
    business_days: z.coerce.number().int().min(0).max(260).nullish(),
    until_time: hhmm.nullish(),
    subject: text(998),
    body_text: text(200_000),
    body_html: text(500_000),
    task_title: text(300),
    task_body: text(20_000),
    task_due_hours: z.coerce
      .number()
      .int()
      .min(0)
      .max(24 * 365)
      .nullish(),
    condition: conditionSchema.nullish(),
    then_step: z.coerce.number().int().min(1).nullish(),
    else_step: z.coerce.number().int().min(1).nullish(),
  })
  .strip();
export type StepInput = z.infer<typeof stepSchema>;

export const quietHoursSchema = z.object({ start: hhmm, end: hhmm }).strict();
export type QuietHours = z.infer<typeof quietHoursSchema>;

export const enrolRuleSchema = z.object({ trigger: z.enum(ENROL_TRIGGERS).default("created"), condition: conditionSchema }).strict();
export type EnrolRule = z.infer<typeof enrolRuleSchema>;

export const sequenceSchema = z.object({
  name: z.string().trim().min(1).max(200),
  description: text(2000),
  status: z.enum(SEQUENCE_STATUSES).optional(),
  enrol_rule: enrolRuleSchema.nullish(),
  quiet_hours: quietHoursSchema.nullish(),
  steps: z.array(stepSchema).min(1).max(100),
});
export type SequenceInput = z.infer<typeof sequenceSchema>;

/** A step as stored (and as the runner reads it). */
export interface Step {
  step: number;
  type: StepType;
  name: string | null;
  delay_minutes: number;
  business_days: number | null;
  until_time: string | null;
  subject: string | null;
  body_text: string | null;
  body_html: string | null;
  task_title: string | null;
  task_body: string | null;
  task_due_hours: number | null;
  condition: Condition | null;
  then_step: number | null;
  else_step: number | null;
}

/**
 * Checks what a schema cannot: an email has something to send, a task a title, a branch a
 * condition and forward-only targets inside the sequence (no loops: a step runs once per
 * enrolment, which is what makes a send unique per enrolment and step), templates parse and
 * name only variables that exist.
 */
export function checkSteps(steps: StepInput[]): Step[] {
  const problems: { step: number; message: string }[] = [];
  const out = steps.map((s, i): Step => {
    const n = i + 1;
    const bad = (message: string) => problems.push({ step: n, message });
    if (s.type === "email") {
      if (!s.subject?.trim()) bad("an email step needs a subject");
      if (!s.body_text?.trim() && !s.body_html?.trim()) bad("an email step needs body_text or body_html");
      for (const [field, tpl] of [
        ["subject", s.subject],
        ["body_text", s.body_text],
        ["body_html", s.body_html],
      ] as const) {
        const err = tpl ? parseTemplate(tpl) : null;
        if (err) bad(`${field}: ${err}`);
        else if (tpl) for (const unknown of unknownVariables(tpl)) bad(`${field}: ${unknown}`);
      }
    }
    if (s.type === "task" && !s.task_title?.trim()) bad("a task step needs task_title");
    if (s.type === "branch") {
      if (!s.condition) bad("a branch step needs a condition");
      for (const target of [s.then_step, s.else_step]) {
        if (target != null && (target <= n || target > steps.length))
          bad(`a branch may only jump forward to a step between ${n + 1} and ${steps.length}`);
      }
    }
    return {
      step: n,
      type: s.type,
      name: s.name ?? null,
      delay_minutes: s.delay_minutes ?? 0,
      business_days: s.business_days ?? null,
      until_time: s.until_time ?? null,
      subject: s.subject ?? null,
      body_text: s.body_text ?? null,
      body_html: s.body_html ?? null,
      task_title: s.task_title ?? null,
      task_body: s.task_body ?? null,
      task_due_hours: s.task_due_hours ?? null,
      condition: s.condition ?? null,
      then_step: s.type === "branch" ? (s.then_step ?? null) : null,
      else_step: s.type === "branch" ? (s.else_step ?? null) : null,
    };
  });
  if (problems.length) {
    const template = problems.some((p) => /^(subject|body_text|body_html): /.test(p.message));
    throw unprocessable(
      template ? "invalid_template" : "invalid_steps",
      problems.map((p) => `step ${p.step}: ${p.message}`).join("; "),
      problems,
    );
  }
  return out;
}

/** JSON with object keys sorted: PostgreSQL's jsonb hands a condition back with its keys in its own order. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x) =>
    x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x,
  );

/** Two step lists are the same version when nothing a runner reads differs (the stored rows compare as they are). */
export const sameSteps = (a: Step[], b: Step[]) => canonical(a) === canonical(b);

import { z } from "zod";
import freeMailDomains from "email-providers";
import { CONDITION_OPS, type ConditionOp } from "../vocabulary.ts";

/**
 * The condition every rule engine shares (scoring, assignment, conversion, enrolment):
 * `{"all": [...]}` or `{"any": [...]}` of checks `{"field", "op", "value"}`, nestable.
 * Comparisons forgive what people type: text compares trimmed and case-blind, numbers compare as
 * numbers when both sides read as numbers ("411001" ≥ 400000), dates as instants, and a list field
 * (tags) matches when any of its items does.
 */
export interface Check {
  field: string;
  op: ConditionOp;
  value?: unknown;
}
export type Condition = { all: Node[] } | { any: Node[] };
export type Node = Check | Condition;

/** Values derived from a lead for rules: not columns, but what people write rules about. */
export const DERIVED_FIELDS = ["email_domain", "is_free_mail", "age_days", "idle_days"] as const;

const FIELD = /^(?:[a-z][a-z0-9_]{0,62}|custom_fields\.[\w .-]{1,100})$/;
const scalar = z.union([z.string().max(500), z.number(), z.boolean(), z.null()]);

const checkSchema = z
  .object({
    field: z.string().regex(FIELD, "a lead field name (snake_case) or custom_fields.<name>"),
    op: z.enum(CONDITION_OPS),
    value: z.union([scalar, z.array(scalar).max(1000)]).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const list = c.op === "in" || c.op === "not_in";
    if (list && !Array.isArray(c.value)) ctx.addIssue({ code: "custom", path: ["value"], message: `"${c.op}" takes a list of values` });
    if (!list && Array.isArray(c.value))
      ctx.addIssue({ code: "custom", path: ["value"], message: `"${c.op}" takes one value, not a list` });
    if (c.op !== "empty" && c.op !== "not_empty" && c.value === undefined)
      ctx.addIssue({ code: "custom", path: ["value"], message: `"${c.op}" needs a value` });
  });

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([z.object({ all: z.array(nodeSchema).max(100) }).strict(), z.object({ any: z.array(nodeSchema).max(100) }).strict()]),
);
const nodeSchema: z.ZodType<Node> = z.lazy(() => z.union([checkSchema, conditionSchema]));

export type Lead = Record<string, unknown>;
type Test = (lead: Lead, now: Date) => boolean;

const FREE_MAIL = new Set<string>(freeMailDomains);
const DAY = 86_400_000;

/** A field's value on a lead, derived fields included. */
export function fieldValue(lead: Lead, field: string, now: Date): unknown {
  if (field.startsWith("custom_fields.")) return (lead.custom_fields as Record<string, unknown> | null)?.[field.slice(14)] ?? null;
  switch (field) {
    case "email_domain":
      return emailDomain(lead);
    case "is_free_mail": {
      const d = emailDomain(lead);
      return d === null ? null : FREE_MAIL.has(d);
    }
    case "age_days":
      return lead.created_at ? Math.floor((now.getTime() - new Date(lead.created_at as string).getTime()) / DAY) : 0;
    case "idle_days": {
      const at = lead.last_activity_at ?? lead.created_at;
      return at ? Math.floor((now.getTime() - new Date(at as string).getTime()) / DAY) : 0;
    }
    default:
      return lead[field] ?? null;
  }
}

const emailDomain = (lead: Lead) => {
  const email = (lead.email_canonical ?? lead.email) as string | null;
  const at = email?.lastIndexOf("@") ?? -1;
  return at > 0 ? email!.slice(at + 1).toLowerCase() : null;
};

const text = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v)).trim().toLowerCase();
const isEmpty = (v: unknown) => v === null || v === undefined || (typeof v === "string" && !v.trim()) || (Array.isArray(v) && !v.length);

/** A number from a number, a numeric string ("5,00,000" and "₹ 5 lakh" are not numbers: budgets are stored as numbers) or a date. */
function numeric(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "boolean") return null;
  if (v instanceof Date) return v.getTime();
  if (typeof v === "string") {
    const s = v.trim();
    if (/^[-+]?\d+(\.\d+)?$/.test(s)) return Number(s);
    if (/^\d{4}-\d{2}-\d{2}/.test(s)) {
      const t = Date.parse(s);
      return Number.isNaN(t) ? null : t;
    }
  }
  return null;
}

function equals(actual: unknown, expected: unknown): boolean {
  if (typeof expected === "boolean" || typeof actual === "boolean") return String(actual).toLowerCase() === String(expected).toLowerCase();
  const [a, b] = [numeric(actual), numeric(expected)];
  if (a !== null && b !== null) return a === b;
  return text(actual) === text(expected);
}

function compare(actual: unknown, expected: unknown, op: "gt" | "gte" | "lt" | "lte"): boolean {
  const a = numeric(actual);
  let b = numeric(expected);
  if ((a === null) !== (b === null) && actual instanceof Date) b = Date.parse(String(expected));
  if (a === null || b === null || Number.isNaN(b)) {
    if (isEmpty(actual)) return false;
    const [x, y] = [text(actual), text(expected)];
    return op === "gt" ? x > y : op === "gte" ? x >= y : op === "lt" ? x < y : x <= y;
  }
  return op === "gt" ? a > b : op === "gte" ? a >= b : op === "lt" ? a < b : a <= b;
}

/** One value against a check (a list field is tested item by item). */
function testValue(actual: unknown, c: Check): boolean {
  switch (c.op) {
    case "empty":
      return isEmpty(actual);
    case "not_empty":
      return !isEmpty(actual);
    case "neq":
      return !testValue(actual, { ...c, op: "eq" });
    case "not_in":
      return !testValue(actual, { ...c, op: "in" });
    case "not_contains":
      return !testValue(actual, { ...c, op: "contains" });
  }
  if (Array.isArray(actual)) return actual.some((item) => testValue(item, c));
  if (isEmpty(actual)) return false;
  switch (c.op) {
    case "eq":
      return equals(actual, c.value);
    case "in":
      return (c.value as unknown[]).some((v) => equals(actual, v));
    case "contains":
      return text(actual).includes(text(c.value));
    default:
      return compare(actual, c.value, c.op);
  }
}

const isCheck = (n: Node): n is Check => "field" in n;

/** A condition made into a function once (rules are evaluated for every lead). An empty `all` always holds, an empty `any` never. */
export function compileCondition(cond: Condition): Test {
  const compileNode = (n: Node): Test => {
    if (isCheck(n)) return (lead, now) => testValue(fieldValue(lead, n.field, now), n);
    return compileCondition(n);
  };
  if ("all" in cond) {
    const parts = cond.all.map(compileNode);
    return (lead, now) => parts.every((p) => p(lead, now));
  }
  const parts = cond.any.map(compileNode);
  return (lead, now) => parts.some((p) => p(lead, now));
}

export interface Explained {
  matched: boolean;
  /** For a check: what the lead had. */
  field?: string;
  op?: ConditionOp | "all" | "any";
  value?: unknown;
  actual?: unknown;
  parts?: Explained[];
}

/** The condition's verdict on a lead with every check's own verdict: the "test this rule" preview. */
export function explainCondition(cond: Node, lead: Lead, now: Date): Explained {
  if (isCheck(cond)) {
    const actual = fieldValue(lead, cond.field, now);
    return {
      field: cond.field,
      op: cond.op,
      value: cond.value,
      actual: actual instanceof Date ? actual.toISOString() : actual,
      matched: testValue(actual, cond),
    };
  }
  const op = "all" in cond ? "all" : "any";
  const parts = ("all" in cond ? cond.all : cond.any).map((n) => explainCondition(n, lead, now));
  return { op, matched: op === "all" ? parts.every((p) => p.matched) : parts.some((p) => p.matched), parts };
}

/** The lead fields a condition reads (a rule editor lists them; a dry run loads them). */
export function conditionFields(cond: Node): string[] {
  if (isCheck(cond)) return [cond.field];
  return [...new Set(("all" in cond ? cond.all : cond.any).flatMap(conditionFields))];
}

// The condition every rule engine shares (`core/rules/condition.ts`), as the console's builder edits it:
// `{"all": [...]}` or `{"any": [...]}` of checks `{"field", "op", "value"}`, nestable. Nodes are
// addressed by their path of child indexes from the top group ([] is the top group itself).
import { LEAD_GRADES, LEAD_PRIORITIES, LEAD_STATUSES } from "../resources/leads/leadModel.ts";
import { CONDITION_OPS as OPS, type ConditionOp as Op } from "../../../core/vocabulary.ts";

export { OPS, type Op };
export type Join = "all" | "any";

export type Scalar = string | number | boolean | null;
export interface Check {
  field: string;
  op: Op;
  value?: Scalar | Scalar[];
}
export type Group = { all: Node[] } | { any: Node[] };
export type Node = Check | Group;
export type Path = readonly number[];

export type FieldKind = "text" | "number" | "boolean" | "list";
export interface ConditionField {
  id: string;
  label: string;
  kind: FieldKind;
  group: string;
  /** Known values, offered in the value input (any other can still be typed). */
  choices?: readonly string[];
}

const ids = (choices: readonly { id: string }[]) => choices.map((c) => c.id);
const field = (group: string, kind: FieldKind, entries: [string, string, (readonly string[])?][]): ConditionField[] =>
  entries.map(([id, label, choices]) => ({ id, label, kind, group, ...(choices ? { choices } : {}) }));

/** What rules are usually written about; any other lead column or `custom_fields.<name>` can be typed. */
export const CONDITION_FIELDS: readonly ConditionField[] = [
  ...field("Source", "text", [
    ["source", "Source"],
    ["subsource", "Sub-source"],
    ["campaign", "Campaign"],
    ["utm_source", "UTM source"],
    ["utm_medium", "UTM medium"],
    ["utm_campaign", "UTM campaign"],
  ]),
  ...field("Place", "text", [
    ["country", "Country"],
    ["state", "State"],
    ["city", "City"],
    ["language", "Language"],
  ]),
  ...field("Place", "number", [["postal_code", "PIN / postal code"]]),
  ...field("Company", "text", [
    ["company", "Company"],
    ["job_title", "Job title"],
    ["industry", "Industry"],
  ]),
  ...field("Qualification", "number", [
    ["budget", "Budget"],
    ["lead_score", "Lead score"],
  ]),
  ...field("Qualification", "text", [
    ["budget_currency", "Budget currency"],
    ["authority", "Authority"],
    ["need", "Need"],
    ["timeline", "Timeline"],
    ["product_interest", "Product interest"],
    ["status", "Status", ids(LEAD_STATUSES)],
    ["stage", "Stage"],
    ["grade", "Grade", ids(LEAD_GRADES)],
    ["priority", "Priority", ids(LEAD_PRIORITIES)],
  ]),
  ...field("Qualification", "list", [["tags", "Tags"]]),
  ...field("Contact", "text", [
    ["email", "Email"],
    ["email_domain", "Email domain"],
    ["phone_e164", "Phone"],
  ]),
  ...field("Contact", "boolean", [
    ["is_free_mail", "Free mail (Gmail, Yahoo…)"],
    ["gdpr_consent", "Consent given"],
    ["dnd", "Do not disturb"],
  ]),
  ...field("Activity", "number", [
    ["age_days", "Days since created"],
    ["idle_days", "Days since last activity"],
    ["spam_score", "Spam score"],
  ]),
];

/** A sequence's branch may also ask about this enrolment's own emails; only its builder offers these. */
export const ENGAGEMENT_FIELDS: readonly ConditionField[] = field("This sequence's emails", "boolean", [
  ["opened", "Opened an email"],
  ["clicked", "Clicked a link"],
  ["replied", "Replied"],
]);

const BY_ID = new Map([...CONDITION_FIELDS, ...ENGAGEMENT_FIELDS].map((f) => [f.id, f]));
const CUSTOM = "custom_fields.";
/** The API's field rule: a snake_case lead column or `custom_fields.<name>`. */
const FIELD_NAME = /^(?:[a-z][a-z0-9_]{0,62}|custom_fields\.[\w .-]{1,100})$/;

/** A field as the builder shows it; unknown columns and custom fields read as text. */
export function fieldInfo(id: string): ConditionField {
  const known = BY_ID.get(id);
  if (known) return known;
  if (id.startsWith(CUSTOM)) return { id, label: `Custom: ${id.slice(CUSTOM.length)}`, kind: "text", group: "Custom fields" };
  return { id, label: id, kind: "text", group: "Other" };
}

/** What a person typed in the field picker: a known label or id, a lead column, else a custom field's name. */
export function fieldFromInput(text: string): string {
  const t = text.trim();
  if (!t) return "";
  const known = CONDITION_FIELDS.find((f) => f.id === t || f.label.toLowerCase() === t.toLowerCase());
  if (known) return known.id;
  if (t.startsWith(CUSTOM)) return t;
  return `${CUSTOM}${t}`;
}

export const OP_LABELS: Record<Op, string> = {
  eq: "is",
  neq: "is not",
  in: "is any of",
  not_in: "is none of",
  contains: "contains",
  not_contains: "does not contain",
  gt: "is more than",
  gte: "is at least",
  lt: "is less than",
  lte: "is at most",
  empty: "is empty",
  not_empty: "is not empty",
};

// A list field (tags) matches when any item does: "is" reads as "has".
const LIST_LABELS: Partial<Record<Op, string>> = { eq: "has", neq: "has not", in: "has any of", not_in: "has none of" };

const OPS_BY_KIND: Record<FieldKind, readonly Op[]> = {
  text: ["eq", "neq", "in", "not_in", "contains", "not_contains", "empty", "not_empty", "gt", "gte", "lt", "lte"],
  number: ["eq", "neq", "gt", "gte", "lt", "lte", "in", "not_in", "empty", "not_empty"],
  boolean: ["eq", "neq", "empty", "not_empty"],
  list: ["eq", "neq", "in", "not_in", "contains", "not_contains", "empty", "not_empty"],
};

/** The operators offered for a field, with their labels, most used first. */
export function opsFor(fieldId: string): { op: Op; label: string }[] {
  const kind = fieldInfo(fieldId).kind;
  return OPS_BY_KIND[kind].map((op) => ({ op, label: opLabel(op, kind) }));
}

export const opLabel = (op: Op, kind: FieldKind = "text"): string => (kind === "list" ? LIST_LABELS[op] : undefined) ?? OP_LABELS[op];

export type ValueShape = "none" | "one" | "list";
export const valueShape = (op: Op): ValueShape =>
  op === "empty" || op === "not_empty" ? "none" : op === "in" || op === "not_in" ? "list" : "one";

export const isCheck = (n: Node): n is Check => "field" in n;
export const joinOf = (g: Group): Join => ("all" in g ? "all" : "any");
export const childrenOf = (g: Group): Node[] => ("all" in g ? g.all : g.any);
const withChildren = (join: Join, children: Node[]): Group => (join === "all" ? { all: children } : { any: children });

export const emptyCondition = (): Group => ({ all: [] });
export const newCheck = (fieldId = "source"): Check => ({
  field: fieldId,
  op: "eq",
  value: fieldInfo(fieldId).kind === "boolean" ? true : "",
});

/** A check moved to another field: the operator stays when the new field has it, the value when its shape does. */
export function changeField(check: Check, fieldId: string): Check {
  const ops = opsFor(fieldId).map((o) => o.op);
  const op = ops.includes(check.op) ? check.op : ops[0];
  const next = changeOp({ ...check, field: fieldId }, op);
  if (fieldInfo(fieldId).kind === "boolean" && valueShape(op) === "one" && typeof next.value !== "boolean") return { ...next, value: true };
  return next;
}

/** A new operator keeps what was typed: one value becomes a one-item list and back. */
export function changeOp(check: Check, op: Op): Check {
  const shape = valueShape(op);
  const { value } = check;
  if (shape === "none") return { field: check.field, op };
  if (shape === "list")
    return {
      field: check.field,
      op,
      value: Array.isArray(value) ? value : value === undefined || value === null || value === "" ? [] : [value],
    };
  return { field: check.field, op, value: Array.isArray(value) ? (value[0] ?? "") : (value ?? "") };
}

export function nodeAt(root: Group, path: Path): Node | undefined {
  let node: Node = root;
  for (const i of path) {
    if (isCheck(node)) return undefined;
    node = childrenOf(node)[i];
    if (!node) return undefined;
  }
  return node;
}

/** A copy of the tree with the node at `path` replaced by `change(node)` (null removes it). */
export function updateAt(root: Group, path: Path, change: (node: Node) => Node | null): Group {
  const rec = (node: Node, rest: Path): Node | null => {
    if (!rest.length) return change(node);
    if (isCheck(node)) return node;
    const [i, ...tail] = rest;
    const kids = childrenOf(node).flatMap((child, k) => {
      if (k !== i) return [child];
      const next = rec(child, tail);
      return next ? [next] : [];
    });
    return withChildren(joinOf(node), kids);
  };
  return (rec(root, path) as Group | null) ?? emptyCondition();
}

const asGroup = (node: Node): Group => (isCheck(node) ? withChildren("all", [node]) : node);

export const addCheck = (root: Group, groupPath: Path, check: Check = newCheck()): Group =>
  updateAt(root, groupPath, (g) => withChildren(joinOf(asGroup(g)), [...childrenOf(asGroup(g)), check]));

/** A nested group joins the other way from its parent ("all of: …, any of: Pune, Mumbai"), which is why one is added. */
export const addGroup = (root: Group, groupPath: Path): Group =>
  updateAt(root, groupPath, (g) => {
    const parent = asGroup(g);
    const join: Join = joinOf(parent) === "all" ? "any" : "all";
    return withChildren(joinOf(parent), [...childrenOf(parent), withChildren(join, [newCheck()])]);
  });

export const removeAt = (root: Group, path: Path): Group => (path.length ? updateAt(root, path, () => null) : emptyCondition());
export const setJoin = (root: Group, groupPath: Path, join: Join): Group =>
  updateAt(root, groupPath, (g) => withChildren(join, childrenOf(asGroup(g))));
export const setCheck = (root: Group, path: Path, check: Check): Group => updateAt(root, path, () => check);

export const pathKey = (path: Path): string => (path.length ? path.join(".") : "root");

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && !v.trim());
const isNumeric = (v: unknown) => typeof v === "number" || (typeof v === "string" && /^[-+]?\d+(\.\d+)?$/.test(v.trim()));

/** What is wrong with each node, keyed by `pathKey`; the top group may be empty (it matches every lead). */
export function conditionErrors(root: Group): Record<string, string> {
  const errors: Record<string, string> = {};
  const visit = (node: Node, path: number[]) => {
    const key = pathKey(path);
    if (!isCheck(node)) {
      const kids = childrenOf(node);
      if (path.length && !kids.length) errors[key] = "An empty group: add a check or remove it";
      kids.forEach((child, i) => visit(child, [...path, i]));
      return;
    }
    const info = fieldInfo(node.field);
    const shape = valueShape(node.op);
    if (!FIELD_NAME.test(node.field)) errors[key] = "Pick a field";
    else if (shape === "list" && (!Array.isArray(node.value) || !node.value.length)) errors[key] = "Add at least one value";
    else if (shape === "one" && blank(node.value)) errors[key] = "Enter a value";
    else if (shape !== "none" && info.kind === "number" && ["gt", "gte", "lt", "lte"].includes(node.op) && !isNumeric(node.value))
      errors[key] = "Enter a number";
  };
  visit(root, []);
  return errors;
}

/** A value typed into a number or yes/no field as the API compares it best: 500000, not "500000". */
export function typedValue(fieldId: string, value: Scalar): Scalar {
  const kind = fieldInfo(fieldId).kind;
  if (typeof value !== "string") return value;
  const t = value.trim();
  if (kind === "number" && isNumeric(t)) return Number(t);
  if (kind === "boolean" && (t === "true" || t === "false")) return t === "true";
  return t;
}

/** The tree as it is saved: values typed and trimmed, nothing else changed. */
export function normaliseCondition(root: Group): Group {
  const rec = (node: Node): Node => {
    if (!isCheck(node)) return withChildren(joinOf(node), childrenOf(node).map(rec));
    if (node.value === undefined) return { field: node.field, op: node.op };
    const value = Array.isArray(node.value) ? node.value.map((v) => typedValue(node.field, v)) : typedValue(node.field, node.value);
    return { field: node.field, op: node.op, value };
  };
  return rec(root) as Group;
}

export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.length ? value.map(formatValue).join(", ") : "—";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** One check as a sentence fragment: "Budget is at least 500000". */
export function describeCheck(check: Check): string {
  const info = fieldInfo(check.field);
  const op = opLabel(check.op, info.kind);
  return valueShape(check.op) === "none" ? `${info.label} ${op}` : `${info.label} ${op} ${formatValue(check.value)}`;
}

/** The whole condition in one line, for the rule list: "Source is referral and (City is Pune or City is Mumbai)". */
export function describeCondition(node: Node, nested = false): string {
  if (isCheck(node)) return describeCheck(node);
  const kids = childrenOf(node);
  if (!kids.length) return joinOf(node) === "all" ? "Every lead" : "No lead";
  const text = kids.map((k) => describeCondition(k, true)).join(joinOf(node) === "all" ? " and " : " or ");
  return nested && kids.length > 1 ? `(${text})` : text;
}

/** The API's condition may arrive as anything jsonb held; a malformed one opens as an empty group. */
export function asCondition(value: unknown): Group {
  if (
    value &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    (Array.isArray((value as { all?: unknown }).all) || Array.isArray((value as { any?: unknown }).any))
  ) {
    return value as Group;
  }
  return emptyCondition();
}

// The "test this rule against a lead" preview (`POST /api/rules/test`): the verdict of every check.
import { type Op, describeCheck, fieldInfo, formatValue } from "./conditionModel.ts";

export interface Explained {
  matched: boolean;
  field?: string;
  op?: Op | "all" | "any";
  value?: unknown;
  actual?: unknown;
  parts?: Explained[];
}

export interface RuleTestResult {
  matched: boolean;
  explanation: Explained;
  fields: string[];
  lead: { id: string; lead_number: string; name: string };
}

export interface ExplainRow {
  depth: number;
  matched: boolean;
  /** "All of these" for a group; "Budget is at least 500000" for a check. */
  text: string;
  /** What the lead had, for a check. */
  actual?: string;
}

/** The verdict tree as indented rows, top group first. */
export function explainRows(node: Explained, depth = 0): ExplainRow[] {
  if (node.parts) {
    const head: ExplainRow = { depth, matched: node.matched, text: groupText(node) };
    return [head, ...node.parts.flatMap((p) => explainRows(p, depth + 1))];
  }
  const text = describeCheck({ field: String(node.field ?? ""), op: (node.op ?? "eq") as Op, value: node.value as never });
  return [{ depth, matched: node.matched, text, actual: actualText(node) }];
}

function groupText(node: Explained): string {
  if (!node.parts?.length) return node.op === "any" ? "Any of nothing (never matches)" : "Every lead";
  return node.op === "any" ? "Any of these" : "All of these";
}

/** A lead's value as the check saw it; a yes/no field's missing value reads as "not set". */
function actualText(node: Explained): string {
  const { actual } = node;
  if ((actual === null || actual === undefined || actual === "") && fieldInfo(String(node.field)).kind === "boolean") return "not set";
  return formatValue(actual);
}

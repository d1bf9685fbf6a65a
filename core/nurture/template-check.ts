import { newLiquid, templateVars } from "./templates.ts";

/**
 * The variables a template may name, checked when a step is saved: an unknown one renders as
 * nothing (`Hi {{first_name}}` sends "Hi ,"), so it is refused with the closest known name.
 * The list is read off `templateVars` itself, so a field added there is known here too.
 */

/** Every variable a template may read, as `lead.first_name`, `unsubscribe_url` …; custom fields as `lead.custom_fields.<key>`. */
export function knownTemplateVariables(): string[] {
  const vars = templateVars({}, null, { name: "" }, "") as unknown as Record<string, unknown>;
  const out: string[] = [];
  for (const [top, value] of Object.entries(vars)) {
    if (value && typeof value === "object") for (const key of Object.keys(value)) out.push(`${top}.${key}`);
    else out.push(top);
  }
  return out.map((v) => (v === "lead.custom_fields" ? "lead.custom_fields.<key>" : v));
}

const engine = newLiquid();

/** Levenshtein distance, small strings only (variable names). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/** The known variable closest to `name` (by the whole path or its last part), or null when none is near. */
export function closestVariable(name: string, known = knownTemplateVariables()): string | null {
  let best: { v: string; d: number } | null = null;
  const lower = name.toLowerCase();
  for (const v of known) {
    if (v.includes("<")) continue;
    const last = v.split(".").pop()!;
    const d = Math.min(distance(lower, v), distance(lower, last), distance(lower.split(".").pop()!, last) + 1);
    if (!best || d < best.d) best = { v, d };
  }
  return best && best.d <= Math.max(2, Math.floor(name.length / 3)) ? best.v : null;
}

/**
 * Why each variable the template names is not one it may read: "`first_name` is not a variable:
 * did you mean `lead.first_name`?". Empty when all are known or when the template does not parse
 * (`parseTemplate` says that). Variables the template sets itself (assign, for) are not checked.
 */
export function unknownVariables(source: string): string[] {
  let segments: ReturnType<typeof engine.globalVariableSegmentsSync>;
  try {
    segments = engine.globalVariableSegmentsSync(source);
  } catch {
    return [];
  }
  const known = knownTemplateVariables();
  const knownSet = new Set(known);
  const tops = new Set(known.map((v) => v.split(".")[0]!));
  const problems = new Set<string>();
  for (const seg of segments) {
    const [top, second] = seg;
    if (typeof top !== "string") continue;
    const shown = seg
      .slice(0, 2)
      .filter((s): s is string => typeof s === "string")
      .join(".");
    let ok: boolean;
    if (!tops.has(top)) ok = false;
    else if (seg.length < 2 || typeof second !== "string") ok = true;
    else ok = knownSet.has(`${top}.${second}`) || (top === "lead" && second === "custom_fields");
    if (ok) continue;
    const near = closestVariable(shown, known);
    problems.add(`\`${shown}\` is not a variable${near ? `: did you mean \`${near}\`?` : ""}`);
  }
  return [...problems];
}

// The column mapping of an import: header → a lead field, `custom_fields.<name>` or `skip`.
// In the console "" means "not mapped": the column then follows the import's `unmapped` option.
import { CUSTOM_PREFIX, isValidMappingTarget } from "../../components/mappingTargetModel.ts";

export const SKIP = "skip";
export const UNMAPPED = "";

export type ColumnMapping = Record<string, string>;
export type TargetChoice = "field" | "custom" | "skip" | "unmapped";

/** The fields that reach a person: a row with none of them is rejected. */
const CONTACT_FIELDS = ["email", "phone", "alt_phone"];

export function targetChoice(target: string | null | undefined): TargetChoice {
  const t = (target ?? "").trim();
  if (t === "") return "unmapped";
  if (t === SKIP) return "skip";
  if (t.startsWith(CUSTOM_PREFIX)) return "custom";
  return "field";
}

/** The name after `custom_fields.`, or "" when the target is not a custom field. */
export const customNameOf = (target: string | null | undefined): string =>
  (target ?? "").startsWith(CUSTOM_PREFIX) ? (target ?? "").slice(CUSTOM_PREFIX.length) : "";

/** A custom field name as the API takes it: letters, digits, `_`, `.`, `-`; spaces become `_`. */
export function cleanCustomName(name: string): string {
  return name.replace(/\s+/g, "_").replace(/[^\w.-]+/g, "");
}

/** "Lead Stage (HubSpot)" → "lead_stage_hubspot": the name a column gets when kept as a custom field. */
export function customNameFor(header: string): string {
  const slug = header
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 60);
  return slug || "column";
}

export const customTarget = (name: string) => `${CUSTOM_PREFIX}${cleanCustomName(name)}`;

/** The mapping to start from: what the import already holds, else what the API proposed, per header. */
export function initialMapping(
  headers: readonly string[],
  imp: { mapping?: ColumnMapping | null; proposed_mapping?: ColumnMapping | null },
): ColumnMapping {
  const from = imp.mapping && Object.keys(imp.mapping).length ? imp.mapping : (imp.proposed_mapping ?? {});
  return Object.fromEntries(headers.map((h) => [h, typeof from[h] === "string" ? from[h].trim() : UNMAPPED]));
}

/** What `POST /api/imports/:id/start` gets: unmapped columns are left out so the option decides them. */
export function mappingPayload(mapping: ColumnMapping): ColumnMapping {
  return Object.fromEntries(
    Object.entries(mapping)
      .map(([header, target]) => [header, target.trim()] as const)
      .filter(([, target]) => target !== UNMAPPED),
  );
}

export const hasContactMapped = (mapping: ColumnMapping): boolean => Object.values(mapping).some((t) => CONTACT_FIELDS.includes(t.trim()));

/** Mistakes the API would refuse with 422 `import_invalid_mapping`, per header, before sending. */
export function mappingProblems(mapping: ColumnMapping): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const [header, target] of Object.entries(mapping)) {
    const choice = targetChoice(target);
    if (choice === "custom" && !customNameOf(target)) problems[header] = "Name the custom field";
    else if (choice !== "unmapped" && choice !== "skip" && !isValidMappingTarget(target))
      problems[header] = `"${target}" is not a lead field`;
  }
  return problems;
}

/** Targets more than one column maps to (e.g. two "Email" columns): one value is kept, so the console says so. */
export function repeatedTargets(mapping: ColumnMapping): string[] {
  const seen = new Map<string, number>();
  for (const target of Object.values(mapping)) {
    const t = target.trim();
    if (t === UNMAPPED || t === SKIP) continue;
    seen.set(t, (seen.get(t) ?? 0) + 1);
  }
  return [...seen].filter(([, count]) => count > 1).map(([t]) => t);
}

const norm = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");

/**
 * A saved template over this file's columns: a header takes the template's target when the names
 * match (exactly, else ignoring case, spaces and underscores); other columns keep their mapping.
 */
export function applyTemplate(
  headers: readonly string[],
  current: ColumnMapping,
  template: ColumnMapping,
): { mapping: ColumnMapping; matched: number } {
  const loose = new Map(Object.entries(template).map(([h, t]) => [norm(h), t]));
  let matched = 0;
  const mapping = Object.fromEntries(
    headers.map((h) => {
      const target = typeof template[h] === "string" ? template[h] : loose.get(norm(h));
      if (typeof target !== "string") return [h, current[h] ?? UNMAPPED];
      matched++;
      return [h, target.trim()];
    }),
  );
  return { mapping, matched };
}

/** A few distinct non-empty values of one column from the preview, clipped, to recognise it by. */
export function sampleValues(preview: readonly (readonly string[])[], column: number, max = 3, clip = 40): string[] {
  const seen = new Set<string>();
  for (const row of preview) {
    const v = String(row[column] ?? "").trim();
    if (v) seen.add(v);
    if (seen.size >= max) break;
  }
  return [...seen].map((v) => (v.length > clip ? `${v.slice(0, clip - 1)}…` : v));
}

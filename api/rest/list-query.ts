import { z } from "zod";
import { badRequest } from "../../core/errors.ts";

/** react-admin simple REST list parameters: sort=["f","ASC"], range=[0,24], filter={...}. */
export interface ListQuery {
  sort: { field: string; order: "asc" | "desc" };
  range: { start: number; end: number };
  filter: Record<string, unknown>;
}

export const MAX_PAGE = 1000;

const sortSchema = z.tuple([
  z.string().max(64),
  z
    .string()
    .transform((s) => s.toLowerCase())
    .pipe(z.enum(["asc", "desc"])),
]);
const rangeSchema = z.tuple([z.number().int().min(0), z.number().int().min(0)]).refine(([a, b]) => b >= a, "range end before start");
const filterSchema = z.record(z.string().max(64), z.unknown());

function parseJson<T>(raw: unknown, schema: z.ZodType<T>, what: string, fallback: T): T {
  if (raw === undefined || raw === "") return fallback;
  if (typeof raw !== "string") throw badRequest("invalid_query", `${what} must be given once, as JSON`);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw badRequest("invalid_query", `${what} is not valid JSON`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequest("invalid_query", `${what} is malformed: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export function parseListQuery(query: Record<string, unknown>, defaultSort: [string, "asc" | "desc"]): ListQuery {
  const [field, order] = parseJson(query.sort, sortSchema, "sort", defaultSort);
  const [start, end] = parseJson(query.range, rangeSchema, "range", [0, 24] as [number, number]);
  const filter = parseJson(query.filter, filterSchema, "filter", {});
  return { sort: { field, order }, range: { start, end: Math.min(end, start + MAX_PAGE - 1) }, filter };
}

/** The `filter` parameter alone, checked against a route's own schema (a `.strict()` one refuses unknown keys). */
export function parseFilter<T>(query: Record<string, unknown>, schema: z.ZodType<T>, fallback: T): T {
  return parseJson(query.filter, schema, "filter", fallback);
}

/** Words of a search box as a prefix tsquery: "rahul pat" → 'rahul':* & 'pat':* */
export function prefixTsQuery(q: string): string | null {
  const words = q
    .normalize("NFKC")
    .split(/[^\p{L}\p{N}@._+-]+/u)
    .map((w) => w.replace(/^[._+-]+|[._+-]+$/g, ""))
    .filter(Boolean)
    .slice(0, 8);
  if (!words.length) return null;
  return words.map((w) => `'${w.toLowerCase().replaceAll("'", "''").replaceAll("\\", "")}':*`).join(" & ");
}

/**
 * What a search box's text must be found inside, as a LIKE pattern over lowercased text: the text
 * itself, or its digits alone when it reads as a phone ("98765 43210", "+91-98765", "43210"). Null
 * under three characters: a trigram index cannot serve a shorter one, and so short a piece matches
 * nearly everything anyway.
 */
export function containsPattern(q: string): { text: string | null; digits: string | null } {
  const text = q.normalize("NFKC").trim().toLowerCase();
  const digits = /^[\d\s()+.-]+$/.test(text) ? text.replace(/\D/g, "") : "";
  const like = (s: string) => (s.length >= 3 ? `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null);
  return { text: like(text), digits: like(digits) };
}

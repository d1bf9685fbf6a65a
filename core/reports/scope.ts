import { z } from "zod";
import type { Knex } from "knex";
import { badRequest, forbidden } from "../errors.ts";
import { seesOnlyOwn, type Viewer } from "../access.ts";

/** Who asks and what they filter by: every report starts from one of these. */
export interface ReportScope {
  tenantId: string;
  tz: string;
  /** Inclusive tenant-local days (YYYY-MM-DD); null when the report reads everything. */
  from: string | null;
  to: string | null;
  /** A rep's own id, or the owner_id filter. */
  ownerId: string | null;
  source: string | null;
  campaign: string | null;
  today: string;
}

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD")
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    "not a calendar date",
  );
const filterSchema = z.object({
  from: day.optional(),
  to: day.optional(),
  owner_id: z.string().uuid().optional(),
  source: z.string().min(1).max(200).optional(),
  campaign: z.string().min(1).max(200).optional(),
  format: z.enum(["json", "csv"]).optional(),
});

/**
 * Reads the query's filters (a bad one answers 400), the tenant's time zone and today in it.
 * `defaultMonths`: without `from`, the range starts that many calendar months back (12 = this month
 * and the eleven before), which is what a manager opening a report expects; 0 = all time.
 */
export async function reportScope(
  db: Knex,
  user: Viewer,
  query: Record<string, unknown>,
  now: Date,
  defaultMonths = 12,
): Promise<ReportScope & { format: "json" | "csv" }> {
  const parsed = filterSchema.safeParse(Object.fromEntries(Object.entries(query).filter(([k]) => k in filterSchema.shape)));
  if (!parsed.success) {
    throw badRequest(
      "invalid_filter",
      "a report filter is malformed",
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  }
  const f = parsed.data;
  if (f.from && f.to && f.from > f.to) throw badRequest("invalid_filter", "from is after to");
  // A rep's numbers are their own leads': asking for a colleague's is refused, not silently widened.
  if (seesOnlyOwn(user) && f.owner_id && f.owner_id !== user.id) throw forbidden("a rep sees only their own leads");
  const {
    rows: [t],
  } = await db.raw(
    `SELECT time_zone AS tz, to_char(?::timestamptz AT TIME ZONE time_zone, 'YYYY-MM-DD') AS today,
       to_char(date_trunc('month', ?::timestamptz AT TIME ZONE time_zone) - make_interval(months => ?), 'YYYY-MM-DD') AS since
     FROM tenants WHERE id = ?`,
    [now, now, Math.max(defaultMonths - 1, 0), user.tenantId],
  );
  return {
    tenantId: user.tenantId,
    tz: t.tz,
    today: t.today,
    from: f.from ?? (defaultMonths ? t.since : null),
    to: f.to ?? (defaultMonths ? t.today : null),
    ownerId: seesOnlyOwn(user) ? user.id : (f.owner_id ?? null),
    source: f.source ?? null,
    campaign: f.campaign ?? null,
    format: f.format ?? "json",
  };
}

/** Start of a tenant-local day as an instant (SQL text and its binding). */
export const dayStart = (tz: string, d: string): [string, Knex.RawBinding[]] => ["((?::date)::timestamp AT TIME ZONE ?)", [d, tz]];
/** Start of the day after `d`: the exclusive end of an inclusive range. */
export const dayEnd = (tz: string, d: string): [string, Knex.RawBinding[]] => ["((?::date + 1)::timestamp AT TIME ZONE ?)", [d, tz]];

/** `num / den`, or null when there is nothing to divide by (a rate of nothing is unknown, not 0). */
export const rate = (num: number, den: number, digits = 4) => (den ? Math.round((num / den) * 10 ** digits) / 10 ** digits : null);
/** Amounts come back from numeric as strings: numbers in the tenant's currency, to the paisa. */
export const money = (v: unknown) => (v == null ? 0 : Math.round(Number(v) * 100) / 100);

import type { JobContext, JobResult } from "../context.ts";
import { refreshReportCubes } from "./facts.ts";

/**
 * Every 15 minutes: each active tenant's report cubes brought up to today (the month of the
 * days that ended, and older months whose leads or engagements changed). The reports read the rest
 * live, so a late run costs speed, never correctness of today's figures.
 */
export async function refreshAllRollups(ctx: JobContext): Promise<JobResult> {
  const tenants: string[] = await ctx.db("tenants").where("is_active", true).whereNull("deleted_at").pluck("id");
  let months = 0;
  for (const id of tenants) {
    const r = await refreshReportCubes(ctx.db, id);
    months += r.months === "all" ? 0 : r.months;
  }
  return { outcome: "done", detail: `${tenants.length} tenants, ${months} months refreshed` };
}

import { z } from "zod";
import type { JobContext, JobResult } from "../context.ts";
import { refreshLeadRollup } from "../../core/reports/facts.ts";

export const payloadSchema = z.object({ tenantId: z.null(), slot: z.string() });

/**
 * Every 15 minutes: each active tenant's report rollup brought up to today (the days that ended,
 * and older days whose leads changed). The reports read the rest live, so a late run costs speed,
 * never correctness of today's figures.
 */
export async function refreshRollups(ctx: JobContext): Promise<JobResult> {
  const tenants: string[] = await ctx.db("tenants").where("is_active", true).whereNull("deleted_at").pluck("id");
  let days = 0;
  for (const id of tenants) {
    const r = await refreshLeadRollup(ctx.db, id);
    days += r.days === "all" ? 0 : r.days;
  }
  return { outcome: "done", detail: `${tenants.length} tenants, ${days} days refreshed` };
}

import { afterAll, expect, inject, it } from "vitest";
import { randomBytes } from "node:crypto";
import { appDatabaseUrl, createDb } from "../../../core/db.ts";
import { LeadStats } from "../../../core/dedup/stats.ts";
import { ALL_TENANTS, NO_TENANT } from "../../../core/tenant-scope.ts";

/**
 * The statistics refresh as a tenant grows (core/dedup/stats.ts), from its small sample: once the
 * tenant's leads doubled, the planner must know the tenant is not rare, or dedup's lookups walk
 * all its leads. Other tests write leads meanwhile, so the estimate is checked within a factor.
 */
const owner = createDb(inject("databaseUrl"), { scope: ALL_TENANTS });
const app = createDb(appDatabaseUrl(inject("databaseUrl")), { scope: NO_TENANT });
afterAll(() => Promise.all([owner.destroy(), app.destroy()]));

/** The planner's estimate of a tenant's leads, from the table's statistics. */
async function estimate(tenantId: string): Promise<number> {
  const { rows } = await owner.raw(`EXPLAIN (FORMAT JSON) SELECT 1 FROM leads WHERE tenant_id = ?`, [tenantId]);
  return rows[0]["QUERY PLAN"][0].Plan["Plan Rows"];
}

it("when a tenant's new leads double, then the statistics are refreshed from a small sample and know the tenant's size", async () => {
  const s = randomBytes(4).toString("hex");
  const [{ id: tenantId }] = await owner("tenants")
    .insert({ name: `Stats ${s}`, slug: `stats-${s}` })
    .returning("id");
  // Twelve other small tenants, so the size of the sample shows in the statistics (at most 10 common values).
  const others = await owner("tenants")
    .insert(Array.from({ length: 12 }, (_, i) => ({ name: `Stats ${s} ${i}`, slug: `stats-${s}-${i}` })))
    .returning("id");
  await owner.raw(
    `INSERT INTO leads (tenant_id, lead_number, first_name)
     SELECT t, 'STATS-O-' || g, 'Ravi' FROM unnest(?::uuid[]) t, generate_series(1, 50) g`,
    [others.map((o: { id: string }) => o.id)],
  );
  await owner.raw("ANALYZE leads (tenant_id)"); // statistics from before the tenant had leads
  await owner.raw(
    `INSERT INTO leads (tenant_id, lead_number, first_name, email, email_key)
     SELECT ?, 'STATS-' || g, 'Asha', 'asha' || g || '@example.in', 'asha' || g || '@example.in' FROM generate_series(1, 3000) g`,
    [tenantId],
  );
  expect(await estimate(tenantId)).toBeLessThan(300);

  await new LeadStats(app, 1000).grew(tenantId, 3000);

  const n = await estimate(tenantId);
  expect(n).toBeGreaterThan(1000);
  expect(n).toBeLessThan(9000);
  const { rows } = await owner.raw(
    "SELECT array_length(most_common_vals::text::text[], 1) AS n FROM pg_stats WHERE tablename = 'leads' AND attname = 'tenant_id'",
  );
  expect(rows[0].n).toBeLessThanOrEqual(10); // the sample's size: statistics target 10, not the default 100
});

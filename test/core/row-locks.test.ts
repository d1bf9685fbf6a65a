import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { randomBytes } from "node:crypto";
import type { Knex } from "knex";
import { appDatabaseUrl, createDb, createPgPool } from "../../core/db.ts";
import { ALL_TENANTS, NO_TENANT, withTenant } from "../../core/tenant-scope.ts";
import { createTenantWithAdmin } from "../../core/tenancy.ts";
import { RoundRobinSlots } from "../../core/assignment/slots.ts";
import { mergeLeads, undoLastMerge } from "../../core/dedup/merge.ts";

/**
 * A transaction that inserts rows pointing at a team holds KEY SHARE on the team's row (the foreign
 * key's check) until it ends. Taking the team's round-robin slots must not wait for it: two intake
 * batches, one taking its team's slots while the other had inserted the team's leads and waited for
 * its own slots, deadlocked until PostgreSQL's detector broke in. And writers take a lead before
 * the rows hanging off it, so two of them wait for each other in one order only.
 */
const owner = createDb(inject("databaseUrl"), { scope: ALL_TENANTS });
const appUrl = appDatabaseUrl(inject("databaseUrl"));
const app = createDb(appUrl, { scope: NO_TENANT });
let tenantId: string;
let teamId: string;

beforeAll(async () => {
  const s = randomBytes(4).toString("hex");
  const { tenant } = await createTenantWithAdmin(owner, {
    name: `Locks ${s}`,
    adminEmail: `locks-${s}@test.leadhub.local`,
    adminPassword: `pw-${s}-secret`,
  });
  tenantId = tenant.id;
  [{ id: teamId }] = await owner("teams").insert({ tenant_id: tenantId, name: "Inside sales" }).returning("id");
});
afterAll(() => Promise.all([owner.destroy(), app.destroy()]));

/** Runs `fn` while another transaction of the tenant holds the rows `refer` inserted, and rolls that one back after. */
async function whileReferenced<T>(refer: (trx: Knex.Transaction) => Promise<unknown>, fn: () => Promise<T>): Promise<T> {
  const holder = await withTenant(tenantId, () => app.transaction());
  try {
    await refer(holder);
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("waited for the transaction that references the row")), 3000);
    });
    try {
      return await Promise.race([fn(), waited]);
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await holder.rollback();
  }
}

it("when a transaction has inserted a team's lead and is still open, then the team's round-robin slots are taken without waiting for it", async () => {
  const pool = createPgPool(appUrl, 2, `{${tenantId}}`);
  try {
    const slots = new RoundRobinSlots(pool);
    const taken = await whileReferenced(
      (trx) => trx("leads").insert({ tenant_id: tenantId, lead_number: `LOCK-T-${randomBytes(3).toString("hex")}`, team_id: teamId }),
      () => slots.takeForTeams(new Map([[teamId, 3]])),
    );
    expect(taken.get(teamId)).toEqual({ name: "Inside sales", position: 0 });
    expect(await slots.take(teamId)).toEqual({ name: "Inside sales", position: 3 });
  } finally {
    await pool.end();
  }
});

it("when an erasure holds a merged pair's leads and then scrubs their merges, then an undo of that merge waits for it instead of deadlocking", async () => {
  const now = new Date();
  const lead = async (n: string) =>
    (
      await owner("leads")
        .insert({
          tenant_id: tenantId,
          lead_number: `LOCK-${n}-${randomBytes(3).toString("hex")}`,
          email: `${n}-${randomBytes(3).toString("hex")}@locks.test`,
        })
        .returning("id")
    )[0].id as string;
  const [survivorId, mergedId] = [await lead("S"), await lead("M")];
  await withTenant(tenantId, () => app.transaction((trx) => mergeLeads(trx, { tenantId, survivorId, mergedId, region: "IN", now })));

  // What erasePerson does, in its order: the person's leads first, their merges after.
  const erasure = await withTenant(tenantId, () => app.transaction());
  await erasure("leads").whereIn("id", [survivorId, mergedId]).update({ updated_at: now });
  const undo = withTenant(tenantId, () => app.transaction((trx) => undoLastMerge(trx, tenantId, survivorId, { region: "IN", now })));
  await new Promise((r) => setTimeout(r, 300));
  await erasure("lead_merges").where("lead_id", survivorId).update({ updated_at: now });
  await erasure.commit();
  expect((await undo).splitLeadId).toBe(mergedId);
});

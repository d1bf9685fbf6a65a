import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { randomBytes } from "node:crypto";
import { APP_ROLE, appDatabaseUrl, createDb, createPgPool } from "../../core/db.ts";
import { ALL_TENANTS, NO_TENANT, asSystem, withTenant, withTenants } from "../../core/tenant-scope.ts";
import { createTenantWithAdmin } from "../../core/tenancy.ts";
import { LEAKPROOF } from "../../migrations/20261122000018_row_level_security.ts";
import { CONTACT_POINT_FUNCTIONS } from "../../migrations/20261122000028_contact_points_leakproof.ts";

// The owner (the test server's superuser) arranges; the app's role, as the processes hold it, is what is tested.
const owner = createDb(inject("databaseUrl"), { scope: ALL_TENANTS });
const appUrl = appDatabaseUrl(inject("databaseUrl"));
const app = createDb(appUrl, { scope: NO_TENANT });
const pool = createPgPool(appUrl, 2, NO_TENANT);
let a: string;
let b: string;

beforeAll(async () => {
  const tenant = async () => {
    const s = randomBytes(4).toString("hex");
    return (
      await createTenantWithAdmin(owner, { name: `RLS ${s}`, adminEmail: `rls-${s}@test.leadhub.local`, adminPassword: `pw-${s}-secret` })
    ).tenant.id as string;
  };
  [a, b] = [await tenant(), await tenant()];
  await owner("teams").insert([
    { tenant_id: a, name: "A one" },
    { tenant_id: a, name: "A two" },
    { tenant_id: b, name: "B one" },
  ]);
});
afterAll(() => Promise.all([owner.destroy(), app.destroy(), pool.end()]));

const teamNames = () => app("teams").whereIn("tenant_id", [a, b]).orderBy("name").pluck("name");

describe("the database itself", () => {
  it("has row-level security enabled and forced on every table with a tenant, tenants included", async () => {
    const { rows } = await owner.raw(`
      SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, count(p.polname)::int AS policies
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_policy p ON p.polrelid = c.oid
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
        AND (c.relname = 'tenants' OR EXISTS (SELECT 1 FROM pg_attribute t WHERE t.attrelid = c.oid AND t.attname = 'tenant_id' AND NOT t.attisdropped))
      GROUP BY 1, 2, 3 ORDER BY 1`);
    expect(rows.length).toBeGreaterThan(40);
    const unguarded = rows.filter(
      (r: { relrowsecurity: boolean; relforcerowsecurity: boolean; policies: number }) =>
        !r.relrowsecurity || !r.relforcerowsecurity || r.policies === 0,
    );
    expect(unguarded.map((r: { relname: string }) => r.relname)).toEqual([]);
  });

  it("connects the app as a role that owns no table and may not bypass row-level security", async () => {
    const {
      rows: [me],
    } = await app.raw("SELECT current_user AS name, r.rolsuper, r.rolbypassrls FROM pg_roles r WHERE r.rolname = current_user");
    expect(me).toEqual({ name: APP_ROLE, rolsuper: false, rolbypassrls: false });
    const { rows: owned } = await owner.raw("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tableowner = ?", [
      APP_ROLE,
    ]);
    expect(owned).toEqual([]);
  });
});

describe("the app's connections", () => {
  it("keep the indexes of the conditions dedup and search use: their functions are LEAKPROOF (else they run after the policy)", async () => {
    const { rows } = await owner.raw(
      "SELECT p.oid::regprocedure::text AS fn, p.proleakproof FROM pg_proc p WHERE p.oid = ANY(?::regprocedure[])",
      [[...LEAKPROOF, ...CONTACT_POINT_FUNCTIONS]],
    );
    expect(rows).toHaveLength(LEAKPROOF.length + CONTACT_POINT_FUNCTIONS.length);
    expect(rows.filter((r: { proleakproof: boolean }) => !r.proleakproof)).toEqual([]);
  });

  it("see only the tenant in scope, even with no tenant in the query", async () => {
    expect(await withTenant(a, teamNames)).toEqual(["A one", "A two"]);
    expect(await withTenant(b, teamNames)).toEqual(["B one"]);
    expect(await withTenant(a, () => app.raw("SELECT count(*)::int AS n FROM teams WHERE tenant_id = ?", [b]))).toMatchObject({
      rows: [{ n: 0 }],
    });
    expect(await withTenants([a, b], teamNames)).toEqual(["A one", "A two", "B one"]);
    expect(await asSystem(teamNames)).toEqual(["A one", "A two", "B one"]);
  });

  it("see nothing when the work set no scope (fail closed), whatever the connection ran before", async () => {
    for (let i = 0; i < 5; i++) {
      await asSystem(teamNames);
      expect(await teamNames()).toEqual([]);
    }
  });

  it("cannot write, move or delete another tenant's rows", async () => {
    await expect(withTenant(a, () => app("teams").insert({ tenant_id: b, name: "planted" }))).rejects.toThrow(/row-level security/);
    expect(await withTenant(a, () => app("teams").where({ tenant_id: b }).update({ name: "renamed" }))).toBe(0);
    expect(await withTenant(a, () => app("teams").where({ tenant_id: b }).delete())).toBe(0);
    await expect(withTenant(a, () => app("teams").where({ tenant_id: a, name: "A one" }).update({ tenant_id: b }))).rejects.toThrow(
      /row-level security/,
    );
    expect(await asSystem(teamNames)).toEqual(["A one", "A two", "B one"]);
  });

  it("keep each transaction in the scope it started in, with many scopes at once on a small pool", async () => {
    const runs = Array.from({ length: 40 }, (_, i) => {
      const [t, want] = i % 2 ? [a, ["A one", "A two"]] : [b, ["B one"]];
      return withTenant(t, () =>
        app.transaction(async (trx) => {
          const first = await trx("teams").whereIn("tenant_id", [a, b]).orderBy("name").pluck("name");
          await new Promise((r) => setTimeout(r, i % 3));
          const again = await trx("teams").whereIn("tenant_id", [a, b]).orderBy("name").pluck("name");
          return first.join() === want.join() && again.join() === want.join();
        }),
      );
    });
    expect(await Promise.all(runs)).toEqual(Array(40).fill(true));
  });

  it("hold for the raw pg pool of the hot paths too", async () => {
    const names = async () =>
      (await pool.query("SELECT name FROM teams WHERE tenant_id = ANY($1) ORDER BY name", [[a, b]])).rows.map((r) => r.name);
    expect(await withTenant(b, names)).toEqual(["B one"]);
    expect(await names()).toEqual([]);
    expect(await withTenants([a, b], names)).toEqual(["A one", "A two", "B one"]);
  });

  it("refuse a scope that is not a tenant id", () => {
    expect(() => withTenant("' OR true --", teamNames)).toThrow(/not a tenant id/);
  });
});

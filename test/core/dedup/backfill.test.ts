import { afterAll, describe, expect, inject, it } from "vitest";
import { randomBytes } from "node:crypto";
import type { Knex } from "knex";
import { appDatabaseUrl, createDb } from "../../../core/db.ts";
import { ALL_TENANTS } from "../../../core/tenant-scope.ts";
import { dedupColumns } from "../../../core/dedup/columns.ts";
import { matchKeys } from "../../../core/dedup/keys.ts";
import { migrate } from "../../../migrations/index.ts";
import { dataSteps } from "../../../migrations/setup.ts";
import * as init from "../../../migrations/20261122000001_init.ts";
import * as captureChannels from "../../../migrations/20261122000002_capture_channels.ts";
import * as phoneSearch from "../../../migrations/20261122000003_phone_search.ts";

// A database as it stood before migration 4 (no dedup keys), with leads in it, then brought up to date.
const BEFORE_DEDUP: Record<string, Knex.Migration> = {
  "20261122000001_init": init,
  "20261122000002_capture_channels": captureChannels,
  "20261122000003_phone_search": phoneSearch,
};
const beforeDedup: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(BEFORE_DEDUP),
  getMigrationName: (name) => name,
  getMigration: async (name) => BEFORE_DEDUP[name],
};
const server = createDb(inject("databaseUrl"), { scope: ALL_TENANTS });
const made: string[] = [];

async function oldDatabase(): Promise<{ db: Knex; url: string }> {
  const name = `leadhub_upgrade_${randomBytes(4).toString("hex")}`;
  await server.raw(`CREATE DATABASE ${name}`);
  made.push(name);
  const url = new URL(inject("databaseUrl"));
  url.pathname = `/${name}`;
  const db = createDb(url.href, { scope: ALL_TENANTS });
  await db.migrate.latest({ migrationSource: beforeDedup });
  const [tenant] = await db("tenants").insert({ name: "Old", slug: name }).returning("id");
  await db("leads").insert([
    {
      tenant_id: tenant.id,
      lead_number: "LEAD-202601-00001",
      first_name: "Rahul",
      last_name: "Patil",
      email: "Rahul.Patil@gmial.com",
      company: "Acme Infra Pvt Ltd",
    },
    { tenant_id: tenant.id, lead_number: "LEAD-202601-00002", first_name: "राहुल", last_name: "पाटील", gstin: "27AAPFU0939F1ZV" },
    { tenant_id: tenant.id, lead_number: "LEAD-202601-00003", phone_e164: "+919812345678" },
  ]);
  return { db, url: url.href };
}

afterAll(async () => {
  for (const name of made) await server.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await server.destroy();
});

describe("upgrading a database from before migration 4", () => {
  it("when it is migrated with the app's data steps, then its old leads have today's dedup keys", async () => {
    const { db, url } = await oldDatabase();
    try {
      await migrate(db, appDatabaseUrl(url), dataSteps);
      const rows = await db("leads as l")
        .join("tenants as t", "t.id", "l.tenant_id")
        .orderBy("l.lead_number")
        .select(
          "l.first_name",
          "l.last_name",
          "l.email",
          "l.phone_e164",
          "l.alt_phone",
          "l.company",
          "l.gstin",
          "l.city",
          "l.country",
          "t.default_region",
          "l.email_key",
          "l.email_local",
          "l.name_key",
          "l.company_key",
          "l.pan",
        );
      for (const r of rows) {
        const { email_key, email_local, name_key, company_key, pan } = r;
        expect({ email_key, email_local, name_key, company_key, pan }).toEqual(dedupColumns(matchKeys(r, { region: r.default_region })));
      }
      expect(rows[0]).toMatchObject({ email_key: "rahulpatil@gmail.com", company_key: expect.any(String) });
      expect(rows[1].pan).toBe("AAPFU0939F");
    } finally {
      await db.destroy();
    }
  });

  it("when it is migrated without them, then it refuses and applies nothing of migration 4", async () => {
    const { db, url } = await oldDatabase();
    try {
      await expect(migrate(db, appDatabaseUrl(url))).rejects.toThrow(/leads from before migration 4/);
      expect(await db("knex_migrations").pluck("name")).not.toContain("20261122000004_dedup");
    } finally {
      await db.destroy();
    }
  });
});

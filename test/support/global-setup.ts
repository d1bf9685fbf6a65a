import type { TestProject } from "vitest/node";
import pg from "pg";
import { Redis } from "ioredis";
import { randomBytes } from "node:crypto";
import { appDatabaseUrl, createDb } from "../../core/db.ts";
import { ALL_TENANTS } from "../../core/tenant-scope.ts";
import { migrate } from "../../migrations/index.ts";
import { TEST_DATABASE_URL, TEST_REDIS_URL, withDatabase } from "./env.ts";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    redisUrl: string;
    runId: string;
  }
}

/** One fresh database per run, migrated once; each test file then makes its own tenant and queue prefix. */
export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const dbName = `leadhub_test_${runId}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const databaseUrl = withDatabase(TEST_DATABASE_URL, dbName);
  const db = createDb(databaseUrl, { scope: ALL_TENANTS });
  await migrate(db, appDatabaseUrl(databaseUrl));
  await db.destroy();
  project.provide("databaseUrl", databaseUrl);
  project.provide("redisUrl", TEST_REDIS_URL);
  project.provide("runId", runId);

  return async () => {
    const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await c.end();
    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(`{lh-${runId}*`);
    for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
    redis.disconnect();
  };
}

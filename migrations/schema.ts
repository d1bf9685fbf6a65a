import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import { appDatabaseUrl, createDb } from "../core/db.ts";
import { ALL_TENANTS } from "../core/tenant-scope.ts";
import { migrate } from "./index.ts";

/**
 * migrations/schema.sql: the schema after every migration, as pg_dump prints it, so a reviewer reads
 * what a migration did to the database and not only the code that did it. Written by
 * `npm run schema:dump`; test/migrations/schema.test.ts fails when it is not current.
 */
export const SCHEMA_FILE = fileURLToPath(new URL("./schema.sql", import.meta.url));

const run = promisify(execFile);

/** The schema of the database at url, dumped by the pg_dump of the server's major version and made stable. */
export async function dumpSchema(url: string): Promise<string> {
  const { bin, major } = await pgDumpFor(url);
  const { stdout } = await run(bin, ["--schema-only", "--no-owner", "--no-privileges", `--dbname=${url}`], { maxBuffer: 64 * 1024 * 1024 });
  return normaliseDump(stdout, major);
}

/**
 * Drops what changes from one dump to the next without a change to the schema: the versions in the
 * header, the session settings, and the `\restrict` guard with its random key (pg_dump 15.14 and later).
 */
export function normaliseDump(dump: string, major: number): string {
  const body = dump
    .split("\n")
    .filter((line) => !/^-- Dumped (from database|by pg_dump) version /.test(line))
    .filter((line) => !/^SET \w+ = .*;$/.test(line))
    .filter((line) => !/^SELECT pg_catalog\.set_config\('search_path', '', false\);$/.test(line))
    .filter((line) => !/^\\(un)?restrict /.test(line))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return `-- The schema after every migration (pg_dump ${major} --schema-only --no-owner --no-privileges).\n-- Written by \`npm run schema:dump\`, checked by test/migrations/schema.test.ts: do not edit by hand.\n\n${body}\n`;
}

/** pg_dump's output changes between major versions: use the one that matches the server. */
async function pgDumpFor(url: string): Promise<{ bin: string; major: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ server_version_num: string }>("SHOW server_version_num").finally(() => client.end());
  const major = Math.floor(Number(rows[0].server_version_num) / 10000);
  const found: string[] = [];
  for (const bin of [`/usr/lib/postgresql/${major}/bin/pg_dump`, "pg_dump"]) {
    if (bin.startsWith("/") && !existsSync(bin)) continue;
    const version = await run(bin, ["--version"]).then(
      ({ stdout }) => stdout.trim(),
      () => null,
    );
    if (!version) continue;
    if (Number(/(\d+)\.\d+/.exec(version)?.[1]) === major) return { bin, major };
    found.push(version);
  }
  throw new Error(
    `the server is PostgreSQL ${major} and no pg_dump ${major} was found (${found.join("; ") || "none on PATH"}): install postgresql-client-${major}`,
  );
}

/** Creates a database on serverUrl's server, migrates it as the migrations run at start, hands its URL to fn, then drops it. */
export async function withMigratedDatabase<T>(serverUrl: string, fn: (url: string) => Promise<T>): Promise<T> {
  const name = `leadhub_schema_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    try {
      const db = createDb(url.toString(), { scope: ALL_TENANTS });
      try {
        await migrate(db, appDatabaseUrl(url.toString()));
      } finally {
        await db.destroy();
      }
      return await fn(url.toString());
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}

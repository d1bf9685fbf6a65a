/**
 * `npm run schema:dump`: migrates a fresh database on the test server (TEST_DATABASE_URL, as `npm test`
 * uses) and writes the schema it ends with to migrations/schema.sql. Run it after adding a migration.
 */
import { writeFileSync } from "node:fs";
import { relative } from "node:path";
import { TEST_DATABASE_URL } from "../test/support/env.ts";
import { dumpSchema, SCHEMA_FILE, withMigratedDatabase } from "./schema.ts";

const schema = await withMigratedDatabase(TEST_DATABASE_URL, dumpSchema);
writeFileSync(SCHEMA_FILE, schema);
console.log(`wrote ${relative(process.cwd(), SCHEMA_FILE)} (${schema.split("\n").length - 1} lines)`);

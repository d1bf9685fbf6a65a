import { existsSync, readFileSync } from "node:fs";
import { expect, inject, test } from "vitest";
import { dumpSchema, SCHEMA_FILE } from "../../migrations/schema.ts";

test("when every migration has run, then the database's schema is migrations/schema.sql", async () => {
  // The run's database was created and migrated once by test/support/global-setup.ts; no test changes its schema.
  const actual = await dumpSchema(inject("databaseUrl"));
  const expected = existsSync(SCHEMA_FILE) ? readFileSync(SCHEMA_FILE, "utf8") : "";
  if (actual === expected) return;
  const want = expected.split("\n");
  const got = actual.split("\n");
  const at = got.findIndex((line, i) => line !== want[i]);
  const line = at === -1 ? got.length : at;
  expect.fail(
    [
      expected ? "migrations/schema.sql is not the schema the migrations make" : "migrations/schema.sql is missing",
      `(first difference at line ${line + 1}: schema.sql has ${JSON.stringify(want[line] ?? "<end of file>")}, the migrated database ${JSON.stringify(got[line] ?? "<end of file>")}).`,
      "Run `npm run schema:dump` and commit migrations/schema.sql.",
    ].join("\n"),
  );
});

/** `npm run migrate`: applies pending migrations to DATABASE_URL (start does this too). */
import { appDatabaseUrl, createDb } from "../core/db.ts";
import { ALL_TENANTS } from "../core/tenant-scope.ts";
import { migrate } from "./index.ts";
import { dataSteps } from "./setup.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set (npm start migrates its embedded database by itself)");
  process.exit(1);
}
const db = createDb(url, { scope: ALL_TENANTS });
try {
  const applied = await migrate(db, appDatabaseUrl(url, process.env.APP_DATABASE_URL), dataSteps);
  console.log(applied.length ? `applied: ${applied.join(", ")}` : "already up to date");
} finally {
  await db.destroy();
}

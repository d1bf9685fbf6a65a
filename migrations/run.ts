/** `npm run migrate`: applies pending migrations to DATABASE_URL (start does this too). */
import { createDb } from "../core/db.ts";
import { migrate } from "./index.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set (npm start migrates its embedded database by itself)");
  process.exit(1);
}
const db = createDb(url);
try {
  const applied = await migrate(db);
  console.log(applied.length ? `applied: ${applied.join(", ")}` : "already up to date");
} finally {
  await db.destroy();
}

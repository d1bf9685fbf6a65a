import { afterAll, expect, inject, it } from "vitest";
import { createDb } from "../../core/db.ts";

const db = createDb(inject("databaseUrl"));
afterAll(() => db.destroy());

it("dates come back as the calendar day they are, counts and money as numbers", async () => {
  const {
    rows: [r],
  } = await db.raw("SELECT '2026-03-01'::date AS day, 12::bigint AS n, 4500000.50::numeric(15,2) AS amount");
  expect(r).toEqual({ day: "2026-03-01", n: 12, amount: 4500000.5 });
});

import type { Knex } from "knex";

/**
 * Reserves `count` readable lead numbers, LEAD-YYYYMM-NNNNN (the sequence restarts each month),
 * in one atomic statement outside the caller's transaction, so concurrent intakes never wait on
 * each other; a rolled-back intake leaves a gap, which is harmless.
 */
export async function reserveLeadNumbers(db: Knex, tenantId: string, at: Date, count = 1): Promise<string[]> {
  const period = `${at.getUTCFullYear()}${String(at.getUTCMonth() + 1).padStart(2, "0")}`;
  const { rows } = await db.raw(
    `INSERT INTO counters (tenant_id, name, value) VALUES (?, ?, ?)
     ON CONFLICT (tenant_id, name) DO UPDATE SET value = counters.value + EXCLUDED.value
     RETURNING value`,
    [tenantId, `lead_number:${period}`, count],
  );
  const last = Number(rows[0].value);
  return Array.from({ length: count }, (_, i) => `LEAD-${period}-${String(last - count + 1 + i).padStart(5, "0")}`);
}

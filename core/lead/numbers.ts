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

/**
 * Hands out lead numbers from blocks reserved `blockSize` at a time, so a busy worker bumps the
 * tenant's counter row once per block instead of once per lead (every bump is a commit that all
 * concurrent intakes would otherwise queue on). Numbers stay unique; a process that stops leaves a
 * gap, and two workers' numbers interleave rather than follow arrival order exactly.
 */
export class LeadNumberAllocator {
  private blocks = new Map<string, { numbers: string[]; refill: Promise<void> | null }>();

  constructor(
    private readonly db: Knex,
    private readonly blockSize = 50,
  ) {}

  private block(tenantId: string, at: Date) {
    const key = `${tenantId}:${at.getUTCFullYear()}${at.getUTCMonth()}`;
    let block = this.blocks.get(key);
    if (!block) this.blocks.set(key, (block = { numbers: [], refill: null }));
    return block;
  }

  async next(tenantId: string, at: Date): Promise<string> {
    const block = this.block(tenantId, at);
    while (block.numbers.length === 0) {
      block.refill ??= reserveLeadNumbers(this.db, tenantId, at, this.blockSize).then(
        (numbers) => {
          block.numbers.push(...numbers);
          block.refill = null;
        },
        (err) => {
          block.refill = null;
          throw err;
        },
      );
      await block.refill;
    }
    return block.numbers.shift()!;
  }

  /** `count` numbers at once (a batch of leads): from the block, topped up in one reservation when it runs short. */
  async take(tenantId: string, at: Date, count: number): Promise<string[]> {
    if (count <= 0) return [];
    const block = this.block(tenantId, at);
    if (block.numbers.length < count) {
      const more = await reserveLeadNumbers(this.db, tenantId, at, count - block.numbers.length + this.blockSize);
      block.numbers.push(...more);
    }
    return block.numbers.splice(0, count);
  }

  /** Numbers taken but not used (a lead merged into an existing one, a batch rolled back) go to the next leads. */
  giveBack(tenantId: string, at: Date, ...numbers: string[]): void {
    if (numbers.length) this.block(tenantId, at).numbers.unshift(...numbers);
  }
}

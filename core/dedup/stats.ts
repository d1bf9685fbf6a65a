import type { Knex } from "knex";

/** The columns dedup's lookups filter on: what their plans depend on. */
export const LOOKUP_COLUMNS = "tenant_id,deleted_at,email_key,email_local,phone_e164,alt_phone,pan,company_key,name_key";

/** ANALYZE samples 300 rows per point of statistics target: 10 → 3,000 rows. */
const SAMPLE_TARGET = 10;

/**
 * Keeps the leads table's statistics up with a tenant that grows fast. Statistics taken before a
 * tenant had leads say its rows are rare, and dedup's lookups planned from them walk all of the
 * tenant's leads through a (tenant_id, …) index for every key: 7 s per import batch at 7k leads,
 * 3–7 ms per arrival instead of 0.5. Autovacuum comes too late (a minute, and 10% of the whole
 * table). So each process analyses the lookup columns each time a tenant's leads written by it
 * double (1k, 2k, 4k, …): a few times per tenant, then never. ANALYZE also re-plans cached lookups.
 * From a sample of 3,000 rows, not the default 30,000: enough to see each tenant's share, and a
 * tenth of the cost (490 → 48 ms at 50k leads; at the default, a tenant growing at 300 leads/s
 * kept the database a quarter of a core busy analysing). A full ANALYZE (autovacuum, an import's
 * scan) refines the statistics later.
 */
export class LeadStats {
  private written = new Map<string, { n: number; next: number }>();
  private running: Promise<void> | null = null;

  constructor(
    private db: Knex,
    private first = 1000,
  ) {}

  /** Leads were written for a tenant; resolves once any ANALYZE this called for is done. */
  grew(tenantId: string, by = 1): Promise<void> {
    const c = this.written.get(tenantId) ?? { n: 0, next: this.first };
    c.n += by;
    this.written.set(tenantId, c);
    if (c.n < c.next) return Promise.resolve();
    c.next = c.n * 2;
    // One at a time per process: a second request while one runs is served by it.
    this.running ??= this.db
      .transaction(async (trx) => {
        await trx.raw(`SET LOCAL default_statistics_target = ${SAMPLE_TARGET}`);
        await trx.raw("SELECT analyze_leads(?::text[])", [`{${LOOKUP_COLUMNS}}`]);
      })
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => (this.running = null));
    return this.running;
  }
}

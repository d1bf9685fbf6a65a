import type { Knex } from "knex";
import type { Logger } from "../core/logger.ts";
import { withTenants } from "../core/tenant-scope.ts";
import { jsonRows } from "../core/db.ts";
import { lockErasures } from "../core/privacy/erase.ts";

export interface TraceRow {
  tenant_id: string;
  lead_id: string | null;
  inbound_event_id: string | null;
  queue: string;
  job_id: string | null;
  attempt: number;
  outcome: string;
  detail: string | null;
  started_at: Date;
  duration_ms: number;
}

/**
 * Buffers pipeline-trace rows and writes them in one insert every `intervalMs`, so tracing costs
 * no round trip per job. A crash may lose the last interval's trace rows, never a lead.
 */
export class TraceWriter {
  private rows: TraceRow[] = [];
  private timer: NodeJS.Timeout;

  constructor(
    private readonly db: Knex,
    private readonly log: Logger,
    intervalMs = 200,
  ) {
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  add(row: TraceRow) {
    this.rows.push(row);
  }

  async flush() {
    if (!this.rows.length) return;
    const rows = this.rows;
    this.rows = [];
    const tenants = rows.map((r) => r.tenant_id);
    try {
      await withTenants(tenants, () =>
        this.db.transaction(async (trx) => {
          // A row buffered while its lead was erased keeps no detail (a mail's subject, say): see lockErasures.
          await lockErasures(trx, tenants, "shared");
          // One JSON parameter, not a placeholder per cell: a busy interval holds thousands of rows.
          // The lead is the row's own or its event's, joined column to column: under row-level security
          // a join on coalesce(…) is not leakproof, so PostgreSQL read every lead of the table per flush.
          const columns = Object.keys(rows[0]);
          const detail = "CASE WHEN coalesce(l.erased_at, le.erased_at) IS NULL THEN r.detail END";
          await trx.raw(
            `INSERT INTO job_runs (${columns.join(", ")})
             SELECT ${columns.map((c) => (c === "detail" ? detail : `r.${c}`)).join(", ")}
             FROM json_populate_recordset(NULL::job_runs, ?::json) r
             LEFT JOIN inbound_events e ON e.id = r.inbound_event_id
             LEFT JOIN leads l ON l.id = r.lead_id
             LEFT JOIN leads le ON le.id = e.lead_id AND r.lead_id IS NULL`,
            [jsonRows(rows)],
          );
        }),
      );
    } catch (err) {
      this.log.warn({ err: (err as Error).message, count: rows.length }, "pipeline trace rows dropped");
    }
  }

  async close() {
    clearInterval(this.timer);
    await this.flush();
  }
}

import type { Knex } from "knex";
import type { Logger } from "../core/logger.ts";
import { withTenants } from "../core/tenant-scope.ts";
import { insertJsonRows } from "../core/db.ts";

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
    try {
      await withTenants(
        rows.map((r) => r.tenant_id),
        // One JSON parameter, not a placeholder per cell: a busy interval holds thousands of rows.
        () => insertJsonRows(this.db, "job_runs", rows),
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

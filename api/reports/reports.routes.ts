import { Router, type Request, type Response } from "express";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { stringify as csvStringify } from "csv-stringify";
import type { Services } from "../../core/services.ts";
import { CSV_FORMAT } from "../csv.ts";
import { reportScope, type ReportScope } from "../../core/reports/scope.ts";
import { funnelCsv, funnelReport } from "../../core/reports/funnel.ts";
import { SOURCE_COLUMNS, sourcePerformance } from "../../core/reports/sources.ts";
import { CAMPAIGN_COLUMNS, campaignPerformance } from "../../core/reports/campaigns.ts";
import { BOOKING_COLUMNS, bookingsReport } from "../../core/reports/bookings.ts";
import { ENGAGEMENT_COLUMNS, engagementStats } from "../../core/reports/engagement.ts";
import { LEDGER_COLUMNS, ledgerReport } from "../../core/reports/ledger.ts";
import { TIMELINE_COLUMNS, milestoneTimeline } from "../../core/reports/timeline.ts";
import { badRequest } from "../../core/errors.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Report<T> {
  /** Months a report covers without `from` (0: all time). */
  months: number;
  run(services: Services, s: ReportScope, req: Request): Promise<T>;
  /** The rows a CSV export holds: a report's table, one line per row, with a header. */
  csv(r: T): { columns: string[]; rows: object[] };
}

function define<T>(r: Report<T>) {
  return r;
}

const REPORTS = {
  funnel: define({ months: 12, run: (sv, s) => funnelReport(sv.reportsDb, s), csv: funnelCsv }),
  "source-performance": define({
    months: 12,
    run: (sv, s) => sourcePerformance(sv.reportsDb, s),
    csv: (r) => ({ columns: SOURCE_COLUMNS, rows: r.rows }),
  }),
  "campaign-performance": define({
    months: 12,
    run: (sv, s) => campaignPerformance(sv.reportsDb, s),
    csv: (r) => ({ columns: CAMPAIGN_COLUMNS, rows: r.rows }),
  }),
  bookings: define({
    months: 12,
    run: (sv, s) => bookingsReport(sv.reportsDb, s),
    csv: (r) => ({ columns: BOOKING_COLUMNS, rows: r.by_status }),
  }),
  "engagement-stats": define({
    months: 12,
    run: (sv, s) => engagementStats(sv.reportsDb, s),
    csv: (r) => ({ columns: ENGAGEMENT_COLUMNS, rows: r.rows }),
  }),
  "ledger/:accountId": define({
    months: 0,
    run: (sv, s, req) => ledgerReport(sv.reportsDb, s, id(String(req.params.accountId))),
    csv: (r) => ({ columns: LEDGER_COLUMNS, rows: r.entries }),
  }),
  "milestone-timeline/:leadId": define({
    months: 0,
    run: (sv, s, req) => milestoneTimeline(sv.reportsDb, s, id(String(req.params.leadId))),
    csv: (r) => ({ columns: TIMELINE_COLUMNS, rows: r.events }),
  }),
};

function id(v: string | undefined): string {
  if (!v || !UUID.test(v)) throw badRequest("invalid_id", "the id is not a uuid");
  return v;
}

async function send(res: Response, name: string, format: "json" | "csv", body: unknown, csv: { columns: string[]; rows: object[] }) {
  if (format === "json") return void res.json(body);
  res.setHeader("Content-Type", "text/csv; charset=utf-8");
  res.setHeader("Content-Disposition", `attachment; filename="${name}.csv"`);
  await pipeline(Readable.from(csv.rows), csvStringify({ header: true, columns: csv.columns, ...CSV_FORMAT }), res);
}

/** The reports people decide with (docs/journey.md): funnel, sources, campaigns, bookings, ledgers, milestones, engagement. */
export function reportsRoutes(services: Services): Router {
  const r = Router();
  for (const [path, report] of Object.entries(REPORTS) as [string, Report<unknown>][]) {
    r.get(`/${path}`, async (req, res) => {
      const s = await reportScope(services.reportsDb, req.user!, req.query as Record<string, unknown>, services.clock.now(), report.months);
      const body = await report.run(services, s, req);
      await send(res, path.split("/")[0], s.format, body, report.csv(body));
    });
  }
  return r;
}

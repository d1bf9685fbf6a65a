import { lazy, type ReactNode } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Chip from "@mui/material/Chip";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { SectionCard } from "../../components/SectionCard.tsx";
import { TONES, humanize, labelOf, toneOf } from "../../components/toneModel.ts";
import { BOOKING_STATUSES } from "../ledgerModel.ts";
import { formatNumber, formatPercent } from "../moneyModel.ts";
import {
  bookingsReport,
  campaignRows,
  engagementByType,
  EMPTY_HINTS,
  engagementRows,
  funnelIsEmpty,
  funnelLeak,
  funnelMonths,
  sourceRows,
  stageConversion,
  type ReportKey,
} from "../reportsModel.ts";
import { useMoney } from "../useMoney.ts";
import { InventoryBar } from "../InventoryBar.tsx";
import { ReportFrame } from "./ReportFrame.tsx";

const ReportChart = lazy(() => import("./ReportCharts.tsx"));

/** A report with nothing in its range says so, and what to do, instead of empty axes. */
function EmptyReport({ report }: { report: ReportKey }) {
  return (
    <Alert severity="info" variant="outlined" data-testid="report-empty" className="report-empty">
      {EMPTY_HINTS[report]}
    </Alert>
  );
}
const ALL_FILTERS = ["from", "to", "owner_id", "source", "campaign"] as const;

function DataTable({
  head,
  rows,
  testId,
}: {
  head: { label: string; right?: boolean }[];
  rows: { key: string; cells: ReactNode[] }[];
  testId: string;
}) {
  return (
    <Box sx={{ overflowX: "auto" }}>
      <Table size="small" data-testid={testId}>
        <TableHead>
          <TableRow>
            {head.map((h) => (
              <TableCell key={h.label} align={h.right ? "right" : "left"} sx={{ whiteSpace: "nowrap" }}>
                {h.label}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.length === 0 && (
            <TableRow>
              <TableCell colSpan={head.length} sx={{ color: "text.secondary" }}>
                Nothing in this period.
              </TableCell>
            </TableRow>
          )}
          {rows.map((r) => (
            <TableRow key={r.key} className="report-row">
              {r.cells.map((c, i) => (
                <TableCell
                  key={i}
                  align={head[i]?.right ? "right" : "left"}
                  sx={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }}
                >
                  {c}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

export function FunnelReportPage() {
  return (
    <ReportFrame
      report="funnel"
      title="Funnel"
      subtitle="Leads per month by the furthest stage they reached, and where they leak"
      allowed={ALL_FILTERS}
      testId="report-funnel"
    >
      {(data) => {
        const months = funnelMonths(data);
        const conversion = stageConversion(data);
        const leak = funnelLeak(data);
        if (funnelIsEmpty(months)) return <EmptyReport report="funnel" />;
        return (
          <Box sx={{ display: "grid", gap: 2 }}>
            {leak && (
              <Typography
                variant="body2"
                className="funnel-leak"
                sx={{ px: 2, py: 1, borderRadius: 2, bgcolor: TONES.amber.bg, color: TONES.amber.fg }}
              >
                Most leads leak between {humanize(leak.from).toLowerCase()} and {humanize(leak.to).toLowerCase()}:{" "}
                {formatNumber(leak.leads)} in this period.
              </Typography>
            )}
            <SectionCard title="Per month">
              <ReportChart kind="funnel" months={months} />
            </SectionCard>
            <SectionCard title="Stage to stage">
              <DataTable
                testId="funnel-conversion"
                head={[
                  { label: "From" },
                  { label: "To" },
                  { label: "Reached", right: true },
                  { label: "Went on", right: true },
                  { label: "Conversion", right: true },
                  { label: "Leaked", right: true },
                ]}
                rows={conversion.map((c) => ({
                  key: `${c.from}-${c.to}`,
                  cells: [
                    humanize(c.from),
                    humanize(c.to),
                    formatNumber(c.fromCount),
                    formatNumber(c.toCount),
                    formatPercent(c.rate),
                    formatNumber(c.leaked),
                  ],
                }))}
              />
            </SectionCard>
          </Box>
        );
      }}
    </ReportFrame>
  );
}

export function SourceReportPage() {
  const { money } = useMoney();
  return (
    <ReportFrame
      report="source-performance"
      title="Source performance"
      subtitle="Leads, qualification and conversion per source, and what each lead cost"
      allowed={["from", "to", "owner_id", "source"]}
      testId="report-sources"
    >
      {(data) => {
        const rows = sourceRows(data);
        const chart = rows.map((r) => ({
          name: r.subsource ? `${r.source} / ${r.subsource}` : r.source,
          leads: r.leads,
          qualified: r.qualified,
          converted: r.converted,
        }));
        if (rows.length === 0) return <EmptyReport report="source-performance" />;
        return (
          <Box sx={{ display: "grid", gap: 2 }}>
            <SectionCard title="Leads by source">
              <ReportChart
                kind="bars"
                testId="sources-chart"
                rows={chart}
                x="name"
                horizontal
                height={Math.max(220, chart.length * 36 + 60)}
                series={[
                  { key: "leads", name: "Leads", color: TONES.blue.solid },
                  { key: "qualified", name: "Qualified", color: TONES.teal.solid },
                  { key: "converted", name: "Converted", color: TONES.green.solid },
                ]}
              />
            </SectionCard>
            <SectionCard title="Per source">
              <DataTable
                testId="sources-table"
                head={[
                  { label: "Source" },
                  { label: "Subsource" },
                  { label: "Leads", right: true },
                  { label: "Qualified", right: true },
                  { label: "Converted", right: true },
                  { label: "Conversion", right: true },
                  { label: "Cost / lead", right: true },
                  { label: "Cost / conversion", right: true },
                ]}
                rows={rows.map((r) => ({
                  key: r.key,
                  cells: [
                    r.source,
                    r.subsource ?? "—",
                    formatNumber(r.leads),
                    formatNumber(r.qualified),
                    formatNumber(r.converted),
                    formatPercent(r.conversion_rate),
                    money(r.cost_per_lead),
                    money(r.cost_per_conversion),
                  ],
                }))}
              />
            </SectionCard>
          </Box>
        );
      }}
    </ReportFrame>
  );
}

export function CampaignReportPage() {
  const { money, short } = useMoney();
  return (
    <ReportFrame
      report="campaign-performance"
      title="Campaign performance"
      subtitle="Leads, bookings and return on what each campaign cost"
      allowed={["from", "to", "owner_id", "campaign"]}
      testId="report-campaigns"
    >
      {(data) => {
        const rows = campaignRows(data);
        if (rows.length === 0) return <EmptyReport report="campaign-performance" />;
        return (
          <Box sx={{ display: "grid", gap: 2 }}>
            <SectionCard title="Booked vs cost">
              <ReportChart
                kind="bars"
                testId="campaigns-chart"
                rows={rows.map((r) => ({ name: r.name, booked: r.booked_amount, cost: r.cost ?? 0 }))}
                x="name"
                format={(v) => short(v)}
                series={[
                  { key: "booked", name: "Booked amount", color: TONES.green.solid },
                  { key: "cost", name: "Cost", color: TONES.orange.solid },
                ]}
              />
            </SectionCard>
            <SectionCard title="Per campaign">
              <DataTable
                testId="campaigns-table"
                head={[
                  { label: "Campaign" },
                  { label: "Leads", right: true },
                  { label: "Converted", right: true },
                  { label: "Bookings", right: true },
                  { label: "Booked", right: true },
                  { label: "Budget", right: true },
                  { label: "Cost / lead", right: true },
                  { label: "ROI", right: true },
                ]}
                rows={rows.map((r) => ({
                  key: r.key,
                  cells: [
                    r.name,
                    formatNumber(r.leads),
                    formatNumber(r.converted),
                    formatNumber(r.bookings),
                    money(r.booked_amount),
                    money(r.budget),
                    money(r.cost_per_lead),
                    r.roi === null ? "—" : `${formatNumber(r.roi, undefined, 1)}×`,
                  ],
                }))}
              />
            </SectionCard>
          </Box>
        );
      }}
    </ReportFrame>
  );
}

/** The bookings report's chart and table by status. */
function BookingStatuses({ statuses }: { statuses: ReturnType<typeof bookingsReport>["statuses"] }) {
  const { money, short } = useMoney();
  return (
    <>
      <ReportChart
        kind="bars"
        testId="bookings-chart"
        rows={statuses.map((s) => ({ name: labelOf(BOOKING_STATUSES, s.status), amount: s.amount }))}
        x="name"
        format={(v) => short(v)}
        series={[{ key: "amount", name: "Amount", color: TONES.green.solid }]}
        height={240}
      />
      <DataTable
        testId="bookings-status-table"
        head={[
          { label: "Status" },
          { label: "Bookings", right: true },
          { label: "Units", right: true },
          { label: "Amount", right: true },
          { label: "Average", right: true },
        ]}
        rows={statuses.map((s) => {
          const tone = TONES[toneOf(BOOKING_STATUSES, s.status)];
          return {
            key: s.status,
            cells: [
              <Chip key="s" size="small" label={labelOf(BOOKING_STATUSES, s.status)} sx={{ bgcolor: tone.bg, color: tone.fg }} />,
              formatNumber(s.count),
              formatNumber(s.units),
              money(s.amount),
              money(s.average),
            ],
          };
        })}
      />
    </>
  );
}

export function BookingsReportPage() {
  return (
    <ReportFrame
      report="bookings"
      title="Bookings"
      subtitle="Bookings by status, and the units still available"
      allowed={ALL_FILTERS}
      testId="report-bookings"
    >
      {(data) => {
        const { statuses, availability } = bookingsReport(data);
        return (
          <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", lg: "1fr 1fr" } }}>
            <SectionCard title="By status">
              {statuses.every((st) => st.count === 0) ? <EmptyReport report="bookings" /> : <BookingStatuses statuses={statuses} />}
            </SectionCard>
            <SectionCard title="Units available">
              <DataTable
                testId="bookings-availability"
                head={[{ label: "Project" }, { label: "Unit type" }, { label: "Booked vs available" }]}
                rows={availability.map((a) => ({ key: a.key, cells: [a.project, a.unit_type, <InventoryBar key="b" unit={a} />] }))}
              />
            </SectionCard>
          </Box>
        );
      }}
    </ReportFrame>
  );
}

export function EngagementReportPage() {
  return (
    <ReportFrame
      report="engagement-stats"
      title="Engagement"
      subtitle="What was done, by which channel, and how often people answered"
      allowed={ALL_FILTERS}
      testId="report-engagement"
    >
      {(data) => {
        const rows = engagementRows(data);
        const byType = engagementByType(rows);
        if (rows.length === 0) return <EmptyReport report="engagement-stats" />;
        return (
          <Box sx={{ display: "grid", gap: 2 }}>
            <SectionCard title="By type">
              <ReportChart
                kind="bars"
                testId="engagement-chart"
                rows={byType}
                x="label"
                series={[
                  { key: "count", name: "Engagements", color: TONES.blue.solid },
                  { key: "responses", name: "Responses", color: TONES.green.solid },
                ]}
              />
            </SectionCard>
            <SectionCard title="By type and channel">
              <DataTable
                testId="engagement-table"
                head={[
                  { label: "Type" },
                  { label: "Channel" },
                  { label: "Count", right: true },
                  { label: "Responses", right: true },
                  { label: "Response rate", right: true },
                  { label: "Avg. duration", right: true },
                ]}
                rows={rows.map((r) => ({
                  key: r.key,
                  cells: [
                    humanize(r.type),
                    r.channel ? humanize(r.channel) : "—",
                    formatNumber(r.count),
                    formatNumber(r.responses),
                    formatPercent(r.response_rate),
                    r.average_duration === null ? "—" : `${formatNumber(r.average_duration, undefined, 0)} min`,
                  ],
                }))}
              />
              {rows.length === 0 && (
                <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                  Log calls, messages and meetings on a lead's page to see them here.
                </Typography>
              )}
            </SectionCard>
          </Box>
        );
      }}
    </ReportFrame>
  );
}

import { Suspense, lazy, type ReactNode } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import IconButton from "@mui/material/IconButton";
import Skeleton from "@mui/material/Skeleton";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import RefreshIcon from "@mui/icons-material/Refresh";
import { useQuery } from "@tanstack/react-query";
import { useDataProvider } from "react-admin";
import { SectionCard } from "./SectionCard.tsx";
import { ToneChip } from "./ToneChip.tsx";
import { ResolveAlertButton } from "./ResolveAlertButton.tsx";
import { TONES, labelOf, toneOf } from "./toneModel.ts";
import { ALERT_KINDS, type SourceHealth, healthVerdict, hourlyBars, outcomeSegments, percent } from "./sourceHealthModel.ts";
import type { LeadhubDataProvider } from "../data/dataProvider.ts";
import { formatCount } from "../dashboard/dashboardModel.ts";
import { relativeTime } from "../resources/leads/timelineModel.ts";
import { tenantDate } from "./TenantDateField.tsx";

const HourlyVolumeChart = lazy(() => import("./HourlyVolumeChart.tsx"));

function Stat({ label, value, title, testId }: { label: string; value: ReactNode; title?: string; testId?: string }) {
  return (
    <Box sx={{ minWidth: 0 }} title={title}>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography sx={{ fontSize: 20, fontWeight: 700, fontVariantNumeric: "tabular-nums" }} noWrap data-testid={testId}>
        {value}
      </Typography>
    </Box>
  );
}

function OutcomeBar({ totals }: { totals: SourceHealth["totals"] }) {
  const segments = outcomeSegments(totals);
  if (segments.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        Nothing received in the last 24 hours
      </Typography>
    );
  }
  return (
    <Box data-testid="health-outcomes">
      <Box sx={{ display: "flex", height: 14, borderRadius: 7, overflow: "hidden", bgcolor: "#f1f5f9", mb: 1.25 }}>
        {segments.map((s) => (
          <Tooltip key={s.key} title={`${s.label}: ${formatCount(s.count)}`}>
            <Box sx={{ width: `${s.pct}%`, bgcolor: TONES[s.tone].solid }} />
          </Tooltip>
        ))}
      </Box>
      <Box sx={{ display: "flex", flexWrap: "wrap", gap: 0.75 }}>
        {segments.map((s) => (
          <ToneChip key={s.key} label={`${s.label} ${formatCount(s.count)} · ${percent(s.count / totals.received)}`} tone={s.tone} />
        ))}
      </Box>
    </Box>
  );
}

function AlertsBlock({ health, now }: { health: SourceHealth; now: Date }) {
  if (health.alerts.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No open alerts
      </Typography>
    );
  }
  return (
    <Box sx={{ display: "flex", flexDirection: "column", gap: 1 }} data-testid="health-alerts">
      {health.alerts.map((a) => (
        <Box
          key={a.id}
          sx={{ display: "flex", alignItems: "center", gap: 1.5, p: 1, borderRadius: 1.5, bgcolor: TONES[toneOf(ALERT_KINDS, a.kind)].bg }}
        >
          <ToneChip label={labelOf(ALERT_KINDS, a.kind)} tone={toneOf(ALERT_KINDS, a.kind)} />
          <Box sx={{ flex: 1, minWidth: 0 }}>
            <Typography variant="body2" sx={{ wordBreak: "break-word" }}>
              {a.message}
            </Typography>
            <Typography variant="caption" color="text.secondary" title={tenantDate(a.raised_at, { time: true })}>
              raised {relativeTime(a.raised_at, now)}
            </Typography>
          </Box>
          <ResolveAlertButton alert={a} />
        </Box>
      ))}
    </Box>
  );
}

function DriftTable({ drift, now }: { drift: SourceHealth["drift"]; now: Date }) {
  if (drift.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        Every field sent in the last 7 days maps to a lead field
      </Typography>
    );
  }
  return (
    <Table size="small" data-testid="health-drift">
      <TableHead>
        <TableRow>
          <TableCell>Unmapped field</TableCell>
          <TableCell align="right">Deliveries</TableCell>
          <TableCell>Last seen</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {drift.map((d) => (
          <TableRow key={d.field}>
            <TableCell sx={{ fontFamily: "monospace", fontSize: 12.5, wordBreak: "break-all" }}>{d.field}</TableCell>
            <TableCell align="right" sx={{ fontVariantNumeric: "tabular-nums" }}>
              {formatCount(d.count)}
            </TableCell>
            <TableCell title={tenantDate(d.last_seen, { time: true })}>{relativeTime(d.last_seen, now)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

const Subhead = ({ children }: { children: ReactNode }) => (
  <Typography variant="overline" color="text.secondary" component="h3" sx={{ lineHeight: 1.6, display: "block", mb: 0.5 }}>
    {children}
  </Typography>
);

/**
 * How a partner or a form is doing: last delivery, volume per hour over 24 h, what became of the
 * deliveries, fields it sends that nothing maps (schema drift), and its open alerts.
 */
export function SourceHealthPanel({ resource, id }: { resource: "partners" | "forms"; id: string | number | undefined }) {
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const { data, error, isPending, refetch, isFetching } = useQuery({
    queryKey: ["source-health", resource, id],
    queryFn: () => dataProvider.getSourceHealth(resource, String(id)),
    enabled: id !== undefined,
    refetchInterval: 30_000,
  });
  const now = new Date();
  const verdict = healthVerdict(data);
  const received = data?.totals.received ?? 0;
  return (
    <SectionCard
      title="Source health"
      id="source-health"
      action={
        <Box sx={{ display: "flex", alignItems: "center", gap: 1 }}>
          {data && <ToneChip label={verdict.label} tone={verdict.tone} />}
          <Tooltip title="Refresh">
            <IconButton size="small" onClick={() => refetch()} disabled={isFetching} aria-label="Refresh health">
              <RefreshIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        </Box>
      }
    >
      {error && <Alert severity="error">Could not load the health of this source: {(error as Error).message}</Alert>}
      {isPending && !error && <Skeleton variant="rounded" height={220} />}
      {data && (
        <Box sx={{ display: "flex", flexDirection: "column", gap: 2.5 }} data-testid="source-health">
          <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr 1fr", md: "repeat(4, 1fr)" } }}>
            <Stat
              label="Last delivery"
              value={data.last_delivery_at ? relativeTime(data.last_delivery_at, now) : "Never"}
              title={data.last_delivery_at ? tenantDate(data.last_delivery_at, { time: true }) : undefined}
              testId="health-last-delivery"
            />
            <Stat label="Received (24 h)" value={formatCount(received)} testId="health-received" />
            <Stat label="Accepted" value={received ? percent(data.rates.accepted) : "—"} />
            <Stat label="Rejected + errors" value={received ? percent(data.rates.rejected + data.rates.error) : "—"} />
          </Box>
          <Box sx={{ display: "grid", gap: 2.5, gridTemplateColumns: { xs: "1fr", lg: "3fr 2fr" } }}>
            <Box sx={{ minWidth: 0 }}>
              <Subhead>Deliveries per hour, last 24 h</Subhead>
              <Box sx={{ height: 170 }} data-testid="health-per-hour">
                <Suspense fallback={<Skeleton variant="rounded" height={170} />}>
                  <HourlyVolumeChart data={hourlyBars(data.per_hour)} />
                </Suspense>
              </Box>
            </Box>
            <Box sx={{ minWidth: 0 }}>
              <Subhead>Outcomes, last 24 h</Subhead>
              <OutcomeBar totals={data.totals} />
            </Box>
          </Box>
          <Box>
            <Subhead>Open alerts</Subhead>
            <AlertsBlock health={data} now={now} />
          </Box>
          <Box>
            <Subhead>Schema drift (7 days)</Subhead>
            <DriftTable drift={data.drift} now={now} />
          </Box>
        </Box>
      )}
    </SectionCard>
  );
}

import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Skeleton from "@mui/material/Skeleton";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import { useDataProvider, useRecordContext } from "react-admin";
import { SectionCard } from "../../components/SectionCard.tsx";
import { ToneChip } from "../../components/ToneChip.tsx";
import { TONES } from "../../components/toneModel.ts";
import type { LeadhubDataProvider } from "../../data/dataProvider.ts";
import type { Lead } from "./leadModel.ts";
import { formatDuration, traceGantt } from "./traceModel.ts";
import { RefreshButton } from "../../components/RefreshButton.tsx";

/** Every job that touched the lead, on one time axis: where the seconds went and which attempt failed. */
export function LeadTrace() {
  const lead = useRecordContext<Lead>();
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const id = lead?.id;
  const { data, error, isPending, refetch, isFetching } = useQuery({
    queryKey: ["leads", id, "trace"],
    queryFn: () => dataProvider.getLeadTrace(String(id)),
    enabled: id !== undefined,
    refetchInterval: 15_000,
  });
  const gantt = traceGantt(data ?? []);
  return (
    <SectionCard
      title="Pipeline trace"
      id="lead-trace"
      action={
        <Box sx={{ display: "flex", alignItems: "center", gap: 1 }}>
          {gantt.rows.length > 0 && (
            <Typography variant="caption" color="text.secondary">
              {gantt.rows.length} job{gantt.rows.length === 1 ? "" : "s"} · {formatDuration(gantt.spanMs)} end to end
            </Typography>
          )}
          <RefreshButton onClick={() => refetch()} busy={isFetching} />
        </Box>
      }
    >
      {error && <Alert severity="error">Could not load the trace: {(error as Error).message}</Alert>}
      {isPending && <Skeleton variant="rounded" height={80} />}
      {data && data.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          No jobs recorded for this lead (it was created by hand, or before tracing was on).
        </Typography>
      )}
      {gantt.rows.length > 0 && (
        <Table size="small" data-testid="trace-table" sx={{ tableLayout: "fixed", "& td, & th": { px: 0.75 } }}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: "38%" }}>Job</TableCell>
              <TableCell sx={{ width: 96 }}>Outcome</TableCell>
              <TableCell align="right" sx={{ width: 64 }}>
                Took
              </TableCell>
              <TableCell>When</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {gantt.rows.map((row) => (
              <TableRow key={row.id} hover className="trace-row">
                <TableCell sx={{ verticalAlign: "top" }}>
                  <Typography
                    variant="body2"
                    sx={{ fontFamily: "monospace", fontSize: 12.5, wordBreak: "break-all" }}
                    title={row.job_id ?? undefined}
                  >
                    {row.queue}
                    {row.attempt > 1 && (
                      <Box component="span" sx={{ color: TONES.amber.fg, fontWeight: 700 }}>
                        {` ×${row.attempt}`}
                      </Box>
                    )}
                  </Typography>
                  {row.detail && (
                    <Typography variant="caption" color="text.secondary" component="div" sx={{ wordBreak: "break-word" }}>
                      {row.detail}
                    </Typography>
                  )}
                </TableCell>
                <TableCell sx={{ verticalAlign: "top" }}>
                  <ToneChip label={row.outcome} tone={row.tone} />
                </TableCell>
                <TableCell align="right" sx={{ verticalAlign: "top", fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }}>
                  {formatDuration(row.duration_ms)}
                </TableCell>
                <TableCell sx={{ verticalAlign: "top" }}>
                  <Tooltip title={`Attempt ${row.attempt} · started ${new Date(row.started_at).toLocaleString("en-IN")}`}>
                    <Box sx={{ position: "relative", height: 8, bgcolor: "#f1f5f9", borderRadius: 4, mt: 0.75 }}>
                      <Box
                        sx={{
                          position: "absolute",
                          left: `${row.offsetPct}%`,
                          width: `${row.widthPct}%`,
                          top: 0,
                          bottom: 0,
                          borderRadius: 4,
                          bgcolor: TONES[row.tone].solid,
                        }}
                      />
                    </Box>
                  </Tooltip>
                  <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: "nowrap" }}>
                    {new Date(row.started_at).toLocaleTimeString("en-IN", { hour: "2-digit", minute: "2-digit", second: "2-digit" })}
                  </Typography>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </SectionCard>
  );
}

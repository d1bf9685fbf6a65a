import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Card from "@mui/material/Card";
import Chip from "@mui/material/Chip";
import LinearProgress from "@mui/material/LinearProgress";
import Stack from "@mui/material/Stack";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import FiberManualRecordIcon from "@mui/icons-material/FiberManualRecord";
import { useQuery } from "@tanstack/react-query";
import { Title, useAuthenticated, useDataProvider } from "react-admin";
import { ToneChip } from "../components/ToneChip.tsx";
import { TONES } from "../components/toneModel.ts";
import type { LeadhubDataProvider } from "../data/dataProvider.ts";
import { formatCount } from "../dashboard/dashboardModel.ts";
import { QUEUE_STATES, type QueueRow, isPaused, queueHealth, queueSegments, queueTotals } from "./queueModel.ts";

const REFRESH_MS = 2000;

export function QueuesPage() {
  // Custom routes are not guarded by react-admin; this redirects to /login when the session is gone.
  useAuthenticated();
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const { data, error, isPending, dataUpdatedAt } = useQuery({
    queryKey: ["queues"],
    queryFn: () => dataProvider.getQueues(),
    refetchInterval: REFRESH_MS,
    refetchIntervalInBackground: false,
  });
  const rows = data ?? [];
  const totals = queueTotals(rows);

  return (
    <Box sx={{ py: 2 }} data-testid="queues-page">
      <Title title="Queues" />
      <Stack direction="row" sx={{ alignItems: "baseline", justifyContent: "space-between", mb: 2, flexWrap: "wrap", gap: 1 }}>
        <Box>
          <Typography variant="h5" component="h1">
            Queues
          </Typography>
          <Typography variant="body2" color="text.secondary">
            BullMQ jobs per queue and state
          </Typography>
        </Box>
        <Chip
          size="small"
          variant="outlined"
          icon={<FiberManualRecordIcon sx={{ fontSize: 12, color: error ? "#ef4444 !important" : "#22c55e !important" }} />}
          label={
            error
              ? "Refresh failing"
              : `Live · every ${REFRESH_MS / 1000} s${dataUpdatedAt ? ` · ${new Date(dataUpdatedAt).toLocaleTimeString("en-IN")}` : ""}`
          }
        />
      </Stack>
      {error && (
        <Alert severity="error" sx={{ mb: 2 }}>
          Could not load queues: {(error as Error).message}
        </Alert>
      )}
      <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr 1fr", md: "repeat(5, 1fr)" }, mb: 2 }}>
        {QUEUE_STATES.map((s) => (
          <Card key={s.key} variant="outlined" sx={{ p: 2, borderRadius: 2, borderTop: `3px solid ${TONES[s.tone].solid}` }}>
            <Typography variant="body2" color="text.secondary">
              {s.label}
            </Typography>
            <Typography className="queue-total" sx={{ fontSize: 24, fontWeight: 700, fontVariantNumeric: "tabular-nums" }}>
              {formatCount(totals[s.key])}
            </Typography>
          </Card>
        ))}
      </Box>
      <Card variant="outlined" sx={{ borderRadius: 2 }}>
        {isPending && <LinearProgress />}
        <Table size="small" data-testid="queues-table">
          <TableHead>
            <TableRow>
              <TableCell>Queue</TableCell>
              <TableCell>Health</TableCell>
              {QUEUE_STATES.map((s) => (
                <TableCell key={s.key} align="right">
                  {s.label}
                </TableCell>
              ))}
              <TableCell sx={{ width: "28%" }}>Distribution</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((q) => (
              <QueueTableRow key={q.name} queue={q} />
            ))}
            {!isPending && rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={8} sx={{ textAlign: "center", color: "text.secondary", py: 4 }}>
                  No queues reported
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </Card>
    </Box>
  );
}

function QueueTableRow({ queue }: { queue: QueueRow }) {
  const health = queueHealth(queue);
  return (
    <TableRow hover>
      <TableCell sx={{ fontFamily: "monospace", fontWeight: 600 }}>
        {queue.name}
        {isPaused(queue) && <Chip size="small" label="paused" sx={{ ml: 1 }} />}
      </TableCell>
      <TableCell>
        <ToneChip label={health.label} tone={health.tone} />
      </TableCell>
      {QUEUE_STATES.map((s) => (
        <TableCell
          key={s.key}
          align="right"
          className={`queue-${s.key}`}
          sx={{
            fontVariantNumeric: "tabular-nums",
            color: s.key === "failed" && Number(queue.failed) > 0 ? TONES.red.fg : undefined,
            fontWeight: s.key === "failed" && Number(queue.failed) > 0 ? 700 : undefined,
          }}
        >
          {formatCount(queue[s.key])}
        </TableCell>
      ))}
      <TableCell>
        <Box sx={{ display: "flex", height: 10, borderRadius: 5, overflow: "hidden", bgcolor: "#f1f5f9" }}>
          {queueSegments(queue).map((seg) => (
            <Tooltip key={seg.key} title={`${seg.label}: ${formatCount(seg.count)}`}>
              <Box sx={{ width: `${seg.pct}%`, bgcolor: TONES[seg.tone].solid }} />
            </Tooltip>
          ))}
        </Box>
      </TableCell>
    </TableRow>
  );
}

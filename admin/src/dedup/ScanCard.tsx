import { useEffect, useState } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Checkbox from "@mui/material/Checkbox";
import FormControlLabel from "@mui/material/FormControlLabel";
import LinearProgress from "@mui/material/LinearProgress";
import Typography from "@mui/material/Typography";
import ScanIcon from "@mui/icons-material/ManageSearchOutlined";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { HttpError, useDataProvider, useNotify } from "react-admin";
import { Link } from "react-router-dom";
import { SectionCard } from "../components/SectionCard.tsx";
import { ToneChip } from "../components/ToneChip.tsx";
import { labelOf, toneOf } from "../components/toneModel.ts";
import type { LeadhubDataProvider } from "../data/dataProvider.ts";
import { formatDateTime } from "../resources/leads/LeadFieldValue.tsx";
import { type DedupScan, SCAN_STATUSES, isScanActive, runningScanId, scanProgress, scanSummary } from "./scanModel.ts";

const POLL_MS = 1000;

/**
 * Looks for duplicates among the leads already stored (after an import or a rule change). The scan
 * runs on a worker; its row is the progress, read every second while it is queued or running.
 */
export function ScanCard({ canScan }: { canScan: boolean }) {
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [autoMerge, setAutoMerge] = useState(true);
  const [starting, setStarting] = useState(false);
  const [scanId, setScanId] = useState<string | null>(null);

  const latest = useQuery({
    queryKey: ["dedup_scans", "latest"],
    queryFn: async () => {
      const { data } = await dataProvider.getList<DedupScan>("dedup_scans", {
        pagination: { page: 1, perPage: 1 },
        sort: { field: "created_at", order: "DESC" },
        filter: {},
      });
      return data[0] ?? null;
    },
  });
  const id = scanId ?? latest.data?.id ?? null;
  const progress = useQuery({
    queryKey: ["dedup_scans", id, "progress"],
    queryFn: () => dataProvider.getDedupScan(String(id)),
    enabled: id !== null,
    refetchInterval: (query) => (isScanActive(query.state.data) ? POLL_MS : false),
  });
  const scan = progress.data ?? (latest.data?.id === id ? latest.data : null);
  const active = isScanActive(scan);

  // A finished scan may have opened reviews: the queue and its menu badge re-read.
  const status = scan?.status;
  useEffect(() => {
    if (status === "done") void queryClient.invalidateQueries({ queryKey: ["duplicate_reviews"] });
  }, [status, queryClient]);

  const start = async () => {
    setStarting(true);
    try {
      const started = await dataProvider.startDedupScan(autoMerge);
      queryClient.setQueryData(["dedup_scans", started.id, "progress"], started);
      setScanId(started.id);
    } catch (err) {
      const running = err instanceof HttpError ? runningScanId(err.body) : null;
      if (running) setScanId(running);
      notify((err as Error).message || "Could not start the scan", { type: running ? "info" : "error" });
    } finally {
      setStarting(false);
    }
  };

  return (
    <SectionCard title="Scan for duplicates" id="dedup-scan">
      <Typography variant="body2" color="text.secondary">
        Checks every lead against the older ones with the rules on this page. Sure matches can be merged straight away; the rest open a
        review.
      </Typography>
      <Box sx={{ display: "flex", alignItems: "center", gap: 2, mt: 1.5, flexWrap: "wrap" }}>
        <FormControlLabel
          control={<Checkbox checked={autoMerge} onChange={(e) => setAutoMerge(e.target.checked)} name="auto_merge" />}
          label="Merge high-confidence duplicates automatically"
          disabled={!canScan || active}
        />
        <Button
          variant="contained"
          startIcon={<ScanIcon />}
          onClick={start}
          disabled={!canScan || active || starting}
          data-testid="start-scan"
        >
          {active ? "Scanning…" : "Start scan"}
        </Button>
      </Box>
      {latest.error && (
        <Alert severity="error" sx={{ mt: 2 }}>
          Could not load the last scan: {(latest.error as Error).message}
        </Alert>
      )}
      {scan ? (
        <ScanStatus scan={scan} />
      ) : (
        !latest.isPending && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
            No scan has run yet.
          </Typography>
        )
      )}
    </SectionCard>
  );
}

function ScanStatus({ scan }: { scan: DedupScan }) {
  const active = isScanActive(scan);
  return (
    <Box sx={{ mt: 2, p: 1.5, borderRadius: 1.5, bgcolor: "#f8fafc" }} data-testid="scan-status" data-status={scan.status}>
      <Box sx={{ display: "flex", alignItems: "center", gap: 1, mb: 1, flexWrap: "wrap" }}>
        <Typography variant="subtitle2">{active ? "Scan in progress" : "Last scan"}</Typography>
        <ToneChip label={labelOf(SCAN_STATUSES, scan.status)} tone={toneOf(SCAN_STATUSES, scan.status)} />
        <Typography variant="caption" color="text.secondary">
          {scan.auto_merge ? "auto-merge on" : "review only"} · started {formatDateTime(scan.started_at ?? scan.created_at)}
          {scan.finished_at ? ` · finished ${formatDateTime(scan.finished_at)}` : ""}
        </Typography>
      </Box>
      <LinearProgress
        variant={scan.status === "queued" ? "indeterminate" : "determinate"}
        value={scanProgress(scan)}
        color={scan.status === "failed" ? "error" : scan.status === "done" ? "success" : "primary"}
        sx={{ height: 8, borderRadius: 4 }}
        aria-label="Scan progress"
      />
      <Typography variant="body2" sx={{ mt: 1, fontVariantNumeric: "tabular-nums" }} className="scan-summary">
        {scanSummary(scan)}
      </Typography>
      {scan.status === "done" && (
        <Box sx={{ display: "flex", gap: 3, mt: 1 }}>
          <Count label="Merged" value={scan.merged} testId="scan-merged" />
          <Count label="Reviews opened" value={scan.reviews} testId="scan-reviews" />
          {scan.reviews > 0 && (
            <Button component={Link} to="/duplicate_reviews" size="small" sx={{ alignSelf: "center" }}>
              Open the review queue
            </Button>
          )}
        </Box>
      )}
    </Box>
  );
}

function Count({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography sx={{ fontSize: 22, fontWeight: 700, fontVariantNumeric: "tabular-nums" }} data-testid={testId}>
        {Number(value) || 0}
      </Typography>
    </Box>
  );
}

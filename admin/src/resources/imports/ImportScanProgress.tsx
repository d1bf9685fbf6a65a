import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import LinearProgress from "@mui/material/LinearProgress";
import Typography from "@mui/material/Typography";
import { useEffect } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useDataProvider } from "react-admin";
import { Link } from "react-router-dom";
import { ToneChip } from "../../components/ToneChip.tsx";
import { labelOf, toneOf } from "../../components/toneModel.ts";
import type { LeadhubDataProvider } from "../../data/dataProvider.ts";
import { SCAN_STATUSES, isScanActive, scanProgress, scanSummary } from "../../dedup/scanModel.ts";

const POLL_MS = 1000;

/**
 * The fuzzy duplicate scan a finished import starts over its leads (the import itself only merges
 * on exact email and phone). Polled like the import while it runs.
 */
export function ImportScanProgress({ scanId }: { scanId: string }) {
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const queryClient = useQueryClient();
  const { data: scan, error } = useQuery({
    queryKey: ["dedup_scans", scanId, "progress"],
    queryFn: () => dataProvider.getDedupScan(scanId),
    refetchInterval: (query) => (isScanActive(query.state.data) ? POLL_MS : false),
  });
  // Reviews it opened count in the Duplicates menu badge: it re-reads once the scan is done.
  const status = scan?.status;
  useEffect(() => {
    if (status === "done") void queryClient.invalidateQueries({ queryKey: ["duplicate_reviews"] });
  }, [status, queryClient]);
  if (error) {
    return (
      <Typography variant="body2" color="error">
        Could not read the duplicate scan: {(error as Error).message}
      </Typography>
    );
  }
  if (!scan) return <LinearProgress aria-label="Loading the duplicate scan" />;
  return (
    <Box data-testid="import-scan" data-status={scan.status}>
      <Box sx={{ display: "flex", alignItems: "center", gap: 1, mb: 1 }}>
        <ToneChip label={labelOf(SCAN_STATUSES, scan.status)} tone={toneOf(SCAN_STATUSES, scan.status)} />
        <Typography variant="body2" sx={{ fontVariantNumeric: "tabular-nums" }} className="scan-summary">
          {scanSummary(scan)}
        </Typography>
      </Box>
      <LinearProgress
        variant={scan.status === "queued" ? "indeterminate" : "determinate"}
        value={scanProgress(scan)}
        color={scan.status === "failed" ? "error" : scan.status === "done" ? "success" : "primary"}
        sx={{ height: 6, borderRadius: 3 }}
        aria-label="Duplicate scan progress"
      />
      {scan.status === "done" && scan.reviews > 0 && (
        <Button component={Link} to="/duplicate_reviews" size="small" sx={{ mt: 1 }}>
          Open the review queue
        </Button>
      )}
    </Box>
  );
}

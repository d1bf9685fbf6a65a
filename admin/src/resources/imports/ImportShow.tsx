import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import LinearProgress from "@mui/material/LinearProgress";
import Typography from "@mui/material/Typography";
import BackIcon from "@mui/icons-material/ArrowBackOutlined";
import LeadsIcon from "@mui/icons-material/PersonSearchOutlined";
import SetupIcon from "@mui/icons-material/TuneOutlined";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Title, useDataProvider } from "react-admin";
import { Link, useParams } from "react-router-dom";
import { SectionCard } from "../../components/SectionCard.tsx";
import { ToneChip } from "../../components/ToneChip.tsx";
import { labelOf, toneOf } from "../../components/toneModel.ts";
import type { LeadhubDataProvider } from "../../data/dataProvider.ts";
import { formatDateTime } from "../leads/LeadFieldValue.tsx";
import { ErrorFileButton } from "./ErrorFileButton.tsx";
import { ImportControls } from "./ImportControls.tsx";
import { ImportCounts } from "./ImportCounts.tsx";
import { ImportScanProgress } from "./ImportScanProgress.tsx";
import {
  IMPORT_STATUSES,
  type ImportRecord,
  delimiterLabel,
  formatBytes,
  importLeadsPath,
  barVariant,
  importPercent,
  importSummary,
  isImportActive,
} from "./importModel.ts";

const POLL_MS = 1000;

/** One import's live progress: the row is read every second while it is queued or running. */
export function ImportShow() {
  const { id = "" } = useParams<{ id: string }>();
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const queryClient = useQueryClient();
  const queryKey = ["imports", id, "progress"];
  const {
    data: imp,
    error,
    refetch,
  } = useQuery({
    queryKey,
    queryFn: () => dataProvider.getImport(id),
    refetchInterval: (query) => (isImportActive(query.state.data) ? POLL_MS : false),
  });
  const update = (next: ImportRecord) => {
    queryClient.setQueryData(queryKey, next);
    // The list shows the same row: it re-reads when opened again.
    void queryClient.invalidateQueries({ queryKey: ["imports", "getList"] });
  };

  if (error)
    return (
      <Alert severity="error" sx={{ mt: 2 }}>
        Could not load the import: {(error as Error).message}
      </Alert>
    );
  if (!imp) return <LinearProgress sx={{ mt: 2 }} aria-label="Loading the import" />;
  return (
    <Box sx={{ py: 2, display: "grid", gap: 2, maxWidth: 980 }} data-testid="import-show" data-status={imp.status}>
      <Title title={`Import: ${imp.filename}`} />
      <Box sx={{ display: "flex", alignItems: "center", gap: 1.5, flexWrap: "wrap" }}>
        <Button component={Link} to="/imports" size="small" startIcon={<BackIcon />}>
          All imports
        </Button>
        <Typography variant="h5" component="h1" sx={{ wordBreak: "break-all" }}>
          {imp.filename}
        </Typography>
        <span data-testid="import-status">
          <ToneChip label={labelOf(IMPORT_STATUSES, imp.status)} tone={toneOf(IMPORT_STATUSES, imp.status)} size="medium" />
        </span>
      </Box>
      <Typography variant="body2" color="text.secondary">
        {formatBytes(imp.size_bytes)} · {imp.encoding} · {delimiterLabel(imp.delimiter)}-separated · uploaded{" "}
        {formatDateTime(imp.created_at)}
        {imp.started_at ? ` · started ${formatDateTime(imp.started_at)}` : ""}
        {imp.finished_at ? ` · finished ${formatDateTime(imp.finished_at)}` : ""}
      </Typography>

      {imp.status === "staged" ? (
        <SectionCard title="Not started">
          <Typography variant="body2" sx={{ mb: 2 }}>
            The file is uploaded; its columns are not mapped yet.
          </Typography>
          <Box sx={{ display: "flex", gap: 1, flexWrap: "wrap" }}>
            <Button
              component={Link}
              to={`/imports/create?import=${encodeURIComponent(imp.id)}`}
              variant="contained"
              startIcon={<SetupIcon />}
            >
              Continue set-up
            </Button>
            <ImportControls imp={imp} onChange={update} onStale={() => void refetch()} />
          </Box>
        </SectionCard>
      ) : (
        <ProgressCard imp={imp} onChange={update} onStale={() => void refetch()} />
      )}

      {imp.dedup_scan_id && (
        <SectionCard title="Duplicate scan of the imported leads">
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
            The import merged rows with the same email or phone; this scan looks for the less certain look-alikes (names, companies) and
            opens reviews for them.
          </Typography>
          <ImportScanProgress scanId={imp.dedup_scan_id} />
        </SectionCard>
      )}
    </Box>
  );
}

function ProgressCard({ imp, onChange, onStale }: { imp: ImportRecord; onChange: (imp: ImportRecord) => void; onStale: () => void }) {
  const finished = imp.status === "done" || imp.status === "failed" || imp.status === "cancelled";
  return (
    <SectionCard title={finished ? "Result" : "Progress"} id="import-progress">
      <LinearProgress
        // Remounted when the variant changes: the bar would otherwise slide from where the animation left it.
        key={barVariant(imp)}
        variant={barVariant(imp)}
        value={importPercent(imp)}
        color={imp.status === "failed" ? "error" : imp.status === "done" ? "success" : imp.status === "paused" ? "warning" : "primary"}
        sx={{ height: 10, borderRadius: 5 }}
        aria-label="Import progress"
      />
      <Typography variant="body2" sx={{ mt: 1, mb: 2, fontVariantNumeric: "tabular-nums" }} data-testid="import-summary">
        {importSummary(imp)}
      </Typography>
      <ImportCounts imp={imp} />
      {imp.status === "failed" && imp.error && (
        <Alert severity="error" sx={{ mt: 2 }}>
          {imp.error}
        </Alert>
      )}
      <Box sx={{ display: "flex", gap: 1, mt: 2, flexWrap: "wrap", alignItems: "center" }}>
        <ImportControls imp={imp} onChange={onChange} onStale={onStale} />
        {Number(imp.processed_rows) > 0 && (
          <Button
            component={Link}
            to={importLeadsPath(imp.id)}
            variant={finished ? "contained" : "text"}
            startIcon={<LeadsIcon />}
            data-testid="view-imported-leads"
          >
            View imported leads
          </Button>
        )}
        <ErrorFileButton imp={imp} size="medium" />
      </Box>
    </SectionCard>
  );
}

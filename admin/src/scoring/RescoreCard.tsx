import { useEffect } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import LinearProgress from "@mui/material/LinearProgress";
import Typography from "@mui/material/Typography";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useDataProvider } from "react-admin";
import { SectionCard } from "../components/SectionCard.tsx";
import { ToneChip } from "../components/ToneChip.tsx";
import { labelOf, toneOf } from "../components/toneModel.ts";
import { formatDateTime } from "../resources/leads/LeadFieldValue.tsx";
import { RUN_STATUSES, type RescoreRun, isRunActive, runProgress, runSummary } from "./rescoreModel.ts";

const POLL_MS = 1000;

/**
 * Every scoring rule change re-scores the tenant's leads on a worker. This follows the run a publish
 * started (`runId`), else the latest one; its row is read every second while it is queued or running.
 */
export function RescoreCard({ runId }: { runId: string | null }) {
  const dataProvider = useDataProvider();
  const queryClient = useQueryClient();
  const latest = useQuery({
    queryKey: ["rescore_runs", "latest"],
    queryFn: async () => {
      const { data } = await dataProvider.getList<RescoreRun>("rescore_runs", {
        pagination: { page: 1, perPage: 1 },
        sort: { field: "created_at", order: "DESC" },
        filter: {},
      });
      return data[0] ?? null;
    },
    enabled: runId === null,
  });
  const id = runId ?? latest.data?.id ?? null;
  const progress = useQuery({
    queryKey: ["rescore_runs", id, "progress"],
    queryFn: async () => (await dataProvider.getOne<RescoreRun>("rescore_runs", { id: String(id) })).data,
    enabled: id !== null,
    refetchInterval: (query) => (isRunActive(query.state.data) ? POLL_MS : false),
  });
  const run = progress.data ?? (latest.data?.id === id ? latest.data : null);

  // Scores moved: lists and lead pages read them again.
  const status = run?.status;
  useEffect(() => {
    if (status === "done") void queryClient.invalidateQueries({ queryKey: ["leads"] });
  }, [status, queryClient]);

  return (
    <SectionCard title="Re-score" id="rescore">
      <Typography variant="body2" color="text.secondary">
        Publishing scoring rules re-scores every lead with them; each change lands in the lead's score history.
      </Typography>
      {(latest.error || progress.error) && (
        <Alert severity="error" sx={{ mt: 1.5 }}>
          Could not load the re-score: {((latest.error || progress.error) as Error).message}
        </Alert>
      )}
      {run ? (
        <RunStatus run={run} />
      ) : (
        !latest.isPending && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5 }}>
            No re-score has run yet.
          </Typography>
        )
      )}
    </SectionCard>
  );
}

function RunStatus({ run }: { run: RescoreRun }) {
  return (
    <Box sx={{ mt: 1.5, p: 1.5, borderRadius: 1.5, bgcolor: "#f8fafc" }} data-testid="rescore-status" data-status={run.status}>
      <Box sx={{ display: "flex", alignItems: "center", gap: 1, mb: 1, flexWrap: "wrap" }}>
        <Typography variant="subtitle2">{isRunActive(run) ? "Re-scoring" : "Last re-score"}</Typography>
        <ToneChip label={labelOf(RUN_STATUSES, run.status)} tone={toneOf(RUN_STATUSES, run.status)} />
        <Typography variant="caption" color="text.secondary">
          started {formatDateTime(run.started_at ?? run.created_at)}
          {run.finished_at ? ` · finished ${formatDateTime(run.finished_at)}` : ""}
        </Typography>
      </Box>
      <LinearProgress
        variant={run.status === "queued" ? "indeterminate" : "determinate"}
        value={runProgress(run)}
        color={run.status === "failed" ? "error" : run.status === "done" ? "success" : "primary"}
        sx={{ height: 8, borderRadius: 4 }}
        aria-label="Re-score progress"
      />
      <Typography variant="body2" sx={{ mt: 1, fontVariantNumeric: "tabular-nums" }} className="rescore-summary">
        {runSummary(run)}
      </Typography>
    </Box>
  );
}

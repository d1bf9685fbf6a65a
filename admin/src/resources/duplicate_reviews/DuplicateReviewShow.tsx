import { useState } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Card from "@mui/material/Card";
import Skeleton from "@mui/material/Skeleton";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import BackIcon from "@mui/icons-material/ArrowBack";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { HttpError, Title, useAuthenticated, useDataProvider, useNotify, usePermissions, useRedirect } from "react-admin";
import { Link, useParams } from "react-router-dom";
import type { Permissions } from "../../auth/sessionModel.ts";
import { LinkNotice } from "../../components/LinkNotice.tsx";
import { MatchScoreBar, ReasonChips } from "../../components/MatchScore.tsx";
import { ToneChip } from "../../components/ToneChip.tsx";
import { labelOf, toneOf } from "../../components/toneModel.ts";
import type { LeadhubDataProvider } from "../../data/dataProvider.ts";
import { formatDateTime } from "../leads/LeadFieldValue.tsx";
import { leadDisplayName } from "../leads/leadModel.ts";
import { relativeTime } from "../leads/timelineModel.ts";
import { ComparisonTable } from "./ComparisonTable.tsx";
import { type DuplicateComparison, REVIEW_ORIGINS, REVIEW_STATUSES, type Side, defaultPicks, mergeRequest } from "./duplicateModel.ts";
import { ReviewDecision } from "./ReviewDecision.tsx";

const QUEUE = "/duplicate_reviews";

/** Is this the same person? The pair side by side, the values to keep, and the decision. */
export function DuplicateReviewShow() {
  // Not a react-admin Show (it reads the comparison, not the row), so it checks the session itself.
  useAuthenticated();
  const { id = "" } = useParams<{ id: string }>();
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const { data, error, isPending, refetch } = useQuery({
    queryKey: ["duplicate_reviews", id, "comparison"],
    queryFn: () => dataProvider.getDuplicateComparison(id),
    enabled: id !== "",
  });
  return (
    <Box sx={{ py: 2, display: "flex", flexDirection: "column", gap: 2 }} data-testid="duplicate-review">
      <Title title="Duplicate review" />
      <Box>
        <Button component={Link} to={QUEUE} size="small" startIcon={<BackIcon />}>
          Review queue
        </Button>
      </Box>
      {error && <Alert severity="error">Could not load the review: {(error as Error).message}</Alert>}
      {isPending && <Skeleton variant="rounded" height={320} />}
      {data && <Review key={`${data.review.id}-${data.review.status}`} comparison={data} onStale={() => refetch()} />}
    </Box>
  );
}

function Review({ comparison, onStale }: { comparison: DuplicateComparison; onStale: () => void }) {
  const { review, lead, candidate, fields } = comparison;
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const redirect = useRedirect();
  const { permissions } = usePermissions<Permissions>();
  const [picks, setPicks] = useState<Record<string, Side>>(() => defaultPicks(fields));
  const [survivor, setSurvivor] = useState<Side>("candidate");
  const [busy, setBusy] = useState<"merge" | "dismiss" | null>(null);
  const open = review.status === "open";

  const decided = async (what: "merge" | "dismiss", act: () => Promise<void>) => {
    setBusy(what);
    try {
      await act();
      await queryClient.invalidateQueries({ queryKey: ["duplicate_reviews"] });
      await queryClient.invalidateQueries({ queryKey: ["leads"] });
      redirect(QUEUE);
    } catch (err) {
      notify((err as Error).message || "That did not work", { type: "error" });
      // Someone else decided meanwhile (409): show the review as it now is.
      if (err instanceof HttpError && err.status === 409) onStale();
    } finally {
      setBusy(null);
    }
  };

  const merge = () =>
    decided("merge", async () => {
      const result = await dataProvider.mergeDuplicate(review.id, mergeRequest(fields, picks, survivor));
      const kept = survivor === "candidate" ? candidate : lead;
      notify(
        <LinkNotice
          message={`Merged into ${leadDisplayName(kept)}`}
          to={`/leads/${encodeURIComponent(result.lead_id)}/show`}
          linkText="Open lead"
        />,
        {
          type: "success",
        },
      );
    });
  const dismiss = () =>
    decided("dismiss", async () => {
      await dataProvider.dismissDuplicate(review.id);
      notify("Marked as not a duplicate: this pair will not be proposed again", { type: "success" });
    });

  return (
    <>
      <Card variant="outlined" sx={{ p: 2.5, borderRadius: 2 }} data-testid="review-header">
        <Stack direction="row" sx={{ alignItems: "center", gap: 1.5, flexWrap: "wrap" }}>
          <Typography variant="h5" component="h1">
            Same person?
          </Typography>
          <ToneChip label={labelOf(REVIEW_STATUSES, review.status)} tone={toneOf(REVIEW_STATUSES, review.status)} />
          <ToneChip label={labelOf(REVIEW_ORIGINS, review.origin)} tone={toneOf(REVIEW_ORIGINS, review.origin)} />
          <Typography variant="body2" color="text.secondary" title={formatDateTime(review.created_at)}>
            found {relativeTime(review.created_at, new Date())}
          </Typography>
        </Stack>
        <Box sx={{ display: "flex", gap: 3, alignItems: "center", mt: 1.5, flexWrap: "wrap" }}>
          <MatchScoreBar score={review.score} width={160} />
          <ReasonChips reasons={review.reasons} />
        </Box>
      </Card>
      {!open && (
        <Alert severity="info" data-testid="review-closed">
          {review.status === "merged" ? "These records were merged" : "Marked as not a duplicate"}
          {review.resolved_at ? ` on ${formatDateTime(review.resolved_at)}` : ""}. This review is read-only.
        </Alert>
      )}
      <ComparisonTable
        comparison={comparison}
        picks={picks}
        survivor={survivor}
        onPick={open ? (field, side) => setPicks((p) => ({ ...p, [field]: side })) : undefined}
      />
      {open && (
        <ReviewDecision
          lead={lead}
          candidate={candidate}
          survivor={survivor}
          onSurvivor={setSurvivor}
          onMerge={merge}
          onDismiss={dismiss}
          busy={busy}
          canDecide={permissions?.canManageUsers === true}
        />
      )}
    </>
  );
}

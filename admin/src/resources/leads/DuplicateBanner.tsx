import Alert from "@mui/material/Alert";
import AlertTitle from "@mui/material/AlertTitle";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import CompareIcon from "@mui/icons-material/CompareArrowsOutlined";
import { useGetList, useRecordContext } from "react-admin";
import { Link } from "react-router-dom";
import { type DuplicateReview, matchBand, reviewPath } from "../duplicate_reviews/duplicateModel.ts";
import type { Lead } from "./leadModel.ts";

/** On a lead flagged as a possible duplicate: the way to its open review(s), before anyone works it twice. */
export function DuplicateBanner() {
  const lead = useRecordContext<Lead>();
  const flagged = lead?.is_duplicate === true;
  const { data } = useGetList<DuplicateReview>(
    "duplicate_reviews",
    {
      filter: { lead_id: lead?.id, status: "open" },
      pagination: { page: 1, perPage: 5 },
      sort: { field: "score", order: "DESC" },
    },
    // Reps may not read reviews (403): they still get the warning, without links.
    { enabled: flagged, retry: false },
  );
  if (!flagged) return null;
  const reviews = data ?? [];
  return (
    <Alert severity="warning" data-testid="duplicate-banner" sx={{ borderRadius: 2, "& .MuiAlert-message": { flex: 1 } }}>
      <AlertTitle>Possible duplicate</AlertTitle>
      {reviews.length
        ? "This lead looks like one already in your leads. Decide before working it, so the person is not called twice."
        : "This lead looks like one already in your leads; a manager will review it."}
      {reviews.length > 0 && (
        <Box sx={{ display: "flex", gap: 1, mt: 1, flexWrap: "wrap" }}>
          {reviews.map((r) => (
            <Button
              key={r.id}
              component={Link}
              to={reviewPath(r.id)}
              size="small"
              variant="outlined"
              color="warning"
              startIcon={<CompareIcon />}
              className="open-review"
            >
              Review ({matchBand(r.score).value}% match)
            </Button>
          ))}
        </Box>
      )}
    </Alert>
  );
}

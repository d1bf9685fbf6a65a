import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import FormControl from "@mui/material/FormControl";
import FormControlLabel from "@mui/material/FormControlLabel";
import FormLabel from "@mui/material/FormLabel";
import Radio from "@mui/material/Radio";
import RadioGroup from "@mui/material/RadioGroup";
import Typography from "@mui/material/Typography";
import MergeIcon from "@mui/icons-material/MergeType";
import NotDuplicateIcon from "@mui/icons-material/CallSplit";
import { SectionCard } from "../../components/SectionCard.tsx";
import type { Lead } from "../leads/leadModel.ts";
import { SIDE_LABELS, type Side } from "./duplicateModel.ts";

/** Which record survives, and the two decisions. Only admins and managers decide (the API enforces it too). */
export function ReviewDecision({
  lead,
  candidate,
  survivor,
  onSurvivor,
  onMerge,
  onDismiss,
  busy,
  canDecide,
}: {
  lead: Lead | null;
  candidate: Lead | null;
  survivor: Side;
  onSurvivor: (side: Side) => void;
  onMerge: () => void;
  onDismiss: () => void;
  busy: "merge" | "dismiss" | null;
  canDecide: boolean;
}) {
  const number = (l: Lead | null) => (l?.lead_number ? ` ${l.lead_number}` : "");
  return (
    <SectionCard title="Decision" id="review-decision">
      <FormControl disabled={!canDecide || busy !== null}>
        <FormLabel id="survivor-label">Record that survives</FormLabel>
        <RadioGroup aria-labelledby="survivor-label" name="survivor" value={survivor} onChange={(e) => onSurvivor(e.target.value as Side)}>
          <FormControlLabel
            value="candidate"
            control={<Radio size="small" />}
            label={`${SIDE_LABELS.candidate}${number(candidate)}: keeps its number, owner and history (usual)`}
          />
          <FormControlLabel
            value="lead"
            control={<Radio size="small" />}
            label={`${SIDE_LABELS.lead}${number(lead)}: the older lead is folded into it`}
          />
        </RadioGroup>
      </FormControl>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
        The other record's submissions, notes and activities move to the survivor; the merge can be undone from the lead's merge history.
      </Typography>
      <Box sx={{ display: "flex", gap: 1, mt: 2, flexWrap: "wrap" }}>
        <Button
          variant="contained"
          startIcon={<MergeIcon />}
          onClick={onMerge}
          disabled={!canDecide || busy !== null}
          data-testid="review-merge"
        >
          {busy === "merge" ? "Merging…" : "Merge"}
        </Button>
        <Button
          variant="outlined"
          startIcon={<NotDuplicateIcon />}
          onClick={onDismiss}
          disabled={!canDecide || busy !== null}
          data-testid="review-dismiss"
        >
          {busy === "dismiss" ? "Saving…" : "Not a duplicate"}
        </Button>
      </Box>
      {!canDecide && (
        <Typography variant="caption" color="text.secondary" component="div" sx={{ mt: 1 }}>
          Only admins and managers decide on duplicates.
        </Typography>
      )}
    </SectionCard>
  );
}

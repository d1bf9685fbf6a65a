import Box from "@mui/material/Box";
import Chip from "@mui/material/Chip";
import Typography from "@mui/material/Typography";
import { TONES } from "./toneModel.ts";
import { matchBand, reasonTone } from "../resources/duplicate_reviews/duplicateModel.ts";

/** How sure the matcher is that two records are one person, as a percentage bar. */
export function MatchScoreBar({ score, width = 72 }: { score: unknown; width?: number }) {
  const band = matchBand(score);
  return (
    <Box sx={{ display: "flex", alignItems: "center", gap: 1 }} title={`Match ${band.value}% (${band.label})`} className="match-score">
      <Typography variant="body2" sx={{ minWidth: 36, textAlign: "right", fontVariantNumeric: "tabular-nums", fontWeight: 600 }}>
        {band.value}%
      </Typography>
      <Box sx={{ width, height: 6, borderRadius: 3, bgcolor: "#e2e8f0", overflow: "hidden" }}>
        <Box sx={{ width: `${band.value}%`, height: "100%", bgcolor: TONES[band.tone].solid }} />
      </Box>
    </Box>
  );
}

/** Why the matcher paired them ("same phone", "name 0.92 similar (nickname)"), one chip each. */
export function ReasonChips({ reasons, max }: { reasons: readonly string[] | null | undefined; max?: number }) {
  const list = Array.isArray(reasons) ? reasons : [];
  const shown = max ? list.slice(0, max) : list;
  return (
    <Box sx={{ display: "flex", flexWrap: "wrap", gap: 0.5 }} className="match-reasons">
      {shown.map((reason) => {
        const colors = TONES[reasonTone(reason)];
        return (
          <Chip
            key={reason}
            label={reason}
            size="small"
            className="match-reason"
            sx={{ bgcolor: colors.bg, color: colors.fg, borderRadius: "6px", height: 22, fontWeight: 500 }}
          />
        );
      })}
      {shown.length < list.length && <Chip size="small" variant="outlined" label={`+${list.length - shown.length}`} sx={{ height: 22 }} />}
    </Box>
  );
}

import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import { useRecordContext } from "react-admin";
import { TONES } from "./toneModel.ts";
import { scoreBand } from "../resources/leads/leadModel.ts";

export function ScoreBar({ score, width = 64 }: { score: unknown; width?: number }) {
  const band = scoreBand(score);
  const colors = TONES[band.tone];
  return (
    <Box sx={{ display: "flex", alignItems: "center", gap: 1 }} title={`Lead score ${band.value} (${band.label})`}>
      <Typography variant="body2" sx={{ minWidth: 24, textAlign: "right", fontVariantNumeric: "tabular-nums" }}>
        {band.value}
      </Typography>
      <Box sx={{ width, height: 6, borderRadius: 3, bgcolor: "#e2e8f0", overflow: "hidden" }}>
        <Box sx={{ width: `${band.value}%`, height: "100%", bgcolor: colors.solid }} />
      </Box>
    </Box>
  );
}

export function ScoreField({ source = "lead_score" }: { source?: string; label?: string; sortable?: boolean }) {
  const record = useRecordContext();
  if (!record) return null;
  return <ScoreBar score={record[source]} width={36} />;
}

import type { ReactNode } from "react";
import Box from "@mui/material/Box";
import Card from "@mui/material/Card";
import Typography from "@mui/material/Typography";
import { type Tone, TONES } from "../components/toneModel.ts";

export function KpiCard({
  label,
  value,
  hint,
  icon,
  tone,
  testId,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  icon: ReactNode;
  tone: Tone;
  testId?: string;
}) {
  const colors = TONES[tone];
  return (
    <Card variant="outlined" sx={{ p: 2, borderRadius: 2, display: "flex", gap: 2, alignItems: "center" }} data-testid={testId}>
      <Box
        sx={{
          width: 44,
          height: 44,
          borderRadius: 2,
          bgcolor: colors.bg,
          color: colors.fg,
          display: "flex",
          alignItems: "center",
          justifyContent: "center",
          flexShrink: 0,
        }}
      >
        {icon}
      </Box>
      <Box sx={{ minWidth: 0 }}>
        <Typography variant="body2" color="text.secondary" noWrap>
          {label}
        </Typography>
        <Typography className="kpi-value" sx={{ fontSize: 26, fontWeight: 700, lineHeight: 1.2, fontVariantNumeric: "tabular-nums" }}>
          {value}
        </Typography>
        {hint && (
          <Typography variant="caption" color="text.secondary" component="div" noWrap>
            {hint}
          </Typography>
        )}
      </Box>
    </Card>
  );
}

import Chip from "@mui/material/Chip";
import { useRecordContext } from "react-admin";
import { type Choice, type Tone, TONES, labelOf, toneOf } from "./toneModel.ts";

export function ToneChip({ label, tone, size = "small" }: { label: string; tone: Tone; size?: "small" | "medium" }) {
  const colors = TONES[tone];
  return (
    <Chip
      label={label}
      size={size}
      sx={{ bgcolor: colors.bg, color: colors.fg, fontWeight: 600, borderRadius: "6px", height: size === "small" ? 22 : 28 }}
    />
  );
}

/** A react-admin field rendering an enum column as a coloured chip. */
export function ChoiceChipField({ source, choices }: { source: string; choices: readonly Choice[]; label?: string; sortable?: boolean }) {
  const record = useRecordContext();
  const value = record?.[source];
  if (value === null || value === undefined || value === "") return null;
  return <ToneChip label={labelOf(choices, value)} tone={toneOf(choices, value)} />;
}

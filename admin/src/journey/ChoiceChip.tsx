import Chip from "@mui/material/Chip";
import { useRecordContext } from "react-admin";
import { type Choice, TONES, labelOf, toneOf } from "../components/toneModel.ts";

export function ChoiceChip({ source, choices }: { source: string; choices: readonly Choice[]; label?: string; sortable?: boolean }) {
  const record = useRecordContext();
  if (!record) return null;
  const tone = TONES[toneOf(choices, record[source])];
  return (
    <Chip size="small" label={labelOf(choices, record[source])} sx={{ bgcolor: tone.bg, color: tone.fg }} className={`chip-${source}`} />
  );
}

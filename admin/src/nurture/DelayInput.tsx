import Box from "@mui/material/Box";
import TextField from "@mui/material/TextField";
import { joinMinutes, splitMinutes } from "./sequenceModel.ts";

const whole = (v: string) => Math.max(0, Math.floor(Number(v) || 0));

/** Minutes edited as days and hours (what people plan drips in); odd minutes from the API are kept. */
export function DelayInput({
  value,
  onChange,
  label,
  disabled,
}: {
  value: number | null | undefined;
  onChange: (minutes: number) => void;
  label: string;
  disabled?: boolean;
}) {
  const parts = splitMinutes(value);
  return (
    <Box sx={{ display: "flex", gap: 1, alignItems: "center" }} className="delay-input">
      <TextField
        type="number"
        size="small"
        label={`${label}: days`}
        value={parts.days}
        onChange={(e) => onChange(joinMinutes({ ...parts, days: whole(e.target.value) }))}
        disabled={disabled}
        slotProps={{ htmlInput: { min: 0, className: "delay-days" } }}
        sx={{ width: 130 }}
      />
      <TextField
        type="number"
        size="small"
        label="hours"
        value={parts.hours}
        onChange={(e) => onChange(joinMinutes({ ...parts, hours: Math.min(23, whole(e.target.value)) }))}
        disabled={disabled}
        slotProps={{ htmlInput: { min: 0, max: 23, className: "delay-hours" } }}
        sx={{ width: 90 }}
      />
    </Box>
  );
}

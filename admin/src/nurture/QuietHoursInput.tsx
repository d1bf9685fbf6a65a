import Box from "@mui/material/Box";
import FormControlLabel from "@mui/material/FormControlLabel";
import FormHelperText from "@mui/material/FormHelperText";
import Switch from "@mui/material/Switch";
import TextField from "@mui/material/TextField";
import { ValidationError, useInput } from "react-admin";
import type { QuietHours } from "./sequenceModel.ts";

/** No mail between two times of day (in the lead's zone); off means the tenant's quiet hours apply. */
export function QuietHoursInput({ source = "quiet_hours", label = "Quiet hours of its own" }: { source?: string; label?: string }) {
  const { field, fieldState, formState } = useInput({ source });
  // react-admin hands an unset input over as "": only an object is a window.
  const quiet = field.value && typeof field.value === "object" ? (field.value as QuietHours) : null;
  const time = (key: "start" | "end", text: string) => (
    <TextField
      type="time"
      size="small"
      label={text}
      value={quiet?.[key] ?? ""}
      onChange={(e) => field.onChange({ ...quiet, [key]: e.target.value })}
      slotProps={{ htmlInput: { name: `${source}.${key}` }, inputLabel: { shrink: true } }}
      sx={{ width: 140 }}
    />
  );
  return (
    <Box data-testid="quiet-hours">
      <FormControlLabel
        control={
          <Switch
            checked={quiet !== null}
            onChange={(e) => field.onChange(e.target.checked ? { start: "21:00", end: "08:00" } : null)}
            name={`${source}_on`}
          />
        }
        label={label}
      />
      {quiet && (
        <Box sx={{ display: "flex", gap: 1, mt: 1 }}>
          {time("start", "No mail from")}
          {time("end", "until")}
        </Box>
      )}
      {fieldState.error?.message && formState.submitCount > 0 && (
        <FormHelperText error>
          <ValidationError error={fieldState.error.message} />
        </FormHelperText>
      )}
    </Box>
  );
}

import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import FormControlLabel from "@mui/material/FormControlLabel";
import FormHelperText from "@mui/material/FormHelperText";
import IconButton from "@mui/material/IconButton";
import Switch from "@mui/material/Switch";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import AddIcon from "@mui/icons-material/AddOutlined";
import RemoveIcon from "@mui/icons-material/CloseOutlined";
import { useInput } from "react-admin";
import {
  DEFAULT_SPAN,
  type Span,
  WEEK,
  type Week,
  type Weekday,
  crossesMidnight,
  defaultWeek,
  weekErrors,
  weekFromForm,
  weekSummary,
  weekToApi,
} from "./workingHoursModel.ts";

const validate = (value: unknown) => Object.values(weekErrors(weekFromForm(value)))[0];

/**
 * Working hours per weekday, in the user's time zone: assignment skips a rep outside them. "Always
 * available" stores no hours at all; a day switched off is left out.
 */
export function WorkingHoursInput({ source = "working_hours" }: { source?: string }) {
  const { field } = useInput({ source, validate });
  // All days switched off is `{}` while editing: it shows as such and fails validation (the API would read it as always available).
  const week = weekFromForm(field.value);
  const set = (next: Week | null) => field.onChange(next ? weekToApi(next) : null);
  const setDay = (day: Weekday, spans: Span[]) => set({ ...week!, [day]: spans });
  const errors = weekErrors(week);

  return (
    <Box sx={{ gridColumn: "1 / -1", mb: 2 }} data-testid="working-hours">
      <Typography variant="subtitle2" sx={{ mb: 0.5 }}>
        Working hours
      </Typography>
      <FormControlLabel
        control={<Switch checked={week === null} onChange={(e) => set(e.target.checked ? null : defaultWeek())} name="always_available" />}
        label="Always available"
      />
      {week && (
        <Box sx={{ display: "grid", gridTemplateColumns: "90px 1fr", rowGap: 0.75, columnGap: 1, alignItems: "center", mt: 1 }}>
          {WEEK.map(({ day, label }) => {
            const spans = week[day];
            return (
              <Box key={day} sx={{ display: "contents" }} className={`hours-${day}`}>
                <FormControlLabel
                  control={
                    <Switch
                      size="small"
                      checked={spans.length > 0}
                      onChange={(e) => setDay(day, e.target.checked ? [[...DEFAULT_SPAN]] : [])}
                      name={`day.${day}`}
                    />
                  }
                  label={label}
                />
                <Box sx={{ display: "flex", gap: 1, alignItems: "center", flexWrap: "wrap", minHeight: 40 }}>
                  {!spans.length && (
                    <Typography variant="body2" color="text.secondary">
                      Off
                    </Typography>
                  )}
                  {spans.map((span, i) => (
                    <Box key={i} sx={{ display: "flex", gap: 0.5, alignItems: "center" }}>
                      <TimeField
                        label="From"
                        value={span[0]}
                        onChange={(v) =>
                          setDay(
                            day,
                            spans.map((s, k) => (k === i ? [v, s[1]] : s)),
                          )
                        }
                      />
                      <span>–</span>
                      <TimeField
                        label="To"
                        value={span[1]}
                        onChange={(v) =>
                          setDay(
                            day,
                            spans.map((s, k) => (k === i ? [s[0], v] : s)),
                          )
                        }
                      />
                      {crossesMidnight(span) && (
                        <Typography variant="caption" color="text.secondary">
                          (next day)
                        </Typography>
                      )}
                      {spans.length > 1 && (
                        <IconButton
                          size="small"
                          aria-label={`Remove ${label} span ${i + 1}`}
                          onClick={() =>
                            setDay(
                              day,
                              spans.filter((_, k) => k !== i),
                            )
                          }
                        >
                          <RemoveIcon fontSize="small" />
                        </IconButton>
                      )}
                    </Box>
                  ))}
                  {spans.length > 0 && spans.length < 3 && (
                    <Button
                      size="small"
                      startIcon={<AddIcon />}
                      onClick={() => setDay(day, [...spans, ["14:00", "18:00"]])}
                      sx={{ minWidth: 0 }}
                    >
                      Split
                    </Button>
                  )}
                  {errors[day] && <FormHelperText error>{errors[day]}</FormHelperText>}
                </Box>
              </Box>
            );
          })}
        </Box>
      )}
      <FormHelperText error={Boolean(errors.week)}>{errors.week ?? weekSummary(week)}</FormHelperText>
    </Box>
  );
}

function TimeField({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  return (
    <TextField
      type="time"
      variant="outlined"
      size="small"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      slotProps={{ htmlInput: { "aria-label": label, step: 300 } }}
      sx={{ width: 150 }}
    />
  );
}

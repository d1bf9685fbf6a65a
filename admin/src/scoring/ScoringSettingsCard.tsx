import { useState } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import FormControlLabel from "@mui/material/FormControlLabel";
import Skeleton from "@mui/material/Skeleton";
import Switch from "@mui/material/Switch";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import SaveIcon from "@mui/icons-material/SaveOutlined";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { HttpError, useDataProvider, useNotify } from "react-admin";
import { SectionCard } from "../components/SectionCard.tsx";
import type { LeadhubDataProvider } from "../data/dataProvider.ts";
import {
  type ScoringSettings,
  type ScoringSettingsResponse,
  behaviourLabel,
  decaySentence,
  sameSettings,
  settingsErrors,
} from "./scoringSettingsModel.ts";

const QUERY_KEY = ["scoring_settings"];

/** Points each engagement earns and how idle leads lose them (admins change them). */
export function ScoringSettingsCard({ canEdit }: { canEdit: boolean }) {
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const { data, error, isPending } = useQuery({ queryKey: QUERY_KEY, queryFn: () => dataProvider.getScoringSettings() });
  if (error) return <Alert severity="error">Could not load the scoring settings: {(error as Error).message}</Alert>;
  if (isPending) return <Skeleton variant="rounded" height={300} />;
  return <SettingsForm key={JSON.stringify([data.behaviour, data.decay])} saved={data} canEdit={canEdit} />;
}

const pick = (s: ScoringSettings): ScoringSettings => ({ behaviour: s.behaviour, decay: s.decay });
const numberOrNaN = (v: string) => (v.trim() === "" ? Number.NaN : Number(v));

function SettingsForm({ saved, canEdit }: { saved: ScoringSettingsResponse; canEdit: boolean }) {
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [draft, setDraft] = useState<ScoringSettings>(pick(saved));
  const [saving, setSaving] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const errors = { ...serverErrors, ...settingsErrors(draft) };
  const dirty = !sameSettings(draft, saved);
  const disabled = !canEdit || saving;
  const edit = (next: ScoringSettings) => {
    setServerErrors({});
    setDraft(next);
  };

  const save = async () => {
    setSaving(true);
    try {
      queryClient.setQueryData(QUERY_KEY, await dataProvider.saveScoringSettings(draft));
      notify("Scoring settings saved", { type: "success" });
    } catch (err) {
      const fieldErrors = err instanceof HttpError ? (err.body as { errors?: Record<string, string> } | null)?.errors : undefined;
      if (fieldErrors) setServerErrors(fieldErrors);
      notify((err as Error).message || "Could not save the settings", { type: "error" });
    } finally {
      setSaving(false);
    }
  };

  return (
    <SectionCard title="Behaviour and decay" id="scoring-settings">
      {!canEdit && (
        <Alert severity="info" sx={{ mb: 1.5 }}>
          Only admins change these settings.
        </Alert>
      )}
      <Typography variant="overline" color="text.secondary" component="h3">
        Points per engagement
      </Typography>
      <Box sx={{ display: "grid", gridTemplateColumns: "1fr 96px", columnGap: 2, rowGap: 1, alignItems: "center", mb: 2 }}>
        {saved.behaviours.map((b) => (
          <Box key={b} sx={{ display: "contents" }}>
            <Typography variant="body2" component="label" htmlFor={`behaviour-${b}`}>
              {behaviourLabel(b)}
            </Typography>
            <TextField
              id={`behaviour-${b}`}
              type="number"
              variant="outlined"
              size="small"
              name={`behaviour.${b}`}
              value={Number.isFinite(draft.behaviour[b]) ? draft.behaviour[b] : ""}
              onChange={(e) => edit({ ...draft, behaviour: { ...draft.behaviour, [b]: numberOrNaN(e.target.value) } })}
              error={Boolean(errors[`behaviour.${b}`])}
              title={errors[`behaviour.${b}`]}
              disabled={disabled}
              slotProps={{ htmlInput: { min: -100, max: 100, step: 1 } }}
            />
          </Box>
        ))}
      </Box>
      <Typography variant="overline" color="text.secondary" component="h3">
        Decay
      </Typography>
      <FormControlLabel
        control={
          <Switch
            checked={draft.decay !== null}
            onChange={(e) =>
              edit({ ...draft, decay: e.target.checked ? (saved.decay ?? saved.defaults.decay ?? { points: 5, every_days: 7 }) : null })
            }
            name="decay"
            disabled={disabled}
          />
        }
        label="Idle leads lose behaviour points"
      />
      {draft.decay && (
        <Box sx={{ display: "flex", gap: 1, alignItems: "flex-start", mt: 1, flexWrap: "wrap" }}>
          <TextField
            type="number"
            size="small"
            label="Points"
            name="decay.points"
            value={Number.isFinite(draft.decay.points) ? draft.decay.points : ""}
            onChange={(e) => edit({ ...draft, decay: { ...draft.decay!, points: numberOrNaN(e.target.value) } })}
            error={Boolean(errors["decay.points"])}
            helperText={errors["decay.points"]}
            disabled={disabled}
            sx={{ width: 110 }}
          />
          <TextField
            type="number"
            size="small"
            label="Every … days idle"
            name="decay.every_days"
            value={Number.isFinite(draft.decay.every_days) ? draft.decay.every_days : ""}
            onChange={(e) => edit({ ...draft, decay: { ...draft.decay!, every_days: numberOrNaN(e.target.value) } })}
            error={Boolean(errors["decay.every_days"])}
            helperText={errors["decay.every_days"]}
            disabled={disabled}
            sx={{ width: 150 }}
          />
        </Box>
      )}
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
        {Object.keys(errors).length ? "" : decaySentence(draft.decay)}
      </Typography>
      {canEdit && (
        <Box sx={{ display: "flex", gap: 1, mt: 2, flexWrap: "wrap" }}>
          <Button
            variant="contained"
            startIcon={<SaveIcon />}
            onClick={save}
            disabled={disabled || !dirty || Object.keys(errors).length > 0}
            data-testid="save-scoring-settings"
          >
            {saving ? "Saving…" : "Save"}
          </Button>
          <Button onClick={() => edit(pick(saved))} disabled={disabled || !dirty}>
            Discard changes
          </Button>
          <Button onClick={() => edit(pick(saved.defaults))} disabled={disabled || sameSettings(draft, saved.defaults)}>
            Reset to defaults
          </Button>
        </Box>
      )}
    </SectionCard>
  );
}

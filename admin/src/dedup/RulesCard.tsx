import { type ReactNode, useState } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import FormControlLabel from "@mui/material/FormControlLabel";
import FormHelperText from "@mui/material/FormHelperText";
import Skeleton from "@mui/material/Skeleton";
import Slider from "@mui/material/Slider";
import Switch from "@mui/material/Switch";
import TextField from "@mui/material/TextField";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import SaveIcon from "@mui/icons-material/SaveOutlined";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { HttpError, useDataProvider, useNotify } from "react-admin";
import { SectionCard } from "../components/SectionCard.tsx";
import { TONES } from "../components/toneModel.ts";
import type { LeadhubDataProvider } from "../data/dataProvider.ts";
import { fieldErrorsFrom } from "../data/apiModel.ts";
import {
  MATCH_KEYS,
  type MatchRules,
  type RulesResponse,
  WEIGHTS,
  percent,
  sameRules,
  thresholdBands,
  validateRules,
} from "./rulesModel.ts";

const QUERY_KEY = ["dedup", "rules"];

/** The tenant's matching rules: which keys count, how much, and where intake reviews or merges. */
export function RulesCard({ canEdit }: { canEdit: boolean }) {
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const { data, error, isPending } = useQuery({ queryKey: QUERY_KEY, queryFn: () => dataProvider.getDedupRules() });
  if (error) return <Alert severity="error">Could not load the matching rules: {(error as Error).message}</Alert>;
  if (isPending) return <Skeleton variant="rounded" height={420} />;
  // Remounted with what was saved, so the form starts from the stored rules.
  return <RulesForm key={JSON.stringify(data.rules)} saved={data} canEdit={canEdit} />;
}

function RulesForm({ saved, canEdit }: { saved: RulesResponse; canEdit: boolean }) {
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [draft, setDraft] = useState<MatchRules>(saved.rules);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const errors = { ...serverErrors, ...validateRules(draft) };
  const dirty = !sameRules(draft, saved.rules);
  const edit = (change: (r: MatchRules) => MatchRules) => {
    setServerErrors({});
    setDraft((r) => change(r));
  };

  const save = async () => {
    setSaving(true);
    try {
      const result = await dataProvider.saveDedupRules(draft);
      queryClient.setQueryData(QUERY_KEY, result);
      notify("Matching rules saved", { type: "success" });
    } catch (err) {
      const fieldErrors = err instanceof HttpError ? fieldErrorsFrom(err.body) : null;
      if (fieldErrors) setServerErrors(fieldErrors);
      notify((err as Error).message || "Could not save the rules", { type: "error" });
    } finally {
      setSaving(false);
    }
  };

  const disabled = !canEdit || saving;
  const bands = thresholdBands(draft);
  return (
    <SectionCard title="Matching rules" id="dedup-rules">
      {!canEdit && (
        <Alert severity="info" sx={{ mb: 2 }}>
          Only admins change the matching rules.
        </Alert>
      )}
      <Group title="What counts as evidence">
        <Box sx={{ display: "grid", gridTemplateColumns: { xs: "1fr", sm: "1fr 1fr" }, gap: 0.5 }}>
          {MATCH_KEYS.map(({ key, label, help }) => (
            <Tooltip key={key} title={help} placement="top-start">
              <FormControlLabel
                control={
                  <Switch
                    checked={draft.keys[key]}
                    onChange={(e) => edit((r) => ({ ...r, keys: { ...r.keys, [key]: e.target.checked } }))}
                    name={`keys.${key}`}
                    disabled={disabled}
                  />
                }
                label={label}
              />
            </Tooltip>
          ))}
        </Box>
      </Group>
      <Group title="Weights: what each agreeing key adds to the score (capped at 100%)">
        {WEIGHTS.map(({ key, label }) => (
          <UnitSlider
            key={key}
            name={`weights.${key}`}
            label={label}
            value={draft.weights[key]}
            error={errors[`weights.${key}`]}
            disabled={disabled || (key !== "contactConflict" && !draft.keys[key])}
            onChange={(v) => edit((r) => ({ ...r, weights: { ...r.weights, [key]: v } }))}
          />
        ))}
      </Group>
      <Group title="Thresholds">
        <UnitSlider
          name="reviewAt"
          label="Review from"
          value={draft.reviewAt}
          error={errors.reviewAt}
          disabled={disabled}
          asPercent
          onChange={(v) => edit((r) => ({ ...r, reviewAt: v }))}
        />
        <UnitSlider
          name="autoMergeAt"
          label="Auto-merge from"
          value={draft.autoMergeAt}
          error={errors.autoMergeAt}
          disabled={disabled}
          asPercent
          onChange={(v) => edit((r) => ({ ...r, autoMergeAt: v }))}
        />
        <Box sx={{ display: "flex", height: 22, borderRadius: 1, overflow: "hidden", mt: 1, fontSize: 11, fontWeight: 600 }} aria-hidden>
          {bands.map((b) => {
            const tone = TONES[b.label === "Auto-merge" ? "green" : b.label === "Review" ? "amber" : "grey"];
            return (
              <Box
                key={b.label}
                title={`${b.label}: ${percent(b.from)}–${percent(b.to)}`}
                sx={{
                  width: `${(b.to - b.from) * 100}%`,
                  bgcolor: tone.bg,
                  color: tone.fg,
                  display: "flex",
                  alignItems: "center",
                  justifyContent: "center",
                  whiteSpace: "nowrap",
                  overflow: "hidden",
                }}
              >
                {b.label}
              </Box>
            );
          })}
        </Box>
      </Group>
      <Group title="Shared phones and mailboxes (office lines, family phones)">
        <TextField
          type="number"
          size="small"
          name="sharedContactFrom"
          label="Shared from this many leads"
          value={Number.isFinite(draft.sharedContactFrom) ? draft.sharedContactFrom : ""}
          onChange={(e) => edit((r) => ({ ...r, sharedContactFrom: e.target.value === "" ? Number.NaN : Number(e.target.value) }))}
          error={Boolean(errors.sharedContactFrom)}
          helperText={errors.sharedContactFrom}
          disabled={disabled}
          slotProps={{ htmlInput: { min: 2, step: 1 } }}
          sx={{ width: 240, mb: 1 }}
        />
        <UnitSlider
          name="sharedContactFactor"
          label="…then counts"
          value={draft.sharedContactFactor}
          error={errors.sharedContactFactor}
          disabled={disabled}
          asPercent
          onChange={(v) => edit((r) => ({ ...r, sharedContactFactor: v }))}
        />
      </Group>
      {Object.keys(serverErrors).length > 0 && (
        <Alert severity="error" data-testid="rules-server-errors">
          The rules were not saved:{" "}
          {Object.entries(serverErrors)
            .map(([path, message]) => `${path}: ${message}`)
            .join("; ")}
        </Alert>
      )}
      <Box sx={{ display: "flex", gap: 1, mt: 2, flexWrap: "wrap" }}>
        <Button
          variant="contained"
          startIcon={<SaveIcon />}
          onClick={save}
          disabled={disabled || !dirty || Object.keys(errors).length > 0}
          data-testid="save-rules"
        >
          {saving ? "Saving…" : "Save"}
        </Button>
        <Button onClick={() => edit(() => saved.rules)} disabled={disabled || !dirty}>
          Discard changes
        </Button>
        <Button
          onClick={() => edit(() => saved.defaults)}
          disabled={disabled || sameRules(draft, saved.defaults)}
          data-testid="reset-rules"
        >
          Reset to defaults
        </Button>
      </Box>
    </SectionCard>
  );
}

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box sx={{ mb: 2.5 }}>
      <Typography variant="overline" color="text.secondary" component="h3" sx={{ lineHeight: 1.6, mb: 0.5 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

/** A 0..1 value on a slider, shown as 0.70 (a weight) or 70% (a threshold or a fraction). */
function UnitSlider({
  name,
  label,
  value,
  error,
  disabled,
  asPercent,
  onChange,
}: {
  name: string;
  label: string;
  value: number;
  error?: string;
  disabled: boolean;
  asPercent?: boolean;
  onChange: (value: number) => void;
}) {
  const shown = (v: number) => (asPercent ? percent(v) : v.toFixed(2));
  return (
    <Box sx={{ display: "grid", gridTemplateColumns: "150px 1fr 56px", alignItems: "center", columnGap: 2 }} data-testid={`slider-${name}`}>
      <Typography variant="body2">{label}</Typography>
      <Slider
        size="small"
        min={0}
        max={1}
        step={0.01}
        value={Number.isFinite(value) ? value : 0}
        onChange={(_, v) => onChange(Math.round((v as number) * 100) / 100)}
        disabled={disabled}
        valueLabelDisplay="auto"
        valueLabelFormat={shown}
        color={error ? "error" : "primary"}
        name={name}
        slotProps={{ input: { "aria-label": label } }}
      />
      <Typography variant="body2" sx={{ fontVariantNumeric: "tabular-nums", textAlign: "right" }} className="slider-value">
        {shown(value)}
      </Typography>
      {error && (
        <FormHelperText error sx={{ gridColumn: "2 / 4", mt: -0.5 }}>
          {error}
        </FormHelperText>
      )}
    </Box>
  );
}

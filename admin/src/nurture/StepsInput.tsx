import { useState } from "react";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import FormHelperText from "@mui/material/FormHelperText";
import Typography from "@mui/material/Typography";
import AddIcon from "@mui/icons-material/AddOutlined";
import FlagIcon from "@mui/icons-material/FlagOutlined";
import { ValidationError, useInput } from "react-admin";
import { PreviewPanel } from "./PreviewPanel.tsx";
import { StepCard } from "./StepCard.tsx";
import { StepConnector } from "./StepConnector.tsx";
import {
  STEP_CHOICES,
  type Step,
  type StepType,
  changeStepType,
  delayLabel,
  insertStep,
  moveStep,
  newStep,
  removeStep,
  stepErrors,
  updateStep,
} from "./sequenceModel.ts";

/** The steps as a vertical flow of cards joined by their delays, with the email preview beside it. */
export function StepsInput({ source = "steps" }: { source?: string }) {
  const { field, fieldState, formState } = useInput({ source });
  const steps: Step[] = Array.isArray(field.value) ? field.value : [];
  const [previewIndex, setPreviewIndex] = useState<number | null>(null);
  const errors = stepErrors(steps);
  const showErrors = formState.submitCount > 0;
  const set = (next: Step[]) => field.onChange(next);
  const previewed = previewIndex !== null && steps[previewIndex]?.type === "email" ? previewIndex : null;

  return (
    <Box
      sx={{
        display: "grid",
        gap: 2,
        gridTemplateColumns: { xs: "1fr", lg: "minmax(0, 7fr) minmax(0, 5fr)" },
        alignItems: "start",
        width: "100%",
      }}
    >
      <Box data-testid="sequence-flow">
        <Box sx={{ display: "flex", alignItems: "center", gap: 1, pl: 2 }}>
          <FlagIcon fontSize="small" color="primary" />
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            Lead enrolled
          </Typography>
        </Box>
        {steps.map((step, i) => (
          <Box key={i}>
            <StepConnector label={delayLabel(step)} />
            <StepCard
              step={step}
              index={i}
              steps={steps}
              errors={errors[i] ?? {}}
              showErrors={showErrors}
              previewing={previewed === i}
              onChange={(patch) => set(updateStep(steps, i, patch))}
              onType={(type) => set(steps.map((s, k) => (k === i ? changeStepType(s, type) : s)))}
              onMove={(to) => {
                set(moveStep(steps, i, to));
                if (previewed === i) setPreviewIndex(to);
              }}
              onRemove={() => {
                set(removeStep(steps, i));
                setPreviewIndex(null);
              }}
              onPreview={() => setPreviewIndex(i)}
            />
          </Box>
        ))}
        <StepConnector label={steps.length ? "then" : "add the first step"} />
        <Box sx={{ display: "flex", gap: 1, flexWrap: "wrap", pl: 2 }} data-testid="add-step">
          {STEP_CHOICES.map((c) => (
            <Button
              key={c.id}
              size="small"
              variant="outlined"
              startIcon={<AddIcon />}
              onClick={() => set(insertStep(steps, newStep(c.id as StepType)))}
              className={`add-step-${c.id}`}
            >
              {c.id === "email" ? "Email" : c.id === "task" ? "Task" : c.name}
            </Button>
          ))}
        </Box>
        {fieldState.error?.message && showErrors && (
          <FormHelperText error className="steps-error" sx={{ pl: 2 }}>
            <ValidationError error={fieldState.error.message} />
          </FormHelperText>
        )}
      </Box>
      <Box sx={{ position: { lg: "sticky" }, top: { lg: 72 } }}>
        <PreviewPanel step={previewed !== null ? steps[previewed] : null} number={previewed !== null ? previewed + 1 : null} />
      </Box>
    </Box>
  );
}

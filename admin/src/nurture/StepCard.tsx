import Box from "@mui/material/Box";
import Card from "@mui/material/Card";
import IconButton from "@mui/material/IconButton";
import TextField from "@mui/material/TextField";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import UpIcon from "@mui/icons-material/ArrowUpwardOutlined";
import DownIcon from "@mui/icons-material/ArrowDownwardOutlined";
import RemoveIcon from "@mui/icons-material/DeleteOutlineOutlined";
import PreviewIcon from "@mui/icons-material/VisibilityOutlined";
import { TONES, toneOf } from "../components/toneModel.ts";
import { StepFields } from "./StepFields.tsx";
import { STEP_CHOICES, type Step, type StepType, stepSummary } from "./sequenceModel.ts";

interface Props {
  step: Step;
  index: number;
  steps: Step[];
  errors: Record<string, string>;
  showErrors: boolean;
  previewing: boolean;
  onChange: (patch: Partial<Step>) => void;
  onType: (type: StepType) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
  onPreview: () => void;
}

/** One step of the flow: its number, type, a one-line summary, its fields, and move/remove buttons. */
export function StepCard({ step, index, steps, errors, showErrors, previewing, onChange, onType, onMove, onRemove, onPreview }: Props) {
  const tone = TONES[toneOf(STEP_CHOICES, step.type)];
  const bad = showErrors && Object.keys(errors).length > 0;
  return (
    <Card
      variant="outlined"
      data-testid={`step-${index + 1}`}
      data-type={step.type}
      className="step-card"
      sx={{
        borderRadius: 2,
        borderLeft: 4,
        borderLeftColor: bad ? "error.main" : tone.solid,
        outline: previewing ? `2px solid ${tone.solid}` : undefined,
      }}
    >
      <Box sx={{ display: "flex", alignItems: "center", gap: 1, px: 2, pt: 1.5, flexWrap: "wrap" }}>
        <Box
          sx={{
            width: 28,
            height: 28,
            borderRadius: "50%",
            bgcolor: tone.bg,
            color: tone.fg,
            display: "flex",
            alignItems: "center",
            justifyContent: "center",
            fontWeight: 700,
            fontSize: 14,
          }}
        >
          {index + 1}
        </Box>
        <TextField
          select
          size="small"
          value={step.type}
          onChange={(e) => onType(e.target.value as StepType)}
          slotProps={{ select: { native: true }, htmlInput: { "aria-label": "Step type", className: "step-type" } }}
          sx={{ width: 170 }}
        >
          {STEP_CHOICES.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </TextField>
        <Typography variant="body2" color="text.secondary" noWrap sx={{ flex: 1, minWidth: 0 }} className="step-summary">
          {stepSummary(step)}
        </Typography>
        {step.type === "email" && (
          <Tooltip title="Preview with a lead">
            <IconButton
              size="small"
              onClick={onPreview}
              aria-label="Preview this email"
              className="step-preview"
              color={previewing ? "primary" : "default"}
            >
              <PreviewIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        )}
        <Tooltip title="Move up">
          <span>
            <IconButton size="small" onClick={() => onMove(index - 1)} disabled={index === 0} aria-label="Move up" className="step-up">
              <UpIcon fontSize="small" />
            </IconButton>
          </span>
        </Tooltip>
        <Tooltip title="Move down">
          <span>
            <IconButton
              size="small"
              onClick={() => onMove(index + 1)}
              disabled={index === steps.length - 1}
              aria-label="Move down"
              className="step-down"
            >
              <DownIcon fontSize="small" />
            </IconButton>
          </span>
        </Tooltip>
        <Tooltip title="Remove this step">
          <IconButton size="small" onClick={onRemove} aria-label="Remove this step" className="step-remove">
            <RemoveIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      </Box>
      <Box sx={{ p: 2 }}>
        <StepFields step={step} index={index} steps={steps} errors={errors} showErrors={showErrors} onChange={onChange} />
      </Box>
    </Card>
  );
}

import Box from "@mui/material/Box";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { ConditionBuilder } from "../rules/ConditionBuilder.tsx";
import { ENGAGEMENT_FIELDS, asCondition, conditionErrors } from "../rules/conditionModel.ts";
import { DelayInput } from "./DelayInput.tsx";
import { type Step, stepSummary } from "./sequenceModel.ts";
import { TemplateVariables } from "./TemplateVariables.tsx";

interface Props {
  step: Step;
  index: number;
  steps: Step[];
  errors: Record<string, string>;
  /** Check-level messages show once a save was tried, as in the rules dialog. */
  showErrors: boolean;
  onChange: (patch: Partial<Step>) => void;
}

const str = (v: unknown) => (v == null ? "" : String(v));
const intOrNull = (v: string) => (v.trim() === "" ? null : Math.max(0, Math.floor(Number(v) || 0)));

/** The fields of one step, by its type. */
export function StepFields({ step, index, steps, errors, showErrors, onChange }: Props) {
  const err = (field: string) => (showErrors ? errors[field] : undefined);
  const text = (field: keyof Step, label: string, extra: { multiline?: boolean; rows?: number; helperText?: string } = {}) => (
    <TextField
      size="small"
      label={label}
      value={str(step[field])}
      onChange={(e) => onChange({ [field]: e.target.value })}
      error={Boolean(err(field))}
      helperText={err(field) ?? extra.helperText}
      multiline={extra.multiline}
      minRows={extra.rows}
      fullWidth
      slotProps={{ htmlInput: { name: `steps.${index}.${field}`, className: `step-${field}` } }}
    />
  );

  switch (step.type) {
    case "email":
      return (
        <Box sx={{ display: "flex", flexDirection: "column", gap: 1.5 }}>
          <DelayInput label="Send after" value={step.delay_minutes} onChange={(delay_minutes) => onChange({ delay_minutes })} />
          {text("subject", "Subject", {
            helperText: 'Liquid: {{ lead.first_name | default: "there" }}, {{ owner.name }}, {{ company.name }}',
          })}
          {text("body_text", "Plain text", { multiline: true, rows: 4, helperText: "Made from the HTML when left empty" })}
          {text("body_html", "HTML (optional)", {
            multiline: true,
            rows: 3,
            helperText: "Include {{ unsubscribe_url }} for the unsubscribe link",
          })}
          <TemplateVariables step={step} index={index} onChange={onChange} />
        </Box>
      );
    case "task":
      return (
        <Box sx={{ display: "flex", flexDirection: "column", gap: 1.5 }}>
          <DelayInput label="Create after" value={step.delay_minutes} onChange={(delay_minutes) => onChange({ delay_minutes })} />
          {text("task_title", "Task title")}
          {text("task_body", "Details", { multiline: true, rows: 2 })}
          <TextField
            type="number"
            size="small"
            label="Due in (hours)"
            value={str(step.task_due_hours)}
            onChange={(e) => onChange({ task_due_hours: intOrNull(e.target.value) })}
            error={Boolean(err("task_due_hours"))}
            helperText={err("task_due_hours") ?? "The lead's owner gets it"}
            slotProps={{ htmlInput: { min: 0, name: `steps.${index}.task_due_hours` } }}
            sx={{ width: 200 }}
          />
        </Box>
      );
    case "wait":
      return (
        <Box sx={{ display: "flex", flexDirection: "column", gap: 1.5 }}>
          <DelayInput label="Wait" value={step.delay_minutes} onChange={(delay_minutes) => onChange({ delay_minutes })} />
          <Box sx={{ display: "flex", gap: 1, flexWrap: "wrap" }}>
            <TextField
              type="number"
              size="small"
              label="then business days"
              value={str(step.business_days)}
              onChange={(e) => onChange({ business_days: intOrNull(e.target.value) })}
              error={Boolean(err("business_days"))}
              helperText={err("business_days") ?? "Monday to Friday"}
              slotProps={{ htmlInput: { min: 0, name: `steps.${index}.business_days`, className: "step-business_days" } }}
              sx={{ width: 180 }}
            />
            <TextField
              size="small"
              label="then until (HH:MM)"
              value={str(step.until_time)}
              placeholder="09:00"
              onChange={(e) => onChange({ until_time: e.target.value || null })}
              error={Boolean(err("until_time"))}
              helperText={err("until_time") ?? "In the lead's time zone"}
              slotProps={{ htmlInput: { name: `steps.${index}.until_time`, className: "step-until_time" } }}
              sx={{ width: 180 }}
            />
          </Box>
          {err("_") && (
            <Typography variant="caption" color="error">
              {err("_")}
            </Typography>
          )}
        </Box>
      );
    case "branch":
      return <BranchFields step={step} index={index} steps={steps} err={err} showErrors={showErrors} onChange={onChange} />;
    case "end":
      return (
        <Typography variant="body2" color="text.secondary">
          {stepSummary(step)}: the lead leaves the sequence here.
        </Typography>
      );
  }
}

function BranchFields({
  step,
  index,
  steps,
  err,
  showErrors,
  onChange,
}: Omit<Props, "errors"> & { err: (f: string) => string | undefined }) {
  const condition = asCondition(step.condition);
  // Jumps go forward only: the targets offered are the steps after this one.
  const later = steps.map((s, i) => ({ number: i + 1, s })).filter((x) => x.number > index + 1);
  const target = (field: "then_step" | "else_step", label: string) => (
    <TextField
      select
      size="small"
      label={label}
      value={str(step[field])}
      onChange={(e) => onChange({ [field]: e.target.value ? Number(e.target.value) : null })}
      error={Boolean(err(field))}
      helperText={err(field)}
      slotProps={{ select: { native: true }, htmlInput: { name: `steps.${index}.${field}` }, inputLabel: { shrink: true } }}
      sx={{ minWidth: 220 }}
    >
      <option value="">The next step</option>
      {later.map(({ number, s }) => (
        <option key={number} value={number}>
          Step {number}: {stepSummary(s).slice(0, 40)}
        </option>
      ))}
    </TextField>
  );
  return (
    <Box sx={{ display: "flex", flexDirection: "column", gap: 1.5 }}>
      <DelayInput label="Decide after" value={step.delay_minutes} onChange={(delay_minutes) => onChange({ delay_minutes })} />
      <ConditionBuilder
        value={condition}
        onChange={(next) => onChange({ condition: next })}
        errors={showErrors ? conditionErrors(condition) : {}}
        extraFields={ENGAGEMENT_FIELDS}
      />
      {err("condition") && (
        <Typography variant="caption" color="error">
          {err("condition")}
        </Typography>
      )}
      <Box sx={{ display: "flex", gap: 1, flexWrap: "wrap" }}>
        {target("then_step", "When it holds, go to")}
        {target("else_step", "Otherwise, go to")}
      </Box>
    </Box>
  );
}

import { useRef, useState } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Checkbox from "@mui/material/Checkbox";
import FormControlLabel from "@mui/material/FormControlLabel";
import IconButton from "@mui/material/IconButton";
import MenuItem from "@mui/material/MenuItem";
import TextField from "@mui/material/TextField";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import AddIcon from "@mui/icons-material/Add";
import ArrowUpIcon from "@mui/icons-material/ArrowUpward";
import ArrowDownIcon from "@mui/icons-material/ArrowDownward";
import DeleteIcon from "@mui/icons-material/DeleteOutlined";
import { useInput } from "react-admin";
import { useWatch } from "react-hook-form";
import { MappingTargetInput } from "../../components/MappingTargetInput.tsx";
import {
  FORM_FIELD_TYPES,
  type FormFieldDef,
  type FormFieldType,
  formFieldProblems,
  moveField,
  newField,
  optionsFromText,
  removeField,
  updateField,
} from "./formModel.ts";

let nextKey = 0;
const freshKey = () => `f${++nextKey}`;

function OptionsEditor({ options, onChange }: { options: string[] | undefined; onChange: (options: string[]) => void }) {
  // The text is kept as typed: re-deriving it from the parsed list would eat a newline the moment it is typed.
  const [text, setText] = useState(() => (options ?? []).join("\n"));
  return (
    <TextField
      size="small"
      label="Options (one per line)"
      value={text}
      multiline
      minRows={2}
      fullWidth
      onChange={(e) => {
        setText(e.target.value);
        onChange(optionsFromText(e.target.value));
      }}
      slotProps={{ htmlInput: { "aria-label": "Options" } }}
    />
  );
}

function FieldRow({
  field,
  index,
  count,
  onChange,
  onMove,
  onRemove,
}: {
  field: FormFieldDef;
  index: number;
  count: number;
  onChange: (patch: Partial<FormFieldDef>) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  return (
    <Box
      className="form-field-row"
      data-testid="form-field-row"
      sx={{ display: "flex", gap: 1, p: 1.5, pr: 0.5, border: "1px solid #e2e8f0", borderRadius: 2, bgcolor: "#fcfdff" }}
    >
      <Typography
        variant="caption"
        color="text.secondary"
        sx={{ pt: 1, width: 18, textAlign: "right", flexShrink: 0, fontVariantNumeric: "tabular-nums" }}
      >
        {index + 1}
      </Typography>
      <Box
        sx={{
          flex: 1,
          minWidth: 0,
          display: "grid",
          gap: 1.25,
          gridTemplateColumns: { xs: "1fr", md: "minmax(0, 3fr) minmax(0, 2fr) 130px" },
        }}
      >
        <TextField
          size="small"
          label="Label"
          value={field.label ?? ""}
          onChange={(e) => onChange({ label: e.target.value })}
          slotProps={{ htmlInput: { "aria-label": "Field label", maxLength: 200 } }}
        />
        <TextField
          size="small"
          label="Name"
          value={field.name}
          onChange={(e) => onChange({ name: e.target.value })}
          slotProps={{ htmlInput: { "aria-label": "Field name", maxLength: 100, style: { fontFamily: "monospace", fontSize: 13 } } }}
        />
        <TextField
          size="small"
          select
          label="Type"
          value={field.type ?? "text"}
          onChange={(e) => onChange({ type: e.target.value as FormFieldType })}
          slotProps={{ htmlInput: { "aria-label": "Field type" } }}
        >
          {FORM_FIELD_TYPES.map((t) => (
            <MenuItem key={t.id} value={t.id}>
              {t.name}
            </MenuItem>
          ))}
        </TextField>
        <Box sx={{ gridColumn: { md: "1 / 3" } }}>
          <MappingTargetInput value={field.maps_to} onChange={(maps_to) => onChange({ maps_to })} ariaLabel="Maps to lead field" />
        </Box>
        <FormControlLabel
          sx={{ alignSelf: "start", mt: 0.25 }}
          control={<Checkbox size="small" checked={field.required === true} onChange={(e) => onChange({ required: e.target.checked })} />}
          label="Required"
        />
        {field.type === "select" && (
          <Box sx={{ gridColumn: "1 / -1" }}>
            <OptionsEditor options={field.options} onChange={(options) => onChange({ options })} />
          </Box>
        )}
      </Box>
      <Box sx={{ display: "flex", flexDirection: "column", flexShrink: 0 }}>
        <Tooltip title="Move up">
          <span>
            <IconButton size="small" aria-label="Move up" disabled={index === 0} onClick={() => onMove(-1)}>
              <ArrowUpIcon fontSize="small" />
            </IconButton>
          </span>
        </Tooltip>
        <Tooltip title="Move down">
          <span>
            <IconButton size="small" aria-label="Move down" disabled={index === count - 1} onClick={() => onMove(1)}>
              <ArrowDownIcon fontSize="small" />
            </IconButton>
          </span>
        </Tooltip>
        <Tooltip title="Remove field">
          <IconButton size="small" aria-label="Remove field" onClick={onRemove}>
            <DeleteIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      </Box>
    </Box>
  );
}

/** The builder's field list, bound to the form's `fields` value: add, edit, reorder, remove. */
export function FormFieldsInput() {
  const honeypot = useWatch({ name: "honeypot_field" }) as string | null | undefined;
  const { field } = useInput<FormFieldDef[]>({
    source: "fields",
    validate: (value: FormFieldDef[] | undefined, values: Record<string, unknown>) =>
      formFieldProblems(value, values?.honeypot_field as string | null)[0],
  });
  const fields: FormFieldDef[] = Array.isArray(field.value) ? field.value : [];
  // Stable row keys: a row's own state (its options text) must move with it when rows are reordered.
  const keys = useRef<string[]>([]);
  while (keys.current.length < fields.length) keys.current.push(freshKey());
  keys.current.length = fields.length;

  const set = (next: FormFieldDef[]) => field.onChange(next);
  const problems = formFieldProblems(fields, honeypot);
  return (
    <Box sx={{ display: "flex", flexDirection: "column", gap: 1.25 }} data-testid="form-fields">
      {fields.length === 0 && (
        <Alert severity="info">No fields: the hosted form shows the default set (name, email, mobile, company, message).</Alert>
      )}
      {fields.map((f, i) => (
        <FieldRow
          key={keys.current[i]}
          field={f}
          index={i}
          count={fields.length}
          onChange={(patch) => set(updateField(fields, i, patch))}
          onMove={(delta) => {
            keys.current = moveField(keys.current, i, delta);
            set(moveField(fields, i, delta));
          }}
          onRemove={() => {
            keys.current = removeField(keys.current, i);
            set(removeField(fields, i));
          }}
        />
      ))}
      {problems.length > 0 && (
        <Alert severity="warning" data-testid="form-field-problems">
          {problems.map((p) => (
            <div key={p}>{p}</div>
          ))}
        </Alert>
      )}
      <Box>
        <Button
          startIcon={<AddIcon />}
          onClick={() => set([...fields, newField(fields)])}
          data-testid="add-form-field"
          disabled={fields.length >= 100}
        >
          Add field
        </Button>
      </Box>
    </Box>
  );
}

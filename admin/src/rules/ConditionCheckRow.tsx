import Autocomplete, { createFilterOptions } from "@mui/material/Autocomplete";
import Box from "@mui/material/Box";
import IconButton from "@mui/material/IconButton";
import TextField from "@mui/material/TextField";
import Tooltip from "@mui/material/Tooltip";
import RemoveIcon from "@mui/icons-material/CloseOutlined";
import {
  type Check,
  CONDITION_FIELDS,
  type ConditionField,
  type Op,
  changeField,
  changeOp,
  fieldFromInput,
  fieldInfo,
  opsFor,
} from "./conditionModel.ts";
import { ConditionValueInput } from "./ConditionValueInput.tsx";

const filter = createFilterOptions<ConditionField>({ stringify: (o) => `${o.label} ${o.id}` });

/** One check: field, operator, value, and a button to drop it. */
export function ConditionCheckRow({
  check,
  testId,
  error,
  disabled,
  extraFields = [],
  onChange,
  onRemove,
}: {
  check: Check;
  testId: string;
  error?: string;
  disabled?: boolean;
  extraFields?: readonly ConditionField[];
  onChange: (check: Check) => void;
  onRemove: () => void;
}) {
  const info = fieldInfo(check.field);
  return (
    <Box
      data-testid={testId}
      className="cond-check"
      sx={{ display: "flex", gap: 1, alignItems: "flex-start", flexWrap: { xs: "wrap", md: "nowrap" } }}
    >
      <Autocomplete<ConditionField, false, true, true>
        freeSolo
        autoSelect
        disableClearable
        size="small"
        className="cond-field"
        options={[...CONDITION_FIELDS, ...extraFields]}
        groupBy={(o) => o.group}
        filterOptions={filter}
        getOptionLabel={(o) => (typeof o === "string" ? o : o.label)}
        isOptionEqualToValue={(o, v) => o.id === (typeof v === "string" ? v : v.id)}
        value={info}
        onChange={(_, v) => {
          const id = typeof v === "string" ? fieldFromInput(v) : v.id;
          if (id && id !== check.field) onChange(changeField(check, id));
        }}
        disabled={disabled}
        sx={{ width: 220, flexShrink: 0 }}
        renderInput={(params) => (
          <TextField
            {...params}
            variant="outlined"
            placeholder="Field"
            error={Boolean(error) && !info.id}
            slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, "aria-label": "Field" } }}
          />
        )}
      />
      <TextField
        select
        variant="outlined"
        size="small"
        className="cond-op"
        value={check.op}
        onChange={(e) => onChange(changeOp(check, e.target.value as Op))}
        disabled={disabled}
        slotProps={{ select: { native: true }, htmlInput: { "aria-label": "Operator" } }}
        sx={{ width: 170, flexShrink: 0 }}
      >
        {opsFor(check.field).map(({ op, label }) => (
          <option key={op} value={op}>
            {label}
          </option>
        ))}
      </TextField>
      <Box sx={{ flex: 1, minWidth: 160, display: "flex", flexDirection: "column" }}>
        <ConditionValueInput check={check} onChange={(value) => onChange({ ...check, value })} error={Boolean(error)} disabled={disabled} />
        {error && (
          <Box component="span" className="cond-error" sx={{ color: "error.main", fontSize: 12, mt: 0.25 }}>
            {error}
          </Box>
        )}
      </Box>
      <Tooltip title="Remove this check">
        <span>
          <IconButton size="small" onClick={onRemove} disabled={disabled} aria-label="Remove this check" sx={{ mt: 0.25 }}>
            <RemoveIcon fontSize="small" />
          </IconButton>
        </span>
      </Tooltip>
    </Box>
  );
}

import { useState } from "react";
import Autocomplete from "@mui/material/Autocomplete";
import Box from "@mui/material/Box";
import Chip from "@mui/material/Chip";
import TextField from "@mui/material/TextField";
import { type Check, type Scalar, fieldInfo, valueShape } from "./conditionModel.ts";

const text = (v: unknown) => (v === null || v === undefined ? "" : String(v));

/**
 * The value part of a check: nothing for "is empty", chips for "is any of", yes/no for a flag, a
 * free text (with suggestions when the field has known values) otherwise. Values stay as typed;
 * the rule dialog types them (numbers, yes/no) when it saves.
 */
export function ConditionValueInput({
  check,
  onChange,
  error,
  disabled,
}: {
  check: Check;
  onChange: (value: Scalar | Scalar[]) => void;
  error?: boolean;
  disabled?: boolean;
}) {
  const info = fieldInfo(check.field);
  const shape = valueShape(check.op);
  if (shape === "none") return <Box className="cond-value" sx={{ flex: 1 }} />;
  if (shape === "list")
    return (
      <ChipsInput
        values={Array.isArray(check.value) ? check.value.map(text) : []}
        options={info.choices ?? []}
        onChange={onChange}
        error={error}
        disabled={disabled}
      />
    );
  if (info.kind === "boolean") {
    return (
      <TextField
        select
        variant="outlined"
        size="small"
        className="cond-value"
        value={check.value === false || check.value === "false" ? "false" : "true"}
        onChange={(e) => onChange(e.target.value === "true")}
        disabled={disabled}
        slotProps={{ select: { native: true }, htmlInput: { "aria-label": "Value" } }}
        sx={{ flex: 1, minWidth: 120 }}
      >
        <option value="true">yes</option>
        <option value="false">no</option>
      </TextField>
    );
  }
  if (info.choices) {
    return (
      <Autocomplete
        freeSolo
        autoSelect
        size="small"
        className="cond-value"
        options={[...info.choices]}
        value={text(check.value)}
        onChange={(_, v) => onChange(v ?? "")}
        onInputChange={(_, v, reason) => reason === "input" && onChange(v)}
        disabled={disabled}
        sx={{ flex: 1, minWidth: 160 }}
        renderInput={(params) => (
          <TextField
            {...params}
            variant="outlined"
            placeholder="Value"
            error={error}
            slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, "aria-label": "Value" } }}
          />
        )}
      />
    );
  }
  return (
    <TextField
      variant="outlined"
      size="small"
      className="cond-value"
      value={text(check.value)}
      placeholder={info.kind === "number" ? "Number" : "Value"}
      onChange={(e) => onChange(e.target.value)}
      error={error}
      disabled={disabled}
      slotProps={{ htmlInput: { "aria-label": "Value", inputMode: info.kind === "number" ? "decimal" : "text" } }}
      sx={{ flex: 1, minWidth: 160 }}
    />
  );
}

/** A list of values as chips: Enter, a comma or leaving the box adds what was typed; pasted "a, b, c" gives three. */
function ChipsInput({
  values,
  options,
  onChange,
  error,
  disabled,
}: {
  values: string[];
  options: readonly string[];
  onChange: (v: string[]) => void;
  error?: boolean;
  disabled?: boolean;
}) {
  const [input, setInput] = useState("");
  const add = (items: string[]) => onChange([...new Set([...values, ...items.map((i) => i.trim()).filter(Boolean)])]);
  return (
    <Autocomplete
      multiple
      freeSolo
      autoSelect
      size="small"
      className="cond-value cond-chips"
      options={options.filter((o) => !values.includes(o))}
      value={values}
      inputValue={input}
      onChange={(_, v) => onChange([...new Set(v.map((x) => String(x).trim()).filter(Boolean))])}
      onInputChange={(_, v, reason) => {
        if (reason === "input" && v.includes(",")) {
          const parts = v.split(",");
          add(parts.slice(0, -1));
          setInput(parts[parts.length - 1]);
        } else setInput(reason === "reset" ? "" : v);
      }}
      disabled={disabled}
      sx={{ flex: 1, minWidth: 200 }}
      renderValue={(items, getItemProps) =>
        items.map((item, index) => {
          const { key, ...props } = getItemProps({ index });
          return <Chip key={key} label={item} size="small" {...props} />;
        })
      }
      renderInput={(params) => (
        <TextField
          {...params}
          variant="outlined"
          placeholder={values.length ? "" : "Type a value, then Enter"}
          error={error}
          slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, "aria-label": "Values" } }}
        />
      )}
    />
  );
}

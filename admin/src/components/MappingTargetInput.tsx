import Autocomplete, { createFilterOptions } from "@mui/material/Autocomplete";
import Box from "@mui/material/Box";
import TextField from "@mui/material/TextField";
import { CUSTOM_PREFIX, LEAD_FIELD_TARGETS, type MappingTarget, isValidMappingTarget, mappingTargetLabel } from "./mappingTargetModel.ts";

const filter = createFilterOptions<MappingTarget>({ stringify: (o) => `${o.name} ${o.id}` });

/**
 * Picks the lead field a sender's value lands in: a canonical field from the list, or a typed
 * `custom_fields.<name>`. A plain string in, a plain string out.
 */
export function MappingTargetInput({
  value,
  onChange,
  label = "Maps to",
  ariaLabel,
  size = "small",
}: {
  value: string | undefined;
  onChange: (value: string) => void;
  label?: string;
  ariaLabel?: string;
  size?: "small" | "medium";
}) {
  const current = value ?? "";
  const invalid = current.trim() !== "" && !isValidMappingTarget(current);
  return (
    <Autocomplete<MappingTarget, false, false, true>
      freeSolo
      size={size === "small" ? "small" : undefined}
      options={LEAD_FIELD_TARGETS as MappingTarget[]}
      groupBy={(o) => o.group}
      filterOptions={filter}
      getOptionLabel={(o) => (typeof o === "string" ? o : o.id)}
      isOptionEqualToValue={(o, v) => o.id === (typeof v === "string" ? v : v.id)}
      value={current || null}
      inputValue={current}
      onChange={(_, v) => onChange(typeof v === "string" ? v : (v?.id ?? ""))}
      onInputChange={(_, v, reason) => {
        if (reason === "input" || reason === "clear") onChange(v);
      }}
      renderOption={(props, o) => {
        const { key, ...rest } = props;
        return (
          <Box component="li" key={key} {...rest} sx={{ display: "flex", justifyContent: "space-between", gap: 2 }}>
            <span>{o.name}</span>
            <Box component="code" sx={{ color: "text.secondary", fontSize: 12 }}>
              {o.id}
            </Box>
          </Box>
        );
      }}
      renderInput={(params) => (
        <TextField
          {...params}
          label={label}
          error={invalid}
          helperText={
            invalid
              ? "Not a lead field: pick one, or type custom_fields.<name>"
              : current.startsWith(CUSTOM_PREFIX)
                ? mappingTargetLabel(current)
                : undefined
          }
          slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, "aria-label": ariaLabel ?? label } }}
        />
      )}
    />
  );
}

import Box from "@mui/material/Box";
import TextField from "@mui/material/TextField";
import { LEAD_FIELD_TARGETS } from "../../components/mappingTargetModel.ts";
import { SKIP, UNMAPPED, customNameFor, customNameOf, customTarget, targetChoice } from "./mappingModel.ts";

/** The select's value for "custom field": the target itself carries the name typed beside it. */
const CUSTOM = "custom_fields.";

const GROUPS = [...new Set(LEAD_FIELD_TARGETS.map((t) => t.group))];

/**
 * Where one column goes: a lead field (grouped as on the lead page), a custom field named in the
 * text box beside it, skip, or "not mapped" (the Options step decides). A native select: a file
 * can have a hundred columns, and it is quick to use from the keyboard.
 */
export function MappingTargetSelect({
  header,
  target,
  error,
  onChange,
}: {
  header: string;
  target: string;
  error?: string;
  onChange: (target: string) => void;
}) {
  const choice = targetChoice(target);
  const known = choice !== "field" || LEAD_FIELD_TARGETS.some((t) => t.id === target);
  const value = choice === "custom" ? CUSTOM : target;
  const pick = (next: string) => onChange(next === CUSTOM ? customTarget(customNameOf(target) || customNameFor(header)) : next);
  return (
    <Box sx={{ display: "flex", gap: 1, alignItems: "flex-start" }}>
      <TextField
        select
        size="small"
        value={value}
        onChange={(e) => pick(e.target.value)}
        slotProps={{
          select: { native: true },
          htmlInput: { "aria-label": `Maps to, for ${header}`, "data-header": header, className: "mapping-select" },
        }}
        error={Boolean(error) && choice !== "custom"}
        helperText={choice !== "custom" ? error : undefined}
        sx={{ minWidth: 220 }}
      >
        <option value={UNMAPPED}>— Not mapped (see Options) —</option>
        <option value={SKIP}>Skip this column</option>
        <option value={CUSTOM}>Custom field…</option>
        {!known && <option value={target}>{target}</option>}
        {GROUPS.map((group) => (
          <optgroup key={group} label={`Lead fields: ${group}`}>
            {LEAD_FIELD_TARGETS.filter((t) => t.group === group).map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </optgroup>
        ))}
      </TextField>
      {choice === "custom" && (
        <TextField
          size="small"
          label="Custom field name"
          value={customNameOf(target)}
          onChange={(e) => onChange(customTarget(e.target.value))}
          error={Boolean(error)}
          helperText={error}
          slotProps={{ htmlInput: { "aria-label": `Custom field name, for ${header}`, className: "custom-name" } }}
          sx={{ minWidth: 180 }}
        />
      )}
    </Box>
  );
}

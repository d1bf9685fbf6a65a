import Box from "@mui/material/Box";
import FormControlLabel from "@mui/material/FormControlLabel";
import FormHelperText from "@mui/material/FormHelperText";
import Switch from "@mui/material/Switch";
import TextField from "@mui/material/TextField";
import { ValidationError, useInput } from "react-admin";
import { ConditionBuilder } from "../rules/ConditionBuilder.tsx";
import { asCondition, conditionErrors, emptyCondition } from "../rules/conditionModel.ts";
import { ENROL_TRIGGERS, type EnrolRule } from "./sequenceModel.ts";

/** "Enrol automatically": when (created, changed, both) and which leads, with the rules' condition builder. */
export function EnrolRuleInput({ source = "enrol_rule" }: { source?: string }) {
  const { field, fieldState, formState } = useInput({ source });
  // react-admin hands an unset input over as "": only an object is a rule.
  const rule = field.value && typeof field.value === "object" ? (field.value as EnrolRule) : null;
  const showErrors = formState.submitCount > 0;
  const condition = asCondition(rule?.condition);
  return (
    <Box sx={{ width: "100%", maxWidth: 900 }} data-testid="enrol-rule">
      <FormControlLabel
        control={
          <Switch
            checked={rule !== null}
            onChange={(e) => field.onChange(e.target.checked ? { trigger: "created", condition: emptyCondition() } : null)}
            name="enrol_rule_on"
          />
        }
        label="Enrol leads automatically"
      />
      {rule && (
        <Box sx={{ display: "flex", flexDirection: "column", gap: 1.5, mt: 1 }}>
          <TextField
            select
            size="small"
            label="When"
            value={rule.trigger}
            onChange={(e) => field.onChange({ ...rule, trigger: e.target.value })}
            slotProps={{ select: { native: true }, htmlInput: { name: "enrol_rule.trigger" } }}
            sx={{ maxWidth: 360 }}
          >
            {ENROL_TRIGGERS.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </TextField>
          <ConditionBuilder
            value={condition}
            onChange={(next) => field.onChange({ ...rule, condition: next })}
            errors={showErrors ? conditionErrors(condition) : {}}
          />
        </Box>
      )}
      {fieldState.error?.message && showErrors && (
        <FormHelperText error>
          <ValidationError error={fieldState.error.message} />
        </FormHelperText>
      )}
    </Box>
  );
}

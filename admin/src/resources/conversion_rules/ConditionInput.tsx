import Box from "@mui/material/Box";
import FormHelperText from "@mui/material/FormHelperText";
import { ValidationError, useInput } from "react-admin";
import { ConditionBuilder } from "../../rules/ConditionBuilder.tsx";
import { RuleTestPanel } from "../../rules/RuleTestPanel.tsx";
import { asCondition, conditionErrors } from "../../rules/conditionModel.ts";

/** The rules console's condition builder as a form input, with its test against a lead. */
export function ConditionInput({ source }: { source: string }) {
  const { field, fieldState, formState } = useInput({ source });
  const condition = asCondition(field.value);
  const errors = conditionErrors(condition);
  // Check-level messages show once the person has tried to save, as in the rule dialog.
  const shown = formState.submitCount > 0 ? errors : {};
  return (
    <Box sx={{ width: "100%", maxWidth: 900 }} data-testid="conversion-condition">
      <ConditionBuilder value={condition} onChange={(next) => field.onChange(next)} errors={shown} />
      {/* react-admin hands form-level errors over as message objects; ValidationError renders them. */}
      {fieldState.error?.message && formState.submitCount > 0 && (
        <FormHelperText error className="condition-error">
          <ValidationError error={fieldState.error.message} />
        </FormHelperText>
      )}
      <Box sx={{ mt: 2 }}>
        <RuleTestPanel condition={condition} valid={Object.keys(errors).length === 0} />
      </Box>
    </Box>
  );
}

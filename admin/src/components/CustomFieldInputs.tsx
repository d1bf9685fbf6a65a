import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import { BooleanInput, DateInput, NumberInput, SelectInput, TextInput, required, useGetList } from "react-admin";
import {
  type CustomFieldDefinition,
  type CustomFieldRecordType,
  type CustomInputProps,
  customInputProps,
  sortDefinitions,
} from "../resources/custom_field_definitions/customFieldModel.ts";

/** The tenant's definitions for one record type, in their order (cached per type by react-query). */
export function useCustomFieldDefinitions(recordType: CustomFieldRecordType) {
  const { data, isPending, error } = useGetList<CustomFieldDefinition>("custom_field_definitions", {
    filter: { record_type: recordType },
    sort: { field: "position", order: "ASC" },
    pagination: { page: 1, perPage: 200 },
  });
  return { definitions: data ? sortDefinitions(data) : [], isPending, error };
}

function CustomInput({ props }: { props: CustomInputProps }) {
  const common = {
    source: props.source,
    label: props.label,
    helperText: props.helperText,
    fullWidth: true,
    // Input-level validators only run in forms without a form-level `validate` (the lead form has one;
    // there the API's 422 names the field instead).
    validate: props.requiredMessage ? required(props.requiredMessage) : undefined,
  };
  switch (props.kind) {
    case "number":
      return <NumberInput {...common} />;
    case "date":
      return <DateInput {...common} />;
    case "boolean":
      return <BooleanInput {...common} />;
    case "select":
      return <SelectInput {...common} choices={props.choices ?? []} emptyText="—" />;
    default:
      return <TextInput {...common} />;
  }
}

/** The tenant's custom fields for a record type as react-admin inputs bound to `custom_fields.<name>`. */
export function CustomFieldInputs({ recordType, title = "Custom fields" }: { recordType: CustomFieldRecordType; title?: string | false }) {
  const { definitions } = useCustomFieldDefinitions(recordType);
  if (!definitions.length) return null;
  return (
    <Box sx={{ width: "100%", maxWidth: 900 }} data-testid="custom-field-inputs">
      {title && (
        <Typography variant="overline" color="text.secondary" component="h3" sx={{ mt: 1 }}>
          {title}
        </Typography>
      )}
      <Box sx={{ display: "grid", gridTemplateColumns: { xs: "1fr", md: "1fr 1fr" }, columnGap: 2 }}>
        {definitions.map((def) => (
          <CustomInput key={def.id} props={customInputProps(def)} />
        ))}
      </Box>
    </Box>
  );
}

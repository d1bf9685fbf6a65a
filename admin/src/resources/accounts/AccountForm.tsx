import Box from "@mui/material/Box";
import { CustomFieldInputs } from "../../components/CustomFieldInputs.tsx";
import { AutocompleteInput, BooleanInput, NumberInput, ReferenceInput, SelectInput, SimpleForm, TextInput, required } from "react-admin";
import { ACCOUNT_TYPES } from "./accountModel.ts";

const half = { fullWidth: true, helperText: false as const };

/** Create and edit share one form; a bad GSTIN comes back from the API as a 422 shown under its field. */
export function AccountForm() {
  return (
    <SimpleForm warnWhenUnsavedChanges>
      <Box sx={{ display: "grid", gridTemplateColumns: { xs: "1fr", md: "1fr 1fr" }, columnGap: 2, width: "100%", maxWidth: 900 }}>
        <TextInput source="name" validate={required()} {...half} />
        <SelectInput source="type" choices={[...ACCOUNT_TYPES]} {...half} />
        <TextInput source="gstin" label="GSTIN" fullWidth helperText="15 characters, e.g. 27AAPFU0939F1ZV" />
        <TextInput source="industry" {...half} />
        <TextInput source="company_size" label="Company size" {...half} />
        <NumberInput source="annual_revenue" label="Annual revenue" min={0} {...half} />
        <TextInput source="currency" {...half} />
        <TextInput source="website" {...half} />
        <TextInput source="email_domain" label="Email domain" {...half} />
        <TextInput source="phone" {...half} />
        <Box sx={{ gridColumn: "1 / -1" }}>
          <TextInput source="address" multiline {...half} />
        </Box>
        <TextInput source="city" {...half} />
        <TextInput source="state" {...half} />
        <TextInput source="country" {...half} />
        <TextInput source="postal_code" label="PIN / postal code" {...half} />
        <ReferenceInput source="owner_id" reference="users">
          <AutocompleteInput label="Owner" optionText="name" {...half} />
        </ReferenceInput>
        <TextInput source="lifecycle_stage" label="Lifecycle stage" {...half} />
        <BooleanInput source="is_active" label="Active" helperText={false} />
      </Box>
      <CustomFieldInputs recordType="account" />
    </SimpleForm>
  );
}

import Box from "@mui/material/Box";
import { CustomFieldInputs } from "../../components/CustomFieldInputs.tsx";
import {
  AutocompleteInput,
  Create,
  DateInput,
  Edit,
  NumberInput,
  ReferenceInput,
  SelectInput,
  ShowButton,
  SimpleForm,
  TextInput,
  TopToolbar,
  required,
} from "react-admin";
import { FORECAST_CATEGORIES, editPayload } from "./opportunityModel.ts";

const half = { fullWidth: true, helperText: false as const };

/** A stage change here is a move like a drag on the board: the API may refuse it (open required tasks). */
function OpportunityForm() {
  return (
    <SimpleForm warnWhenUnsavedChanges>
      <Box sx={{ display: "grid", gridTemplateColumns: { xs: "1fr", md: "1fr 1fr" }, columnGap: 2, width: "100%", maxWidth: 900 }}>
        <Box sx={{ gridColumn: "1 / -1" }}>
          <TextInput source="name" validate={required()} {...half} />
        </Box>
        <NumberInput source="value" min={0} {...half} />
        <TextInput source="currency" {...half} />
        <ReferenceInput source="stage_id" reference="pipeline_stages" sort={{ field: "position", order: "ASC" }}>
          <SelectInput label="Stage" optionText="name" {...half} />
        </ReferenceInput>
        <NumberInput
          source="probability"
          label="Probability %"
          min={0}
          max={100}
          step={1}
          helperText="Set by the stage when left as it is"
          fullWidth
        />
        <SelectInput source="forecast_category" label="Forecast" choices={[...FORECAST_CATEGORIES]} {...half} />
        <DateInput source="expected_close" label="Expected close" {...half} />
        <ReferenceInput source="account_id" reference="accounts">
          <AutocompleteInput label="Account" optionText="name" {...half} />
        </ReferenceInput>
        <ReferenceInput source="primary_contact_id" reference="contacts">
          <AutocompleteInput label="Primary contact" {...half} />
        </ReferenceInput>
        <ReferenceInput source="owner_id" reference="users">
          <AutocompleteInput label="Owner" optionText="name" {...half} />
        </ReferenceInput>
        <TextInput source="loss_reason" label="Loss reason" {...half} />
      </Box>
      <CustomFieldInputs recordType="opportunity" />
    </SimpleForm>
  );
}

export function OpportunityEdit() {
  return (
    <Edit
      mutationMode="pessimistic"
      redirect="show"
      title="Edit deal"
      transform={(data, options) => editPayload(data, options?.previousData)}
      actions={
        <TopToolbar>
          <ShowButton />
        </TopToolbar>
      }
    >
      <OpportunityForm />
    </Edit>
  );
}

export function OpportunityCreate() {
  return (
    <Create redirect="show" title="New deal" record={{ currency: "INR", forecast_category: "pipeline" }}>
      <OpportunityForm />
    </Create>
  );
}

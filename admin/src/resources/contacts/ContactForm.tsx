import Box from "@mui/material/Box";
import { CustomFieldInputs } from "../../components/CustomFieldInputs.tsx";
import {
  AutocompleteInput,
  BooleanInput,
  Create,
  Edit,
  NumberInput,
  ReferenceInput,
  SelectInput,
  ShowButton,
  SimpleForm,
  TextInput,
  TopToolbar,
} from "react-admin";
import { CHANNELS, CONTACT_ROLES } from "./contactModel.ts";

const half = { fullWidth: true, helperText: false as const };

function ContactForm() {
  return (
    <SimpleForm warnWhenUnsavedChanges>
      <Box sx={{ display: "grid", gridTemplateColumns: { xs: "1fr", md: "1fr 1fr" }, columnGap: 2, width: "100%", maxWidth: 900 }}>
        <TextInput source="first_name" label="First name" {...half} />
        <TextInput source="last_name" label="Last name" {...half} />
        <ReferenceInput source="account_id" reference="accounts">
          <AutocompleteInput label="Account" optionText="name" {...half} />
        </ReferenceInput>
        <TextInput source="job_title" label="Job title" {...half} />
        <TextInput source="email" type="email" {...half} />
        <TextInput source="phone" {...half} />
        <SelectInput source="role" choices={[...CONTACT_ROLES]} emptyText="—" {...half} />
        <SelectInput source="preferred_channel" label="Preferred channel" choices={[...CHANNELS]} emptyText="—" {...half} />
        <NumberInput source="influence" label="Influence (0–10)" min={0} max={10} step={1} {...half} />
        <ReferenceInput source="owner_id" reference="users">
          <AutocompleteInput label="Owner" optionText="name" {...half} />
        </ReferenceInput>
        <BooleanInput source="is_primary" label="Primary contact of the account" helperText={false} />
      </Box>
      <CustomFieldInputs recordType="contact" />
    </SimpleForm>
  );
}

export function ContactEdit() {
  return (
    <Edit
      mutationMode="pessimistic"
      redirect="show"
      actions={
        <TopToolbar>
          <ShowButton />
        </TopToolbar>
      }
    >
      <ContactForm />
    </Edit>
  );
}

export function ContactCreate() {
  return (
    <Create redirect="show">
      <ContactForm />
    </Create>
  );
}

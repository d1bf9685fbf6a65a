import {
  AutocompleteInput,
  CreateButton,
  Datagrid,
  FilterButton,
  List,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TextField,
  TopToolbar,
} from "react-admin";
import { ChoiceChipField } from "../../components/ToneChip.tsx";
import { ExportCsvButton } from "../../components/ListActions.tsx";
import { ContactNameField } from "./ContactNameField.tsx";
import { CONTACT_ROLES } from "./contactModel.ts";

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Name, email, phone" />,
  <ReferenceInput key="account" source="account_id" reference="accounts">
    <AutocompleteInput label="Account" optionText="name" />
  </ReferenceInput>,
  <SelectInput key="role" source="role" choices={[...CONTACT_ROLES]} />,
];

export function ContactList() {
  return (
    <List
      filters={filters}
      sort={{ field: "created_at", order: "DESC" }}
      perPage={25}
      debounce={300}
      actions={
        <TopToolbar>
          <FilterButton />
          <CreateButton />
          <ExportCsvButton />
        </TopToolbar>
      }
    >
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <ContactNameField label="Name" sortBy="last_name" />
        <TextField source="job_title" label="Title" />
        <ReferenceField source="account_id" reference="accounts" link="show" label="Account" emptyText="—" />
        <ChoiceChipField source="role" choices={CONTACT_ROLES} label="Role" />
        <TextField source="email" />
        <TextField source="phone" />
      </Datagrid>
    </List>
  );
}

import {
  CreateButton,
  Datagrid,
  FilterButton,
  List,
  NumberField,
  ReferenceField,
  ReferenceInput,
  AutocompleteInput,
  SearchInput,
  SelectInput,
  TextField,
  TopToolbar,
} from "react-admin";
import { ChoiceChipField } from "../../components/ToneChip.tsx";
import { ExportCsvButton } from "../../components/ListActions.tsx";
import { ACCOUNT_TYPES } from "./accountModel.ts";
import { HealthField } from "./HealthField.tsx";

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Name, GSTIN, domain, city" />,
  <SelectInput key="type" source="type" choices={[...ACCOUNT_TYPES]} />,
  <ReferenceInput key="owner" source="owner_id" reference="users">
    <AutocompleteInput label="Owner" optionText="name" />
  </ReferenceInput>,
];

export function AccountList() {
  return (
    <List
      filters={filters}
      sort={{ field: "name", order: "ASC" }}
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
        <TextField source="name" sx={{ fontWeight: 600 }} />
        <ChoiceChipField source="type" choices={ACCOUNT_TYPES} label="Type" />
        <TextField source="industry" />
        <TextField source="city" />
        <TextField source="gstin" label="GSTIN" sx={{ fontFamily: "monospace", fontSize: 12 }} />
        <NumberField
          source="annual_revenue"
          label="Revenue"
          options={{ style: "currency", currency: "INR", maximumFractionDigits: 0 }}
          locales="en-IN"
        />
        <HealthField label="Health" sortBy="health_score" />
        <ReferenceField source="owner_id" reference="users" link={false} label="Owner" emptyText="—" />
      </Datagrid>
    </List>
  );
}

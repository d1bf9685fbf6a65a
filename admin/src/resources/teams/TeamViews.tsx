import {
  AutocompleteInput,
  BooleanField,
  BooleanInput,
  Create,
  Datagrid,
  Edit,
  EmailField,
  FunctionField,
  NumberField,
  List,
  ReferenceField,
  ReferenceInput,
  ReferenceManyField,
  SearchInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  required,
} from "react-admin";
import { ListActions } from "../../components/ListActions.tsx";
import { ChoiceChipField } from "../../components/ToneChip.tsx";
import { USER_ROLES, capacityLabel } from "../users/userModel.ts";
import { AvailabilityChip } from "../users/UserViews.tsx";

export function TeamList() {
  return (
    <List filters={[<SearchInput key="q" source="q" alwaysOn />]} sort={{ field: "name", order: "ASC" }} actions={<ListActions />}>
      <Datagrid rowClick="show">
        <TextField source="name" sx={{ fontWeight: 600 }} />
        <TextField source="description" emptyText="—" />
        <ReferenceField source="manager_id" reference="users" label="Manager" link={false} emptyText="—" />
        <BooleanField source="is_active" label="Active" />
      </Datagrid>
    </List>
  );
}

export function TeamShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="name" />
        <TextField source="description" emptyText="—" />
        <ReferenceField source="manager_id" reference="users" label="Manager" emptyText="—" />
        <BooleanField source="is_active" label="Active" />
        <ReferenceManyField reference="users" target="team_id" label="Members" sort={{ field: "name", order: "ASC" }}>
          <Datagrid rowClick="show" bulkActionButtons={false} empty={<span>No members yet</span>}>
            <TextField source="name" />
            <EmailField source="email" />
            <ChoiceChipField source="role" choices={USER_ROLES} label="Role" />
            <TextField source="territory" emptyText="—" />
            <NumberField source="weight" label="Weight" sortable={false} />
            <FunctionField label="Capacity" render={(r: { capacity?: number | null }) => capacityLabel(r.capacity)} />
            <FunctionField
              label="Availability"
              render={(r: { out_of_office?: boolean; is_active?: boolean; working_hours?: unknown }) => <AvailabilityChip user={r} />}
            />
          </Datagrid>
        </ReferenceManyField>
      </SimpleShowLayout>
    </Show>
  );
}

function TeamForm() {
  return (
    <SimpleForm sx={{ maxWidth: 600 }}>
      <TextInput source="name" validate={required()} fullWidth />
      <TextInput source="description" multiline minRows={2} fullWidth />
      <ReferenceInput source="manager_id" reference="users" filter={{ role: ["admin", "manager"] }}>
        <AutocompleteInput label="Manager" optionText="name" fullWidth />
      </ReferenceInput>
      <BooleanInput source="is_active" label="Active" />
    </SimpleForm>
  );
}

export function TeamEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="show">
      <TeamForm />
    </Edit>
  );
}

export function TeamCreate() {
  return (
    <Create redirect="show" record={{ is_active: true }}>
      <TeamForm />
    </Create>
  );
}

import {
  BooleanField,
  BooleanInput,
  Create,
  Datagrid,
  Edit,
  EmailField,
  FunctionField,
  List,
  NumberField,
  NumberInput,
  PasswordInput,
  ReferenceField,
  ReferenceInput,
  AutocompleteInput,
  SearchInput,
  SelectInput,
  Show,
  EditButton,
  TopToolbar,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  email,
  required,
} from "react-admin";
import Box from "@mui/material/Box";
import { ListActions } from "../../components/ListActions.tsx";
import { ChoiceChipField, ToneChip } from "../../components/ToneChip.tsx";
import { NOTIFY_CHOICES, TIME_ZONES, USER_ROLES, capacityLabel, validatePassword } from "./userModel.ts";
import { WorkingHoursInput } from "./WorkingHoursInput.tsx";
import { EndSessionsButton } from "../../auth/EndSessionsButton.tsx";
import { weekFromApi, weekSummary } from "./workingHoursModel.ts";
import { TenantDateField } from "../../components/TenantDateField.tsx";

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="role" source="role" choices={[...USER_ROLES]} alwaysOn />,
  <ReferenceInput key="team" source="team_id" reference="teams">
    <AutocompleteInput label="Team" optionText="name" />
  </ReferenceInput>,
  <SelectInput
    key="active"
    source="is_active"
    label="Active"
    choices={[
      { id: true, name: "Active" },
      { id: false, name: "Inactive" },
    ]}
  />,
];

type AvailabilityFacts = { out_of_office?: boolean; is_active?: boolean; working_hours?: unknown };

/** Whether assignment may give the user a lead: inactive and out of office say no; set hours say "sometimes". */
export function AvailabilityChip({ user }: { user: AvailabilityFacts }) {
  if (user.is_active === false) return <ToneChip label="Inactive" tone="grey" />;
  if (user.out_of_office) return <ToneChip label="Out of office" tone="amber" />;
  const week = weekFromApi(user.working_hours);
  return week ? (
    <span title={weekSummary(week)}>
      <ToneChip label="Set hours" tone="blue" />
    </span>
  ) : (
    <ToneChip label="Available" tone="green" />
  );
}

export function UserList() {
  return (
    <List filters={filters} sort={{ field: "name", order: "ASC" }} perPage={25} actions={<ListActions />}>
      <Datagrid rowClick="show">
        <TextField source="name" sx={{ fontWeight: 600 }} />
        <EmailField source="email" />
        <ChoiceChipField source="role" choices={USER_ROLES} label="Role" />
        <ReferenceField source="team_id" reference="teams" label="Team" link={false} emptyText="—" />
        <TextField source="territory" emptyText="—" />
        <FunctionField
          label="Capacity"
          sortBy="capacity"
          textAlign="right"
          render={(r: { capacity?: number | null }) => capacityLabel(r.capacity)}
        />
        <FunctionField label="Availability" sortBy="out_of_office" render={(r: AvailabilityFacts) => <AvailabilityChip user={r} />} />
        <TenantDateField source="last_login_at" label="Last login" showTime emptyText="Never" />
      </Datagrid>
    </List>
  );
}

export function UserShow() {
  return (
    <Show
      actions={
        <TopToolbar>
          <EndSessionsButton />
          <EditButton />
        </TopToolbar>
      }
    >
      <SimpleShowLayout>
        <TextField source="name" />
        <EmailField source="email" />
        <ChoiceChipField source="role" choices={USER_ROLES} label="Role" />
        <ReferenceField source="team_id" reference="teams" label="Team" emptyText="—" />
        <TextField source="territory" emptyText="—" />
        <FunctionField label="Capacity" render={(r: { capacity?: number | null }) => capacityLabel(r.capacity)} />
        <NumberField source="weight" label="Routing weight" />
        <TextField source="time_zone" emptyText="Tenant default" />
        <FunctionField label="Working hours" render={(r: { working_hours?: unknown }) => weekSummary(weekFromApi(r.working_hours))} />
        <BooleanField source="out_of_office" />
        <ChoiceChipField source="notify_new_leads" choices={NOTIFY_CHOICES} label="New lead emails" />
        <BooleanField source="is_active" label="Active" />
        <TenantDateField source="last_login_at" showTime emptyText="Never" />
        <TenantDateField source="created_at" showTime />
      </SimpleShowLayout>
    </Show>
  );
}

function UserFields({ creating }: { creating?: boolean }) {
  return (
    <Box sx={{ display: "grid", gridTemplateColumns: { xs: "1fr", md: "1fr 1fr" }, columnGap: 2, width: "100%", maxWidth: 760 }}>
      <TextInput source="name" validate={required()} />
      <TextInput source="email" type="email" validate={[required(), email()]} />
      {creating && <PasswordInput source="password" validate={[required(), validatePassword]} autoComplete="new-password" />}
      <SelectInput source="role" choices={[...USER_ROLES]} validate={required()} />
      <ReferenceInput source="team_id" reference="teams">
        <AutocompleteInput label="Team" optionText="name" />
      </ReferenceInput>
      <TextInput source="territory" helperText="Used by assignment rules, e.g. Maharashtra or South" />
      <NumberInput source="capacity" min={0} helperText="Most open leads at once; empty for no cap" />
      <NumberInput source="weight" min={0} max={100} helperText="Share of leads under weighted rules (0: none)" />
      <AutocompleteInput
        source="time_zone"
        choices={TIME_ZONES}
        emptyText="Tenant default"
        helperText="Working hours are read in this zone"
      />
      <SelectInput source="notify_new_leads" label="New lead emails" choices={[...NOTIFY_CHOICES]} validate={required()} />
      <Box>
        <BooleanInput source="out_of_office" helperText="Gets no new leads from team rules" />
        <BooleanInput source="is_active" label="Active" />
      </Box>
      <WorkingHoursInput />
    </Box>
  );
}

export function UserEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="show">
      <SimpleForm>
        <UserFields />
      </SimpleForm>
    </Edit>
  );
}

export function UserCreate() {
  return (
    <Create
      redirect="show"
      record={{
        role: "rep",
        weight: 1,
        is_active: true,
        out_of_office: false,
        time_zone: "Asia/Kolkata",
        notify_new_leads: "immediate",
        working_hours: null,
      }}
    >
      <SimpleForm>
        <UserFields creating />
      </SimpleForm>
    </Create>
  );
}

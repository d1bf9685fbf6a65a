import Typography from "@mui/material/Typography";
import { TenantDateField } from "../components/TenantDateField.tsx";
import {
  Create,
  Datagrid,
  usePermissions,
  DeleteButton,
  EmailField,
  List,
  ReferenceField,
  SelectInput,
  SimpleForm,
  TextInput,
  required,
} from "react-admin";
import type { Permissions } from "../auth/sessionModel.ts";
import { ChoiceChipField } from "../components/ToneChip.tsx";
import { ADDABLE_SUPPRESSION_REASONS, SUPPRESSION_REASONS } from "./settingsModel.ts";

const filters = [
  <TextInput key="q" source="q" label="Search" alwaysOn />,
  <SelectInput key="reason" source="reason" choices={[...SUPPRESSION_REASONS]} alwaysOn />,
];

/** Addresses no sequence may mail: unsubscribes and bounces land here by themselves, others are added by hand. */
export function SuppressionList() {
  const { permissions } = usePermissions<Permissions>();
  return (
    <List title="Suppressions" sort={{ field: "created_at", order: "DESC" }} filters={filters} exporter={false}>
      <Typography variant="body2" color="text.secondary" sx={{ px: 2, pt: 1.5 }}>
        No sequence mails these addresses. Removing one lets mail go to it again.
      </Typography>
      <Datagrid bulkActionButtons={false} data-testid="suppression-list">
        <EmailField source="email" />
        <ChoiceChipField source="reason" choices={SUPPRESSION_REASONS} />
        <ReferenceField source="lead_id" reference="leads" link="show" emptyText="—" />
        <TenantDateField source="created_at" label="Since" showTime />
        {/* Lifting one is for admins and managers (the API enforces it too). */}
        {permissions?.canManageUsers && (
          <DeleteButton
            mutationMode="pessimistic"
            confirmTitle="Remove this suppression?"
            confirmContent="Sequences may mail this address again."
          />
        )}
      </Datagrid>
    </List>
  );
}

export function SuppressionCreate() {
  return (
    <Create redirect="list" record={{ reason: "manual" }} title="Suppress an address">
      <SimpleForm>
        <TextInput source="email" type="email" validate={required()} fullWidth sx={{ maxWidth: 480 }} />
        <SelectInput source="reason" choices={[...ADDABLE_SUPPRESSION_REASONS]} validate={required()} />
        <TextInput source="note" multiline fullWidth sx={{ maxWidth: 480 }} />
      </SimpleForm>
    </Create>
  );
}

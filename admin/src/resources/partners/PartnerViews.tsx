import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import {
  BooleanField,
  BooleanInput,
  Datagrid,
  DateField,
  Edit,
  List,
  ReferenceField,
  ReferenceManyField,
  SearchInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  required,
} from "react-admin";
import { CopyButton } from "../../components/CopyButton.tsx";
import { JsonBlock } from "../../components/JsonBlock.tsx";
import { ChoiceChipField } from "../../components/ToneChip.tsx";
import { EVENT_OUTCOMES, EVENT_STATUSES } from "../inbound_events/inboundEventModel.ts";
import { ingestCurlExample } from "./partnerModel.ts";

export function PartnerList() {
  return (
    <List filters={[<SearchInput key="q" source="q" alwaysOn />]} sort={{ field: "name", order: "ASC" }}>
      <Datagrid rowClick="show">
        <TextField source="name" sx={{ fontWeight: 600 }} />
        <TextField source="description" emptyText="—" />
        <TextField source="default_source" label="Default source" emptyText="—" />
        <BooleanField source="is_active" label="Active" />
        <DateField source="last_delivery_at" label="Last delivery" showTime locales="en-IN" options={{ dateStyle: "medium", timeStyle: "short" }} emptyText="Never" />
        <DateField source="created_at" label="Created" locales="en-IN" options={{ dateStyle: "medium" }} />
      </Datagrid>
    </List>
  );
}

function IntegrationHelp() {
  const example = ingestCurlExample(window.location.origin);
  return (
    <Box sx={{ maxWidth: 760 }}>
      <Box sx={{ display: "flex", alignItems: "center", justifyContent: "space-between" }}>
        <Typography variant="subtitle2">Sending leads</Typography>
        <CopyButton value={example} label="Copy example" />
      </Box>
      <JsonBlock value={example} maxHeight={300} />
    </Box>
  );
}

export function PartnerShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="name" />
        <TextField source="description" emptyText="—" />
        <TextField source="default_source" emptyText="—" />
        <BooleanField source="is_active" label="Active" />
        <DateField source="last_delivery_at" showTime locales="en-IN" options={{ dateStyle: "medium", timeStyle: "short" }} emptyText="Never" />
        <DateField source="created_at" showTime locales="en-IN" options={{ dateStyle: "medium", timeStyle: "short" }} />
        <IntegrationHelp />
        <ReferenceManyField
          reference="inbound_events"
          target="partner_id"
          label="Recent deliveries"
          sort={{ field: "created_at", order: "DESC" }}
          perPage={10}
        >
          <Datagrid rowClick="show" bulkActionButtons={false} empty={<span>Nothing received yet</span>}>
            <DateField source="created_at" label="Received" showTime locales="en-IN" options={{ dateStyle: "medium", timeStyle: "short" }} />
            <ChoiceChipField source="status" choices={EVENT_STATUSES} label="Status" />
            <ChoiceChipField source="outcome" choices={EVENT_OUTCOMES} label="Outcome" />
            <ReferenceField source="lead_id" reference="leads" label="Lead" link="show" emptyText="—" />
          </Datagrid>
        </ReferenceManyField>
      </SimpleShowLayout>
    </Show>
  );
}

export function PartnerEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="show">
      <SimpleForm sx={{ maxWidth: 600 }}>
        <TextInput source="name" validate={required()} fullWidth />
        <TextInput source="description" multiline minRows={2} fullWidth />
        <TextInput source="default_source" helperText="Source set on leads from this partner when they send none" fullWidth />
        <BooleanInput source="is_active" label="Active (inactive partners' keys are refused)" />
      </SimpleForm>
    </Edit>
  );
}

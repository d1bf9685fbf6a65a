import {
  Datagrid,
  FunctionField,
  List,
  NumberField,
  ReferenceField,
  ReferenceInput,
  AutocompleteInput,
  SelectArrayInput,
  TextField,
  TextInput,
} from "react-admin";
import { ListActions } from "../../components/ListActions.tsx";
import { ChoiceChipField } from "../../components/ToneChip.tsx";
import { CHANNELS, EVENT_OUTCOMES, EVENT_STATUSES } from "./inboundEventModel.ts";
import { TenantDateField } from "../../components/TenantDateField.tsx";

const filters = [
  <SelectArrayInput key="channel" source="channel" choices={[...CHANNELS]} alwaysOn sx={{ minWidth: 160 }} />,
  <SelectArrayInput key="status" source="status" choices={[...EVENT_STATUSES]} alwaysOn sx={{ minWidth: 160 }} />,
  <SelectArrayInput key="outcome" source="outcome" choices={[...EVENT_OUTCOMES]} alwaysOn sx={{ minWidth: 160 }} />,
  <ReferenceInput key="partner" source="partner_id" reference="partners" alwaysOn>
    <AutocompleteInput label="Partner" optionText="name" sx={{ minWidth: 200 }} />
  </ReferenceInput>,
  <ReferenceInput key="form" source="form_id" reference="web_forms">
    <AutocompleteInput label="Web form" optionText="name" sx={{ minWidth: 200 }} />
  </ReferenceInput>,
  <TextInput key="format" source="format" label="Format" />,
  <TextInput key="key" source="idempotency_key" label="Idempotency key" />,
];

export function InboundEventList() {
  return (
    <List filters={filters} sort={{ field: "created_at", order: "DESC" }} perPage={25} title="Inbound events" actions={<ListActions />}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TenantDateField seconds source="created_at" label="Received" showTime />
        <ChoiceChipField source="channel" choices={CHANNELS} label="Channel" />
        <TextField source="format" />
        <FunctionField
          label="Sender"
          render={(record: { partner_id?: string | null; form_id?: string | null }) =>
            record.partner_id ? (
              <ReferenceField source="partner_id" reference="partners" link={false} />
            ) : record.form_id ? (
              <ReferenceField source="form_id" reference="web_forms" link={false} />
            ) : (
              "—"
            )
          }
        />
        <ChoiceChipField source="status" choices={EVENT_STATUSES} label="Status" />
        <ChoiceChipField source="outcome" choices={EVENT_OUTCOMES} label="Outcome" />
        <ReferenceField source="lead_id" reference="leads" label="Lead" link="show" emptyText="—" />
        <NumberField source="attempts" label="Tries" />
        <FunctionField
          label="Error"
          render={(record: { error?: { code?: string; message?: string } | string | null }) =>
            record.error ? (typeof record.error === "string" ? record.error : (record.error.code ?? record.error.message ?? "error")) : ""
          }
        />
      </Datagrid>
    </List>
  );
}

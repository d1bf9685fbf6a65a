import { BooleanField, Datagrid, List, SearchInput, TextField } from "react-admin";
import { ListActions } from "../../components/ListActions.tsx";
import { TenantDateField } from "../../components/TenantDateField.tsx";

export function PartnerList() {
  return (
    <List filters={[<SearchInput key="q" source="q" alwaysOn />]} sort={{ field: "name", order: "ASC" }} actions={<ListActions />}>
      <Datagrid rowClick="show">
        <TextField source="name" sx={{ fontWeight: 600 }} />
        <TextField source="description" emptyText="—" />
        <TextField source="default_source" label="Default source" emptyText="—" />
        <BooleanField source="is_active" label="Active" />
        <TenantDateField source="last_delivery_at" label="Last delivery" showTime emptyText="Never" />
        <TenantDateField source="created_at" label="Created" />
      </Datagrid>
    </List>
  );
}

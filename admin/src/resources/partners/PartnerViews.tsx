import { BooleanField, Datagrid, DateField, List, SearchInput, TextField } from "react-admin";
import { ListActions } from "../../components/ListActions.tsx";

export function PartnerList() {
  return (
    <List filters={[<SearchInput key="q" source="q" alwaysOn />]} sort={{ field: "name", order: "ASC" }} actions={<ListActions />}>
      <Datagrid rowClick="show">
        <TextField source="name" sx={{ fontWeight: 600 }} />
        <TextField source="description" emptyText="—" />
        <TextField source="default_source" label="Default source" emptyText="—" />
        <BooleanField source="is_active" label="Active" />
        <DateField
          source="last_delivery_at"
          label="Last delivery"
          showTime
          locales="en-IN"
          options={{ dateStyle: "medium", timeStyle: "short" }}
          emptyText="Never"
        />
        <DateField source="created_at" label="Created" locales="en-IN" options={{ dateStyle: "medium" }} />
      </Datagrid>
    </List>
  );
}

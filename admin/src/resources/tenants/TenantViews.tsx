import Alert from "@mui/material/Alert";
import {
  Create,
  Datagrid,
  Edit,
  List,
  PasswordInput,
  SearchInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  email,
  required,
} from "react-admin";
import { ListActions } from "../../components/ListActions.tsx";
import { validatePassword } from "../users/userModel.ts";
import { TenantDateField } from "../../components/TenantDateField.tsx";

// Platform admins only (the menu and the <Resource> are hidden for everyone else; the API enforces it).
export function TenantList() {
  return (
    <List filters={[<SearchInput key="q" source="q" alwaysOn />]} sort={{ field: "created_at", order: "DESC" }} actions={<ListActions />}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="name" sx={{ fontWeight: 600 }} />
        <TextField source="slug" sx={{ fontFamily: "monospace" }} />
        <TenantDateField source="created_at" label="Created" showTime />
      </Datagrid>
    </List>
  );
}

export function TenantShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="name" />
        <TextField source="slug" />
        <TextField source="id" label="Tenant id" sx={{ fontFamily: "monospace" }} />
        <TenantDateField source="created_at" showTime />
      </SimpleShowLayout>
    </Show>
  );
}

export function TenantEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="show">
      <SimpleForm sx={{ maxWidth: 600 }}>
        <TextInput source="name" validate={required()} fullWidth />
      </SimpleForm>
    </Edit>
  );
}

export function TenantCreate() {
  return (
    <Create redirect="list" title="New tenant">
      <SimpleForm sx={{ maxWidth: 600 }}>
        <Alert severity="info" sx={{ mb: 2 }}>
          A tenant is a separate company workspace. Its first admin signs in with the email and password below.
        </Alert>
        <TextInput source="name" label="Company name" validate={required()} fullWidth />
        <TextInput source="admin_email" label="Admin email" type="email" validate={[required(), email()]} fullWidth />
        <PasswordInput
          source="admin_password"
          label="Admin password"
          validate={[required(), validatePassword]}
          autoComplete="new-password"
          fullWidth
        />
      </SimpleForm>
    </Create>
  );
}

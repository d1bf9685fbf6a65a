import Box from "@mui/material/Box";
import {
  BooleanField,
  BooleanInput,
  Create,
  CreateButton,
  Datagrid,
  Edit,
  FormDataConsumer,
  FunctionField,
  List,
  NumberField,
  NumberInput,
  SelectField,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  TopToolbar,
  usePermissions,
} from "react-admin";
import type { Permissions } from "../../auth/sessionModel.ts";
import {
  CUSTOM_FIELD_RECORD_TYPES,
  CUSTOM_FIELD_TYPES,
  type CustomFieldDefinition,
  definitionPayload,
  optionsToText,
  validateDefinition,
} from "./customFieldModel.ts";

const filters = [<SelectInput key="record_type" source="record_type" label="Record" choices={[...CUSTOM_FIELD_RECORD_TYPES]} alwaysOn />];

export function CustomFieldList() {
  // The API lets only admins write definitions; managers read them here.
  const { permissions } = usePermissions<Permissions>();
  const canWrite = permissions?.role === "admin";
  return (
    <List
      title="Custom fields"
      filters={filters}
      sort={{ field: "position", order: "ASC" }}
      perPage={100}
      exporter={false}
      actions={<TopToolbar>{canWrite && <CreateButton />}</TopToolbar>}
    >
      <Datagrid rowClick={canWrite ? "edit" : false} bulkActionButtons={false}>
        <SelectField source="record_type" label="Record" choices={[...CUSTOM_FIELD_RECORD_TYPES]} />
        <TextField source="label" />
        <TextField source="name" label="Key" />
        <SelectField source="type" choices={[...CUSTOM_FIELD_TYPES]} />
        <FunctionField<CustomFieldDefinition> label="Options" render={(d) => (d.options ?? []).join(", ")} />
        <BooleanField source="required" />
        <NumberField source="position" label="Order" />
      </Datagrid>
    </List>
  );
}

function CustomFieldForm({ editing = false }: { editing?: boolean }) {
  return (
    <SimpleForm validate={validateDefinition}>
      <Box sx={{ display: "grid", gridTemplateColumns: { xs: "1fr", md: "1fr 1fr" }, columnGap: 2, width: "100%", maxWidth: 900 }}>
        <SelectInput
          source="record_type"
          label="Record"
          choices={[...CUSTOM_FIELD_RECORD_TYPES]}
          fullWidth
          disabled={editing}
          helperText={editing ? "Fixed once created" : false}
        />
        <SelectInput source="type" choices={[...CUSTOM_FIELD_TYPES]} fullWidth helperText={false} />
        <TextInput source="label" fullWidth helperText="What forms show, e.g. Plot size" />
        <TextInput
          source="name"
          label="Key"
          fullWidth
          disabled={editing}
          helperText={editing ? "Fixed once created: stored values are kept under it" : "snake_case key in custom_fields, e.g. plot_size"}
        />
        <FormDataConsumer>
          {({ formData }) =>
            formData.type === "select" && (
              <Box sx={{ gridColumn: "1 / -1" }}>
                <TextInput
                  source="options"
                  label="Options (one a line)"
                  multiline
                  minRows={3}
                  fullWidth
                  format={optionsToText}
                  parse={(text: string) => text}
                  helperText={false}
                />
              </Box>
            )
          }
        </FormDataConsumer>
        <Box sx={{ gridColumn: "1 / -1" }}>
          <TextInput source="help" label="Help text" fullWidth helperText="Shown under the input" />
        </Box>
        <NumberInput source="position" label="Order" step={10} fullWidth helperText="Lower comes first" />
        <BooleanInput source="required" helperText="Saving a record without it is refused" />
      </Box>
    </SimpleForm>
  );
}

export function CustomFieldEdit() {
  return (
    <Edit
      mutationMode="pessimistic"
      redirect="list"
      transform={(data: Record<string, unknown>) => definitionPayload(data)}
      title="Edit custom field"
    >
      <CustomFieldForm editing />
    </Edit>
  );
}

export function CustomFieldCreate() {
  return (
    <Create
      redirect="list"
      transform={(data: Record<string, unknown>) => definitionPayload(data)}
      record={{ record_type: "lead", type: "text", required: false, position: 100 }}
      title="New custom field"
    >
      <CustomFieldForm />
    </Create>
  );
}

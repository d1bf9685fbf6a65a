import Typography from "@mui/material/Typography";
import { BooleanField, BooleanInput, Create, Datagrid, Edit, List, SimpleForm, TextField, TextInput, useRecordContext } from "react-admin";
import { asCondition, describeCondition } from "../../rules/conditionModel.ts";
import { ConditionInput } from "./ConditionInput.tsx";
import { type ConversionRule, conversionRulePayload, validateConversionRule } from "./conversionRuleModel.ts";
import { TenantDateField } from "../../components/TenantDateField.tsx";

function ConditionField(_: { label?: string }) {
  const rule = useRecordContext<ConversionRule>();
  if (!rule) return null;
  return (
    <Typography variant="body2" className="rule-condition">
      {describeCondition(asCondition(rule.condition))}
    </Typography>
  );
}

export function ConversionRuleList() {
  return (
    <List title="Conversion rules" sort={{ field: "created_at", order: "ASC" }} perPage={50} exporter={false}>
      <Typography variant="body2" color="text.secondary" sx={{ px: 2, pt: 1.5 }}>
        When a lead changes or earns points, the first active rule that holds converts it into account + contact + deal.
      </Typography>
      <Datagrid rowClick="edit" bulkActionButtons={false}>
        <TextField source="name" sx={{ fontWeight: 600 }} />
        <ConditionField label="Converts when" />
        <BooleanField source="active" />
        <TenantDateField source="created_at" label="Created" />
      </Datagrid>
    </List>
  );
}

const validate = (values: Record<string, unknown>) => validateConversionRule(values as Partial<ConversionRule>).form;

function ConversionRuleForm() {
  return (
    <SimpleForm validate={validate}>
      <TextInput source="name" fullWidth sx={{ maxWidth: 600 }} />
      <BooleanInput source="active" helperText={false} />
      <Typography variant="overline" color="text.secondary" component="h3">
        Converts when
      </Typography>
      <ConditionInput source="condition" />
    </SimpleForm>
  );
}

export function ConversionRuleEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="list" transform={conversionRulePayload}>
      <ConversionRuleForm />
    </Edit>
  );
}

export function ConversionRuleCreate() {
  return (
    <Create redirect="list" transform={conversionRulePayload} record={{ active: true, condition: { all: [] } }} title="New conversion rule">
      <ConversionRuleForm />
    </Create>
  );
}

import Typography from "@mui/material/Typography";
import { TenantDateField } from "../components/TenantDateField.tsx";
import {
  Create,
  Datagrid,
  Edit,
  FunctionField,
  List,
  NumberField,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  useRecordContext,
} from "react-admin";
import { ChoiceChipField } from "../components/ToneChip.tsx";
import { asCondition, describeCondition } from "../rules/conditionModel.ts";
import { EnrolRuleInput } from "./EnrolRuleInput.tsx";
import { QuietHoursInput } from "./QuietHoursInput.tsx";
import { StepsInput } from "./StepsInput.tsx";
import { MailBanner } from "./MailBanner.tsx";
import { NEW_SEQUENCE, SEQUENCE_STATUSES, type Sequence, sequencePayload, validateSequence } from "./sequenceModel.ts";

const statusFilter = [<SelectInput key="status" source="status" choices={[...SEQUENCE_STATUSES]} alwaysOn />];

export function SequenceList() {
  return (
    <>
      <MailBanner sx={{ mt: 2, mb: 0 }} />
      <List title="Sequences" sort={{ field: "created_at", order: "DESC" }} filters={statusFilter} exporter={false}>
        {/* The list carries no steps (GET /sequences/:id does): they are on the show page. */}
        <Datagrid rowClick="show" bulkActionButtons={false}>
          <TextField source="name" sx={{ fontWeight: 600 }} />
          <ChoiceChipField source="status" choices={SEQUENCE_STATUSES} />
          <FunctionField<Sequence>
            label="Enrols"
            render={(s) => (s.enrol_rule ? describeCondition(asCondition(s.enrol_rule.condition)) : "By hand")}
          />
          <NumberField source="version" />
          <TenantDateField source="updated_at" label="Changed" />
        </Datagrid>
      </List>
    </>
  );
}

const validate = (values: Record<string, unknown>) => validateSequence(values as Partial<Sequence>);
const transform = (values: Record<string, unknown>) => sequencePayload(values as Partial<Sequence>);

function Section({ children }: { children: string }) {
  return (
    <Typography variant="overline" color="text.secondary" component="h3" sx={{ mt: 2 }}>
      {children}
    </Typography>
  );
}

function SequenceForm() {
  return (
    <SimpleForm validate={validate}>
      <TextInput source="name" fullWidth sx={{ maxWidth: 600 }} />
      <TextInput source="description" fullWidth multiline sx={{ maxWidth: 600 }} />
      <SelectInput source="status" choices={[...SEQUENCE_STATUSES]} helperText="Paused sequences enrol no one and send nothing" />
      <Section>Steps</Section>
      <StepsInput />
      <Section>Enrolment</Section>
      <EnrolRuleInput />
      <Section>Quiet hours</Section>
      <QuietHoursInput />
    </SimpleForm>
  );
}

function SequenceTitle() {
  const s = useRecordContext<Sequence>();
  return <span>{s ? `Sequence: ${s.name}` : "Sequence"}</span>;
}

export function SequenceEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="show" transform={transform} title={<SequenceTitle />}>
      <Typography variant="body2" color="text.secondary" sx={{ px: 2, pt: 1.5 }}>
        Changing the steps makes a new version; leads already enrolled finish the version they started.
      </Typography>
      <SequenceForm />
    </Edit>
  );
}

export function SequenceCreate() {
  return (
    <Create redirect="show" transform={transform} record={NEW_SEQUENCE} title="New sequence">
      <SequenceForm />
    </Create>
  );
}

import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import {
  ArrayInput,
  AutocompleteArrayInput,
  BooleanInput,
  Create,
  CreateButton,
  Datagrid,
  Edit,
  List,
  NumberInput,
  ReferenceArrayInput,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  TopToolbar,
  required,
  useListContext,
  useRecordContext,
} from "react-admin";
import { StageOrderButtons } from "./StageOrderButtons.tsx";
import { type PipelineStage, stagePayload, stageSummary, validateStage } from "./stageModel.ts";

function StageNameField(_: { label?: string }) {
  const stage = useRecordContext<PipelineStage>();
  if (!stage) return null;
  return (
    <Box sx={{ display: "flex", alignItems: "center", gap: 1 }}>
      <Box sx={{ width: 14, height: 14, borderRadius: "4px", bgcolor: stage.color ?? "#94a3b8" }} />
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {stage.name}
      </Typography>
    </Box>
  );
}

function StageRulesField(_: { label?: string }) {
  const stage = useRecordContext<PipelineStage>();
  const { data = [] } = useListContext<PipelineStage>();
  if (!stage) return null;
  return (
    <Typography variant="body2" color="text.secondary">
      {stageSummary(stage, new Map(data.map((s) => [s.id, s.name])))}
    </Typography>
  );
}

export function StageList() {
  return (
    <List
      title="Pipeline stages"
      sort={{ field: "position", order: "ASC" }}
      perPage={100}
      pagination={false}
      exporter={false}
      actions={
        <TopToolbar>
          <CreateButton />
        </TopToolbar>
      }
    >
      <Datagrid rowClick="edit" bulkActionButtons={false}>
        <StageOrderButtons label="Order" />
        <StageNameField label="Stage" />
        <StageRulesField label="Rules" />
      </Datagrid>
    </List>
  );
}

/** A stage's settings: its colour and probability, won or lost, where a deal may go next, the tasks a deal gets on entering. */
function StageForm() {
  return (
    <SimpleForm validate={(values) => validateStage(values as Partial<PipelineStage>)}>
      <Box
        sx={{
          display: "grid",
          gridTemplateColumns: { xs: "1fr", md: "2fr 1fr 1fr 1fr" },
          columnGap: 2,
          width: "100%",
          maxWidth: 900,
          alignItems: "center",
        }}
      >
        <TextInput source="name" validate={required()} fullWidth helperText={false} />
        <TextInput source="color" type="color" fullWidth helperText={false} />
        <NumberInput source="probability" label="Probability %" min={0} max={100} step={1} fullWidth helperText={false} />
        <NumberInput source="position" label="Order" step={10} fullWidth helperText="Lower comes first" />
      </Box>
      <Box sx={{ display: "flex", gap: 3 }}>
        <BooleanInput source="is_won" label="Won stage" helperText="Deals here are won (status and forecast set)" />
        <BooleanInput source="is_lost" label="Lost stage" helperText="Deals here are lost" />
      </Box>
      <ReferenceArrayInput source="allowed_next" reference="pipeline_stages" sort={{ field: "position", order: "ASC" }}>
        <AutocompleteArrayInput
          label="Allowed next stages"
          optionText="name"
          helperText="Empty: a deal may move to any stage"
          sx={{ maxWidth: 900 }}
          fullWidth
        />
      </ReferenceArrayInput>
      <Typography variant="overline" color="text.secondary" component="h3" sx={{ mt: 1 }}>
        Tasks a deal gets on entering this stage
      </Typography>
      <Typography variant="body2" color="text.secondary">
        A required task must be done before the deal may leave the stage.
      </Typography>
      <ArrayInput source="task_templates" label={false}>
        <SimpleFormIterator inline disableReordering>
          <TextInput source="title" validate={required()} helperText={false} sx={{ minWidth: 280 }} />
          <NumberInput source="due_days" label="Due after (days)" min={0} max={365} helperText={false} />
          <BooleanInput source="required" helperText={false} />
        </SimpleFormIterator>
      </ArrayInput>
    </SimpleForm>
  );
}

export function StageEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="list" transform={stagePayload}>
      <StageForm />
    </Edit>
  );
}

export function StageCreate() {
  return (
    <Create
      redirect="list"
      transform={stagePayload}
      record={{ color: "#7986cb", probability: 50, position: 1000, allowed_next: [], task_templates: [], is_won: false, is_lost: false }}
      title="New stage"
    >
      <StageForm />
    </Create>
  );
}

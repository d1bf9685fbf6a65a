import {
  AutocompleteInput,
  DateInput,
  NumberInput,
  ReferenceInput,
  SearchInput,
  SelectArrayInput,
  SelectInput,
  TextInput,
} from "react-admin";
import { importOptionText } from "../imports/importModel.ts";
import { LEAD_GRADES, LEAD_PRIORITIES, LEAD_STATUSES, endOfDayIso, startOfDayIso, toDayInput } from "./leadModel.ts";

const dayParse = (toIso: (day: string) => string) => (value: string) => (value ? toIso(value) : undefined);

export const leadFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Name, email, phone, company, LEAD-…" sx={{ minWidth: 300 }} />,
  <SelectArrayInput key="status" source="status" label="Status" choices={[...LEAD_STATUSES]} alwaysOn sx={{ minWidth: 180 }} />,
  <TextInput key="source" source="source" label="Source" />,
  <ReferenceInput key="owner" source="owner_id" reference="users">
    <AutocompleteInput label="Owner" optionText="name" sx={{ minWidth: 200 }} />
  </ReferenceInput>,
  <SelectInput key="priority" source="priority" label="Priority" choices={[...LEAD_PRIORITIES]} />,
  <SelectArrayInput key="grade" source="grade" label="Grade" choices={[...LEAD_GRADES]} sx={{ minWidth: 120 }} />,
  <NumberInput key="score-min" source="lead_score_gte" label="Score from" min={0} max={100} sx={{ width: 120 }} />,
  <NumberInput key="score-max" source="lead_score_lte" label="Score to" min={0} max={100} sx={{ width: 120 }} />,
  <DateInput key="from" source="created_at_gte" label="Created from" parse={dayParse(startOfDayIso)} format={toDayInput} />,
  <DateInput key="to" source="created_at_lte" label="Created to" parse={dayParse(endOfDayIso)} format={toDayInput} />,
  // "View imported leads" on an import opens the list with this filter shown, so it can be removed.
  <ReferenceInput key="import" source="import_id" reference="imports" sort={{ field: "created_at", order: "DESC" }}>
    <AutocompleteInput label="Import" optionText={importOptionText} sx={{ minWidth: 260 }} />
  </ReferenceInput>,
];

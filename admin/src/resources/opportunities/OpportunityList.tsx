import Button from "@mui/material/Button";
import BoardIcon from "@mui/icons-material/ViewKanbanOutlined";
import { Link } from "react-router-dom";
import {
  AutocompleteInput,
  CreateButton,
  Datagrid,
  FilterButton,
  List,
  NumberField,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TextField,
  TopToolbar,
} from "react-admin";
import { ExportCsvButton } from "../../components/ListActions.tsx";
import { DealValueField } from "./DealValueField.tsx";
import { StatusField } from "./StatusField.tsx";
import { OPPORTUNITY_STATUSES } from "./opportunityModel.ts";
import { TenantDateField } from "../../components/TenantDateField.tsx";

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Deal name" />,
  <SelectInput key="status" source="status" choices={[...OPPORTUNITY_STATUSES]} />,
  <ReferenceInput key="stage" source="stage_id" reference="pipeline_stages" sort={{ field: "position", order: "ASC" }}>
    <SelectInput label="Stage" optionText="name" />
  </ReferenceInput>,
  <ReferenceInput key="owner" source="owner_id" reference="users">
    <AutocompleteInput label="Owner" optionText="name" />
  </ReferenceInput>,
  <ReferenceInput key="account" source="account_id" reference="accounts">
    <AutocompleteInput label="Account" optionText="name" />
  </ReferenceInput>,
];

export function OpportunityList() {
  return (
    <List
      title="Deals"
      filters={filters}
      sort={{ field: "created_at", order: "DESC" }}
      perPage={25}
      debounce={300}
      actions={
        <TopToolbar>
          <Button component={Link} to="/pipeline" size="small" startIcon={<BoardIcon />}>
            Board
          </Button>
          <FilterButton />
          <CreateButton />
          <ExportCsvButton />
        </TopToolbar>
      }
    >
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="name" sx={{ fontWeight: 600 }} />
        <ReferenceField source="account_id" reference="accounts" link={false} label="Account" emptyText="—" />
        <ReferenceField source="stage_id" reference="pipeline_stages" link={false} label="Stage" />
        <DealValueField label="Value" sortBy="value" />
        <NumberField source="probability" label="%" />
        <StatusField label="Status" />
        <TenantDateField source="expected_close" label="Expected close" />
        <ReferenceField source="owner_id" reference="users" link={false} label="Owner" emptyText="—" />
      </Datagrid>
    </List>
  );
}

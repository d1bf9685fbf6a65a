import { useState } from "react";
import ToggleButton from "@mui/material/ToggleButton";
import ToggleButtonGroup from "@mui/material/ToggleButtonGroup";
import Typography from "@mui/material/Typography";
import {
  Datagrid,
  FilterButton,
  FunctionField,
  List,
  ReferenceField,
  SelectInput,
  TextField,
  TopToolbar,
  type RaRecord,
} from "react-admin";
import { ExportCsvButton } from "../../components/ListActions.tsx";
import { ResolveAlertButton } from "../../components/ResolveAlertButton.tsx";
import { ChoiceChipField, ToneChip } from "../../components/ToneChip.tsx";
import { ALERT_KINDS, ALERT_SOURCE_TYPES, type SourceAlert } from "../../components/sourceHealthModel.ts";
import { labelOf, toneOf } from "../../components/toneModel.ts";
import { formatDateTime } from "../leads/LeadFieldValue.tsx";
import { relativeTime } from "../leads/timelineModel.ts";

type Shown = "open" | "all";

const filters = [
  <SelectInput key="kind" source="kind" label="Kind" choices={[...ALERT_KINDS]} alwaysOn />,
  <SelectInput key="source_type" source="source_type" label="Source" choices={[...ALERT_SOURCE_TYPES]} />,
];

function AlertActions({ shown, onShown }: { shown: Shown; onShown: (shown: Shown) => void }) {
  return (
    <TopToolbar sx={{ alignItems: "center" }}>
      <ToggleButtonGroup size="small" exclusive value={shown} onChange={(_, v: Shown | null) => v && onShown(v)} aria-label="Which alerts">
        <ToggleButton value="open">Open</ToggleButton>
        <ToggleButton value="all">All</ToggleButton>
      </ToggleButtonGroup>
      <FilterButton />
      <ExportCsvButton />
    </TopToolbar>
  );
}

const sourcePath = (a: SourceAlert) =>
  `/${a.source_type === "form" ? "web_forms" : "partners"}/${encodeURIComponent(String(a.source_id))}/show`;

/** Health alerts across partners and forms; open ones first, resolved on the spot. */
export function AlertList() {
  const [shown, setShown] = useState<Shown>("open");
  const now = new Date();
  return (
    <List
      title="Source alerts"
      // Open = not resolved: the API reads a null filter value as IS NULL.
      filter={shown === "open" ? { resolved_at: null } : undefined}
      filters={filters}
      actions={<AlertActions shown={shown} onShown={setShown} />}
      sort={{ field: "raised_at", order: "DESC" }}
      perPage={25}
      empty={false}
    >
      <Datagrid
        bulkActionButtons={false}
        rowClick={(_id, _resource, record: RaRecord) => sourcePath(record as SourceAlert)}
        empty={
          <Typography variant="body2" color="text.secondary" sx={{ p: 2 }}>
            {shown === "open" ? "No open alerts: every source is delivering normally." : "No alerts yet."}
          </Typography>
        }
      >
        <FunctionField
          label="Raised"
          sortBy="raised_at"
          render={(a: SourceAlert) => <span title={formatDateTime(a.raised_at)}>{relativeTime(a.raised_at, now)}</span>}
        />
        <ChoiceChipField source="kind" choices={ALERT_KINDS} label="Kind" />
        <FunctionField
          label="Source"
          render={(a: SourceAlert) => (
            <span style={{ display: "inline-flex", alignItems: "center", gap: 6 }}>
              <ToneChip label={labelOf(ALERT_SOURCE_TYPES, a.source_type)} tone={toneOf(ALERT_SOURCE_TYPES, a.source_type)} />
              <ReferenceField
                source="source_id"
                reference={a.source_type === "form" ? "web_forms" : "partners"}
                link={false}
                emptyText="—"
              />
            </span>
          )}
        />
        <TextField source="message" sortable={false} />
        <FunctionField
          label="State"
          render={(a: SourceAlert) =>
            a.resolved_at ? (
              <ToneChip label={`Resolved ${relativeTime(a.resolved_at, now)}`} tone="green" />
            ) : (
              <ResolveAlertButton alert={a} />
            )
          }
        />
      </Datagrid>
    </List>
  );
}

import Typography from "@mui/material/Typography";
import { Link } from "react-router-dom";
import {
  AutocompleteInput,
  Datagrid,
  DateTimeInput,
  FunctionField,
  List,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectInput,
} from "react-admin";
import { ToneChip } from "../../components/ToneChip.tsx";
import type { Tone } from "../../components/toneModel.ts";
import { formatDateTime } from "../leads/LeadFieldValue.tsx";
import { relativeTime } from "../leads/timelineModel.ts";
import { actionName, AUDIT_ACTIONS, describeChanges, RECORD_TYPES, recordPath, recordText, type AuditEntry } from "./auditModel.ts";

const TONES: Record<string, Tone> = {
  create: "green",
  convert: "green",
  import_complete: "green",
  update: "blue",
  enrol: "blue",
  bulk_enrol: "blue",
  delete: "red",
  erase: "red",
  merge: "amber",
  merge_undo: "amber",
  publish: "amber",
};

const filters = [
  <SearchInput key="q" source="q" placeholder="Record: number, name, file" alwaysOn />,
  <SelectInput key="action" source="action" label="Action" choices={AUDIT_ACTIONS} alwaysOn />,
  <SelectInput key="record_type" source="record_type" label="Record type" choices={RECORD_TYPES} alwaysOn />,
  <ReferenceInput key="user_id" source="user_id" reference="users" alwaysOn>
    <AutocompleteInput label="Who" optionText="name" />
  </ReferenceInput>,
  <DateTimeInput key="since" source="created_at_gte" label="From" alwaysOn />,
  <DateTimeInput key="until" source="created_at_lte" label="To" alwaysOn />,
];

/** Who did what to which record and when, newest first: read-only, as the table behind it is append-only. */
export function AuditLogList() {
  const now = new Date();
  return (
    <List title="Audit log" filters={filters} sort={{ field: "created_at", order: "DESC" }} perPage={50} exporter={false}>
      <Datagrid bulkActionButtons={false} rowClick={false} data-testid="audit-log">
        <FunctionField
          label="When"
          sortBy="created_at"
          render={(e: AuditEntry) => <span title={formatDateTime(e.created_at)}>{relativeTime(e.created_at, now)}</span>}
        />
        <ReferenceField source="user_id" reference="users" label="Who" emptyText="system" />
        <FunctionField
          label="Action"
          render={(e: AuditEntry) => <ToneChip label={actionName(e.action)} tone={TONES[e.action] ?? "grey"} />}
        />
        <FunctionField
          label="Record"
          render={(e: AuditEntry) => {
            const path = recordPath(e);
            return path ? <Link to={path}>{recordText(e)}</Link> : <span>{recordText(e)}</span>;
          }}
        />
        <FunctionField
          label="Changes"
          render={(e: AuditEntry) => (
            <span>
              {describeChanges(e.changes).map((line) => (
                <Typography key={line} variant="body2" component="span" sx={{ display: "block" }}>
                  {line}
                </Typography>
              ))}
            </span>
          )}
        />
      </Datagrid>
    </List>
  );
}

import Typography from "@mui/material/Typography";
import { Link } from "react-router-dom";
import { Datagrid, DateTimeInput, FunctionField, List, ReferenceField, ReferenceInput, SelectInput, TextInput } from "react-admin";
import { ToneChip } from "../../components/ToneChip.tsx";
import type { Tone } from "../../components/toneModel.ts";
import { formatDateTime } from "../leads/LeadFieldValue.tsx";
import { relativeTime } from "../leads/timelineModel.ts";
import { describeChanges, recordPath, type AuditEntry } from "./auditModel.ts";

const ACTIONS = ["create", "update", "delete", "publish", "rotate_secrets", "export", "erase"].map((id) => ({
  id,
  name: id.replace("_", " "),
}));
const TONES: Record<string, Tone> = { create: "green", update: "blue", delete: "red", erase: "red", publish: "amber" };

const filters = [
  <SelectInput key="action" source="action" label="Action" choices={ACTIONS} alwaysOn />,
  <TextInput key="record_type" source="record_type" label="Record type" alwaysOn />,
  <ReferenceInput key="user_id" source="user_id" reference="users" label="Who" />,
  <DateTimeInput key="since" source="created_at_gte" label="Since" />,
];

/** Who changed what and when, newest first: read-only, as the table behind it is append-only. */
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
          render={(e: AuditEntry) => <ToneChip label={e.action.replace("_", " ")} tone={TONES[e.action] ?? "grey"} />}
        />
        <FunctionField
          label="Record"
          render={(e: AuditEntry) => {
            const path = recordPath(e);
            const text = `${e.record_type} ${String(e.record_id).slice(0, 8)}`;
            return path ? <Link to={path}>{text}</Link> : <span>{text}</span>;
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

import { Datagrid, ReferenceField, ReferenceManyField, TextField, useRecordContext } from "react-admin";
import Typography from "@mui/material/Typography";
import { SectionCard } from "../../components/SectionCard.tsx";
import { AddTaskForm } from "./AddTaskForm.tsx";
import { TaskDoneButton } from "./TaskDoneButton.tsx";
import { RequiredField, TaskDueField } from "./TaskDueField.tsx";
import type { RecordType } from "./taskModel.ts";

/**
 * A record's tasks by due date, with a tick box each and a line to add one; `showOwner={false}`
 * where the card sits in a narrow column (the lead page, whose header names the lead's owner).
 */
export function RecordTasks({ recordType, showOwner = true }: { recordType: RecordType; showOwner?: boolean }) {
  const record = useRecordContext();
  if (!record) return null;
  return (
    <SectionCard title="Tasks" id="record-tasks">
      <ReferenceManyField
        reference="tasks"
        target="record_id"
        filter={{ record_type: recordType }}
        sort={{ field: "due_at", order: "ASC" }}
        perPage={50}
        empty={
          <Typography variant="body2" color="text.secondary">
            No tasks.
          </Typography>
        }
      >
        <Datagrid
          bulkActionButtons={false}
          rowClick={false}
          className="record-tasks"
          empty={
            <Typography variant="body2" color="text.secondary">
              No tasks.
            </Typography>
          }
          // The title takes the room a narrow side column has; the rest keep to their content.
          sx={{ "& .RaDatagrid-rowCell": { py: 0.25 }, "& td.column-title": { minWidth: 140 }, overflowX: "auto" }}
        >
          <TaskDoneButton label="Done" />
          <TextField source="title" className="task-title" />
          <RequiredField label="" />
          <TaskDueField label="Due" />
          {showOwner && <ReferenceField source="owner_id" reference="users" link={false} label="Owner" emptyText="—" />}
        </Datagrid>
      </ReferenceManyField>
      <AddTaskForm recordType={recordType} recordId={String(record.id)} />
    </SectionCard>
  );
}

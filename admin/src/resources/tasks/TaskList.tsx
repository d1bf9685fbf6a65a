import { useState } from "react";
import Box from "@mui/material/Box";
import LinearProgress from "@mui/material/LinearProgress";
import ToggleButton from "@mui/material/ToggleButton";
import ToggleButtonGroup from "@mui/material/ToggleButtonGroup";
import { Datagrid, List, ReferenceField, SearchInput, TextField, useGetIdentity } from "react-admin";
import { TaskDoneButton } from "./TaskDoneButton.tsx";
import { RequiredField, TaskDueField } from "./TaskDueField.tsx";
import { TaskRecordField } from "./TaskRecordField.tsx";
import { dueSoonFilter } from "./taskModel.ts";

type View = "mine" | "due" | "open" | "all";

function viewFilter(view: View, me: string): Record<string, unknown> {
  switch (view) {
    case "mine":
      return { owner_id: me, done_at: null };
    case "due":
      return { owner_id: me, ...dueSoonFilter(new Date()) };
    case "open":
      return { done_at: null };
    default:
      return {};
  }
}

/** Tasks as a to-do list: it opens on My tasks (the signed-in user's open ones, overdue first), "due soon" for the next days, or everyone's. */
export function TaskList() {
  const { identity, isPending } = useGetIdentity();
  const [view, setView] = useState<View>("mine");
  if (isPending || !identity) return <LinearProgress sx={{ mt: 2 }} aria-label="Loading" />;
  return (
    <>
      <Box sx={{ mt: 2 }}>
        <ToggleButtonGroup size="small" exclusive value={view} onChange={(_, v: View | null) => v && setView(v)} aria-label="Tasks to show">
          <ToggleButton value="mine">My open tasks</ToggleButton>
          <ToggleButton value="due">Due soon</ToggleButton>
          <ToggleButton value="open">All open</ToggleButton>
          <ToggleButton value="all">All</ToggleButton>
        </ToggleButtonGroup>
      </Box>
      <List
        key={view}
        resource="tasks"
        title={view === "mine" ? "My tasks" : "Tasks"}
        filter={viewFilter(view, String(identity.id))}
        filters={[<SearchInput key="q" source="q" alwaysOn />]}
        sort={{ field: "due_at", order: "ASC" }}
        perPage={25}
        storeKey={`tasks.${view}`}
        empty={false}
        exporter={false}
      >
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <TaskDoneButton label="Done" />
          <TextField source="title" />
          <RequiredField label="" />
          <TaskRecordField label="About" />
          <TaskDueField label="Due" sortBy="due_at" />
          <ReferenceField source="owner_id" reference="users" link={false} label="Owner" emptyText="—" />
        </Datagrid>
      </List>
    </>
  );
}

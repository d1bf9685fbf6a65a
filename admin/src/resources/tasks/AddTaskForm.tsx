import { useState } from "react";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import TextField from "@mui/material/TextField";
import { useCreate, useNotify, useRefresh } from "react-admin";
import type { RecordType } from "./taskModel.ts";

/** One line to add a task to a record: a title and a due date; it is the signed-in user's. */
export function AddTaskForm({ recordType, recordId }: { recordType: RecordType; recordId: string }) {
  const [title, setTitle] = useState("");
  const [due, setDue] = useState("");
  const [create, { isPending }] = useCreate();
  const notify = useNotify();
  const refresh = useRefresh();
  const add = () =>
    create(
      "tasks",
      {
        data: {
          title: title.trim(),
          record_type: recordType,
          record_id: recordId,
          due_at: due ? new Date(`${due}T18:00:00`).toISOString() : null,
        },
      },
      {
        onSuccess: () => {
          setTitle("");
          setDue("");
          refresh();
        },
        onError: (error) => notify((error as Error).message, { type: "error" }),
      },
    );
  return (
    <Box
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        if (title.trim()) add();
      }}
      sx={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr) 150px auto", gap: 1, mt: 1.5, alignItems: "center" }}
    >
      <TextField size="small" label="New task" name="task_title" value={title} onChange={(e) => setTitle(e.target.value)} fullWidth />
      <TextField
        size="small"
        type="date"
        label="Due"
        name="task_due"
        value={due}
        onChange={(e) => setDue(e.target.value)}
        slotProps={{ inputLabel: { shrink: true } }}
        fullWidth
      />
      <Button type="submit" size="small" disabled={!title.trim() || isPending}>
        Add
      </Button>
    </Box>
  );
}

import { useState } from "react";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import MenuItem from "@mui/material/MenuItem";
import TextField from "@mui/material/TextField";
import { useCreate, useNotify, useRefresh } from "react-admin";
import { REMINDERS, type RecordType, type Reminder, taskTimes } from "./taskModel.ts";

/** One line to add a task to a record: a title, when it is due, and a reminder; it is the signed-in user's. */
export function AddTaskForm({ recordType, recordId }: { recordType: RecordType; recordId: string }) {
  const [title, setTitle] = useState("");
  const [due, setDue] = useState("");
  const [reminder, setReminder] = useState<Reminder>("none");
  const [create, { isPending }] = useCreate();
  const notify = useNotify();
  const refresh = useRefresh();
  const add = () =>
    create(
      "tasks",
      { data: { title: title.trim(), record_type: recordType, record_id: recordId, ...taskTimes(due, reminder) } },
      {
        onSuccess: () => {
          setTitle("");
          setDue("");
          setReminder("none");
          refresh();
        },
        onError: (error) => notify((error as Error).message, { type: "error" }),
      },
    );
  return (
    <Box
      component="form"
      aria-label="Add task"
      onSubmit={(e) => {
        e.preventDefault();
        if (title.trim()) add();
      }}
      // Two lines, so it fits a side column: the title, then when and the reminder.
      sx={{ display: "grid", gridTemplateColumns: "minmax(0, 3fr) minmax(0, 2fr) auto", gap: 1, mt: 1.5, alignItems: "center" }}
    >
      <TextField
        size="small"
        label="New task"
        name="task_title"
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        fullWidth
        sx={{ gridColumn: "1 / -1" }}
      />
      <TextField
        size="small"
        type="datetime-local"
        label="Due"
        name="task_due"
        value={due}
        onChange={(e) => setDue(e.target.value)}
        slotProps={{ inputLabel: { shrink: true } }}
        fullWidth
      />
      <TextField
        select
        size="small"
        label="Reminder"
        name="task_reminder"
        value={due ? reminder : "none"}
        onChange={(e) => setReminder(e.target.value as Reminder)}
        disabled={!due}
        fullWidth
      >
        {REMINDERS.map((r) => (
          <MenuItem key={r.id} value={r.id}>
            {r.name}
          </MenuItem>
        ))}
      </TextField>
      <Button type="submit" size="small" variant="contained" disabled={!title.trim() || isPending}>
        Add task
      </Button>
    </Box>
  );
}

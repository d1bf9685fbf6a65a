import Checkbox from "@mui/material/Checkbox";
import Tooltip from "@mui/material/Tooltip";
import { useNotify, useRecordContext, useRefresh, useUpdate } from "react-admin";
import type { Task } from "./taskModel.ts";

/** Ticks a task done (or open again); the API stamps done_at, which unblocks a deal's next stage. */
export function TaskDoneButton(_: { label?: string }) {
  const task = useRecordContext<Task>();
  const [update, { isPending }] = useUpdate();
  const notify = useNotify();
  const refresh = useRefresh();
  if (!task) return null;
  const done = Boolean(task.done_at);
  return (
    <Tooltip title={done ? "Mark as not done" : "Mark done"}>
      <Checkbox
        size="small"
        checked={done}
        disabled={isPending}
        className="task-done"
        slotProps={{ input: { "aria-label": `${done ? "Reopen" : "Mark done"}: ${task.title}` } as object }}
        onClick={(e) => e.stopPropagation()}
        onChange={() =>
          update(
            "tasks",
            { id: task.id, data: { done: !done }, previousData: task },
            {
              mutationMode: "pessimistic",
              onSuccess: () => {
                notify(done ? "Task reopened" : `Done: ${task.title}`, { type: "success" });
                refresh();
              },
              onError: (error) => notify((error as Error).message, { type: "error" }),
            },
          )
        }
      />
    </Tooltip>
  );
}

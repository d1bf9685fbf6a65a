import BellIcon from "@mui/icons-material/NotificationsNoneOutlined";
import { tenantDate } from "../../components/TenantDateField.tsx";
import { useRecordContext } from "react-admin";
import { ToneChip } from "../../components/ToneChip.tsx";
import { type Task, dueState } from "./taskModel.ts";

export function TaskDueField(_: { label?: string; sortBy?: string }) {
  const task = useRecordContext<Task>();
  if (!task) return null;
  const state = dueState(task, new Date());
  return (
    <span title={task.due_at ? tenantDate(task.due_at, { time: true }) : undefined}>
      <ToneChip label={state.label} tone={state.tone} />
      {task.remind_at && !task.done_at && (
        <BellIcon
          fontSize="small"
          className="task-reminder"
          titleAccess={`Reminder ${tenantDate(task.remind_at, { time: true })}${task.reminded_at ? " (sent)" : ""}`}
          sx={{ ml: 0.5, verticalAlign: "middle", color: task.reminded_at ? "text.disabled" : "text.secondary" }}
        />
      )}
    </span>
  );
}

/** Only required tasks are marked: they are the ones that hold a deal in its stage. */
export function RequiredField(_: { label?: string }) {
  const task = useRecordContext<Task>();
  return task?.required ? <ToneChip label="Required" tone="orange" /> : null;
}

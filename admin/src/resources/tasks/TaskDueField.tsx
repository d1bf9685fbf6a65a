import { useRecordContext } from "react-admin";
import { ToneChip } from "../../components/ToneChip.tsx";
import { type Task, dueState } from "./taskModel.ts";

export function TaskDueField(_: { label?: string; sortBy?: string }) {
  const task = useRecordContext<Task>();
  if (!task) return null;
  const state = dueState(task, new Date());
  return (
    <span title={task.due_at ? new Date(task.due_at).toLocaleString("en-IN") : undefined}>
      <ToneChip label={state.label} tone={state.tone} />
    </span>
  );
}

/** Only required tasks are marked: they are the ones that hold a deal in its stage. */
export function RequiredField(_: { label?: string }) {
  const task = useRecordContext<Task>();
  return task?.required ? <ToneChip label="Required" tone="orange" /> : null;
}

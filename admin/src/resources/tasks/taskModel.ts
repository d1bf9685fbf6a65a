// Tasks as the console shows them; pure helpers, unit-tested.
import type { Tone } from "../../components/toneModel.ts";
import type { RecordType } from "../../../../core/vocabulary.ts";

export type { RecordType };

export interface Task {
  id: string;
  title: string;
  body: string | null;
  due_at: string | null;
  owner_id: string | null;
  record_type: RecordType;
  record_id: string;
  stage_id: string | null;
  required: boolean;
  done_at: string | null;
  [field: string]: unknown;
}

const DAY = 86_400_000;
/** "Due soon" on the task list: what needs doing within the next three days (overdue included). */
export const DUE_SOON_DAYS = 3;

const RESOURCES: Record<RecordType, string> = { lead: "leads", account: "accounts", contact: "contacts", opportunity: "opportunities" };

/** The console page of the record a task belongs to. */
export function recordPath(type: RecordType, id: string): string {
  return `/${RESOURCES[type] ?? `${type}s`}/${id}/show`;
}

const startOfDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();

/** When a task is due, in words a rep acts on: overdue first, then today, tomorrow, in N days. */
export function dueState(task: Pick<Task, "due_at" | "done_at">, now: Date): { label: string; tone: Tone } {
  if (task.done_at) return { label: "Done", tone: "green" };
  if (!task.due_at) return { label: "No due date", tone: "grey" };
  const due = new Date(task.due_at);
  const days = Math.round((startOfDay(due) - startOfDay(now)) / DAY);
  if (due.getTime() < now.getTime() && days < 0)
    return { label: days === -1 ? "Overdue since yesterday" : `Overdue ${-days} days`, tone: "red" };
  if (days <= 0) return { label: "Due today", tone: "amber" };
  if (days === 1) return { label: "Due tomorrow", tone: "amber" };
  return { label: `Due in ${days} days`, tone: days <= DUE_SOON_DAYS ? "blue" : "grey" };
}

/** The list filter for tasks due within DUE_SOON_DAYS and not done (the API's `due_at_lte` range). */
export function dueSoonFilter(now: Date): { due_at_lte: string; done_at: null } {
  return { due_at_lte: new Date(now.getTime() + DUE_SOON_DAYS * DAY).toISOString(), done_at: null };
}

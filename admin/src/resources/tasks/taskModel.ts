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
  remind_at?: string | null;
  reminded_at?: string | null;
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

/** When to be reminded, in minutes before the task is due; "none" for no reminder. */
export const REMINDERS = [
  { id: "none", name: "No reminder" },
  { id: "0", name: "At due time" },
  { id: "15", name: "15 min before" },
  { id: "60", name: "1 hour before" },
  { id: "1440", name: "1 day before" },
] as const;
export type Reminder = (typeof REMINDERS)[number]["id"];

/**
 * The add-task form's due time (a datetime-local value, the browser's own time zone) and reminder
 * as the API's instants; a reminder needs a due time to count back from.
 */
export function taskTimes(due: string, reminder: Reminder): { due_at: string | null; remind_at: string | null } {
  const at = due ? new Date(due) : null;
  if (!at || Number.isNaN(at.getTime())) return { due_at: null, remind_at: null };
  const remind = reminder === "none" ? null : new Date(at.getTime() - Number(reminder) * 60_000).toISOString();
  return { due_at: at.toISOString(), remind_at: remind };
}

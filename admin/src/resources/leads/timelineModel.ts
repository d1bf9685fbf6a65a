import type { Tone } from "../../components/toneModel.ts";

export interface TimelineItem {
  id: string;
  kind: "activity" | "submission" | "milestone" | string;
  type: string;
  action?: string | null;
  title?: string | null;
  body?: string | null;
  occurred_at: string;
  actor_name?: string | null;
  data?: unknown;
}

export type TimelineIcon =
  | "note"
  | "call"
  | "email"
  | "meeting"
  | "task"
  | "submission"
  | "created"
  | "merged"
  | "split"
  | "duplicate"
  | "milestone"
  | "assigned"
  | "score"
  | "status"
  | "converted"
  | "system";

/**
 * Icon and colour per entry: what a person did is coloured by type, what the machine did by its action.
 * Milestones (re-engaged, won …) are the moments a rep looks for when scrolling, so they get an accent.
 */
export function timelineVisual(item: Pick<TimelineItem, "kind" | "type" | "action">): { icon: TimelineIcon; tone: Tone; accent?: boolean } {
  if (item.kind === "milestone" || item.type === "milestone") return { icon: "milestone", tone: "amber", accent: true };
  if (item.kind === "submission" || item.type === "submission") return { icon: "submission", tone: "teal" };
  switch (item.type) {
    case "note":
      return { icon: "note", tone: "amber" };
    case "call":
      return { icon: "call", tone: "green" };
    case "email":
      return { icon: "email", tone: "blue" };
    case "meeting":
      return { icon: "meeting", tone: "violet" };
    case "task":
      return { icon: "task", tone: "orange" };
  }
  const action = (item.action ?? "").toLowerCase();
  if (/creat/.test(action)) return { icon: "created", tone: "indigo" };
  if (/undo|undone|split/.test(action)) return { icon: "split", tone: "orange" };
  if (/duplicate/.test(action)) return { icon: "duplicate", tone: "orange" };
  if (/merg|re-?engag/.test(action)) return { icon: "merged", tone: "violet" };
  if (/assign|owner|route/.test(action)) return { icon: "assigned", tone: "blue" };
  if (/scor|grade/.test(action)) return { icon: "score", tone: "green" };
  if (/convert/.test(action)) return { icon: "converted", tone: "green" };
  if (/status|stage/.test(action)) return { icon: "status", tone: "indigo" };
  return { icon: "system", tone: "grey" };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");
const localDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** Newest first, bucketed by local calendar day with "Today" / "Yesterday" headings. */
export function groupTimelineByDay<T extends Pick<TimelineItem, "occurred_at">>(
  items: readonly T[],
  now: Date,
): { key: string; label: string; items: T[] }[] {
  const sorted = [...items].sort((a, b) => Date.parse(b.occurred_at) - Date.parse(a.occurred_at));
  const today = localDay(now);
  const yesterday = localDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1));
  const groups: { key: string; label: string; items: T[] }[] = [];
  for (const item of sorted) {
    const date = new Date(item.occurred_at);
    const key = Number.isNaN(date.getTime()) ? "unknown" : localDay(date);
    let group = groups[groups.length - 1];
    if (!group || group.key !== key) {
      const label =
        key === today
          ? "Today"
          : key === yesterday
            ? "Yesterday"
            : key === "unknown"
              ? "Undated"
              : `${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}`;
      group = { key, label, items: [] };
      groups.push(group);
    }
    group.items.push(item);
  }
  return groups;
}

/** "just now", "12 min ago", "3 h ago", "5 d ago", then the date. */
export function relativeTime(iso: string, now: Date): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return "";
  const seconds = Math.round((now.getTime() - t) / 1000);
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days < 7) return `${days} d ago`;
  const d = new Date(t);
  return `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}`;
}

/** A note's title: what the person typed, else its first line, clipped. The API requires one. */
export function noteTitle(title: string, body: string): string {
  const explicit = title.trim();
  if (explicit) return explicit.slice(0, 200);
  const firstLine = body.trim().split(/\r?\n/)[0] ?? "";
  if (!firstLine) return "Note";
  return firstLine.length > 80 ? `${firstLine.slice(0, 77)}…` : firstLine;
}

/** The body worth showing under the title: nothing when it only repeats the title (notes titled by their first line). */
export function timelineBody(item: Pick<TimelineItem, "title" | "body">): string | null {
  const body = (item.body ?? "").trim();
  if (!body) return null;
  return body === (item.title ?? "").trim() ? null : body;
}

// The audit log's `changes` as people read them: "name: Acme → Acme Ltd", whatever shape the writer left.

export interface AuditEntry {
  id: number | string;
  user_id: string | null;
  action: string;
  record_type: string;
  record_id: string;
  changes: unknown;
  created_at: string;
}

const shown = (v: unknown) => {
  if (v === null || v === undefined || v === "") return "—";
  const text = typeof v === "string" ? v : JSON.stringify(v);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
};

/** One line per changed field: `{field: {from, to}}` (an update) or `{field: value}` (what a create or action wrote). */
export function describeChanges(changes: unknown): string[] {
  if (!changes || typeof changes !== "object" || Array.isArray(changes)) return changes == null ? [] : [shown(changes)];
  return Object.entries(changes as Record<string, unknown>).map(([field, v]) => {
    const diff = v && typeof v === "object" && !Array.isArray(v) && "from" in v && "to" in v ? (v as { from: unknown; to: unknown }) : null;
    return diff ? `${field}: ${shown(diff.from)} → ${shown(diff.to)}` : `${field}: ${shown(v)}`;
  });
}

/** Where a logged record opens in the console, when it has a page of its own. */
export function recordPath(e: Pick<AuditEntry, "record_type" | "record_id" | "action">): string | null {
  const pages = [
    "leads",
    "accounts",
    "contacts",
    "opportunities",
    "tasks",
    "users",
    "teams",
    "partners",
    "web_forms",
    "sequences",
    "bookings",
    "campaigns",
    "lead_sources",
    "unit_inventory",
  ];
  return e.action !== "delete" && e.action !== "erase" && pages.includes(e.record_type)
    ? `/${e.record_type}/${encodeURIComponent(e.record_id)}/show`
    : null;
}

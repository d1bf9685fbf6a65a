// The audit log's `changes` as people read them: "Stage: Qualification → Proposal", whatever shape the writer left.

export interface AuditEntry {
  id: number | string;
  user_id: string | null;
  action: string;
  record_type: string;
  record_id: string;
  /** The record as it was named when the row was written ("Lead LEAD-202612-00048 Rahul Patil"); none on older rows. */
  record_label?: string | null;
  changes: unknown;
  created_at: string;
}

/** Every action the server writes, as the list's filter offers it and its chip reads (lower case, like the chips elsewhere). */
export const AUDIT_ACTIONS: { id: string; name: string }[] = [
  { id: "create", name: "created" },
  { id: "update", name: "updated" },
  { id: "delete", name: "deleted" },
  { id: "merge", name: "merged" },
  { id: "not_duplicate", name: "not a duplicate" },
  { id: "merge_undo", name: "merge undone" },
  { id: "convert", name: "converted" },
  { id: "import_start", name: "import started" },
  { id: "import_complete", name: "import completed" },
  { id: "enrol", name: "enrolled" },
  { id: "bulk_enrol", name: "bulk enrolled" },
  { id: "publish", name: "rules published" },
  { id: "export", name: "exported" },
  { id: "erase", name: "erased" },
  { id: "rotate_secrets", name: "secrets rotated" },
  { id: "end_sessions", name: "sessions ended" },
];

export const RECORD_TYPES: { id: string; name: string }[] = [
  ["leads", "Leads"],
  ["accounts", "Accounts"],
  ["contacts", "Contacts"],
  ["opportunities", "Deals"],
  ["tasks", "Tasks"],
  ["users", "Users"],
  ["teams", "Teams"],
  ["imports", "Imports"],
  ["sequences", "Sequences"],
  ["scoring_rules", "Scoring rules"],
  ["assignment_rules", "Assignment rules"],
  ["partners", "Partners"],
].map(([id, name]) => ({ id, name }));

export const actionName = (action: string) => AUDIT_ACTIONS.find((a) => a.id === action)?.name ?? action.replaceAll("_", " ");

const FIELD_NAMES: Record<string, string> = {
  owner_id: "Owner",
  assigned_to: "Assigned to",
  stage_id: "Stage",
  opportunity_id: "Deal",
  gdpr_consent: "Marketing consent",
  dnd: "Do not disturb",
  lead_score: "Score",
  merged_lead: "Merged in",
  not_a_duplicate_of: "Not a duplicate of",
  split_lead: "Split off as",
  estimated_rows: "Rows (estimated)",
};

/** A field as a person names it: `stage_id` → "Stage", `first_name` → "First name". */
export function fieldName(field: string): string {
  const text = FIELD_NAMES[field] ?? field.replace(/_id$/, "").replaceAll("_", " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const shown = (v: unknown) => {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "boolean") return v ? "yes" : "no";
  const text = typeof v === "string" ? v : JSON.stringify(v);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
};

type Diff = { from: unknown; to: unknown; from_label?: string | null; to_label?: string | null };
const isDiff = (v: unknown): v is Diff => Boolean(v && typeof v === "object" && !Array.isArray(v) && "from" in v && "to" in v);

/** Internal ids a person has no use for in the summary (the record's own page shows the merge). */
const HIDDEN = new Set(["merge_id"]);

/**
 * One line per changed field: `{field: {from, to}}` (an update; a reference's names, written with the
 * row, stand for its ids) or `{field: value}` (what a create or action wrote).
 */
export function describeChanges(changes: unknown): string[] {
  if (!changes || typeof changes !== "object" || Array.isArray(changes)) return changes == null ? [] : [shown(changes)];
  return Object.entries(changes as Record<string, unknown>)
    .filter(([field]) => !HIDDEN.has(field))
    .map(([field, v]) =>
      isDiff(v)
        ? `${fieldName(field)}: ${shown(v.from_label ?? v.from)} → ${shown(v.to_label ?? v.to)}`
        : `${fieldName(field)}: ${shown(v)}`,
    );
}

/** The record as the row names it; older rows, written before labels, by their type and short id. */
export const recordText = (e: Pick<AuditEntry, "record_type" | "record_id" | "record_label">) =>
  e.record_label || `${e.record_type} ${String(e.record_id).slice(0, 8)}`;

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
    "imports",
  ];
  return e.action !== "delete" && e.action !== "erase" && pages.includes(e.record_type)
    ? `/${e.record_type}/${encodeURIComponent(e.record_id)}/show`
    : null;
}

import type { Knex } from "knex";
import type { DbRow } from "./db.ts";

type Named = { noun: string; table?: string; columns?: string[]; name?: (r: DbRow) => string };

const joined = (...parts: unknown[]) => parts.filter((p) => p !== null && p !== undefined && p !== "").join(" ");
const byName: Pick<Named, "columns" | "name"> = { columns: ["name"], name: (r) => String(r.name ?? "") };

/**
 * How each kind of record is named to a person: the audit log's labels and the names of the records
 * a change points to (a stage, an owner). Kinds without a table here (a tenant's rule set) go by their noun.
 */
const KINDS: Record<string, Named> = {
  leads: {
    noun: "Lead",
    table: "leads",
    columns: ["lead_number", "first_name", "last_name"],
    name: (r) => joined(r.lead_number, r.first_name, r.last_name),
  },
  accounts: { noun: "Account", table: "accounts", ...byName },
  contacts: {
    noun: "Contact",
    table: "contacts",
    columns: ["first_name", "last_name", "email"],
    name: (r) => joined(r.first_name, r.last_name) || String(r.email ?? ""),
  },
  opportunities: { noun: "Opportunity", table: "opportunities", ...byName },
  users: { noun: "User", table: "users", columns: ["name", "email"], name: (r) => String(r.name || r.email || "") },
  teams: { noun: "Team", table: "teams", ...byName },
  partners: { noun: "Partner", table: "partners", ...byName },
  sequences: { noun: "Sequence", table: "sequences", ...byName },
  pipeline_stages: { noun: "Stage", table: "pipeline_stages", ...byName },
  campaigns: { noun: "Campaign", table: "campaigns", ...byName },
  lead_sources: { noun: "Lead source", table: "lead_sources", ...byName },
  tasks: { noun: "Task", table: "tasks", columns: ["title"], name: (r) => String(r.title ?? "") },
  imports: { noun: "Import", table: "imports", columns: ["filename"], name: (r) => String(r.filename ?? "") },
  scoring_rules: { noun: "Scoring rules" },
  assignment_rules: { noun: "Assignment rules" },
};

/** Reference fields a change may hold, by the kind of record they point to. */
export const REFERENCE_FIELDS: Record<string, string> = {
  owner_id: "users",
  assigned_to: "users",
  stage_id: "pipeline_stages",
  account_id: "accounts",
  contact_id: "contacts",
  opportunity_id: "opportunities",
  team_id: "teams",
  sequence_id: "sequences",
  lead_id: "leads",
  duplicate_of_id: "leads",
  campaign_id: "campaigns",
  partner_id: "partners",
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The record's own name ("LEAD-202612-00048 Rahul Patil", "Acme"), or null when it has none or is not found. */
export async function recordName(trx: Knex, tenantId: string, recordType: string, recordId: unknown): Promise<string | null> {
  const kind = KINDS[recordType];
  if (!kind?.table || typeof recordId !== "string" || !UUID.test(recordId)) return null;
  const row = await trx(kind.table).where({ id: recordId, tenant_id: tenantId }).first(kind.columns!);
  return (row && kind.name!(row)) || null;
}

/** The audit row's label: the kind and its name ("Lead LEAD-202612-00048 Rahul Patil"); the noun alone for a tenant-wide set. */
export async function recordLabel(trx: Knex, tenantId: string, recordType: string, recordId: string): Promise<string | null> {
  const kind = KINDS[recordType];
  if (!kind) return null;
  if (!kind.table) return kind.noun;
  const name = await recordName(trx, tenantId, recordType, recordId);
  return name ? `${kind.noun} ${name}` : null;
}

/**
 * A change's reference fields named as they were at the time: `{stage_id: {from, to}}` gains
 * `from_label` and `to_label` ("Qualification" → "Proposal"), so the log still reads after a rename or erasure.
 */
export async function nameReferences(trx: Knex, tenantId: string, changes: unknown): Promise<unknown> {
  if (!changes || typeof changes !== "object" || Array.isArray(changes)) return changes;
  const out: Record<string, unknown> = { ...(changes as Record<string, unknown>) };
  for (const [field, v] of Object.entries(out)) {
    const kind = REFERENCE_FIELDS[field];
    if (!kind || !v || typeof v !== "object" || !("from" in v) || !("to" in v)) continue;
    const diff = v as { from: unknown; to: unknown };
    out[field] = {
      ...diff,
      from_label: await recordName(trx, tenantId, kind, diff.from),
      to_label: await recordName(trx, tenantId, kind, diff.to),
    };
  }
  return out;
}

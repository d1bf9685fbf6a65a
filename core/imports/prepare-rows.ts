import type { CanonicalLead } from "../lead/canonical.ts";
import { normalizeEmail } from "../lead/normalize.ts";
import { toLeadFields, type LeadFields } from "../lead/record.ts";
import { matchKeys, type MatchKeys } from "../dedup/keys.ts";
import { rowToLead } from "./row-to-lead.ts";
import type { RowRead } from "./read-rows.ts";

export interface ImportSettings {
  headers: string[];
  mapping: Record<string, string>;
  defaults: { source?: string; subsource?: string; campaign?: string; tags?: string[]; owner_id?: string };
  unmapped: "custom" | "skip";
  region: string;
}

export type PreparedRow =
  | { ok: true; row: number; fields: LeadFields; notes: string[]; keys: MatchKeys }
  | { ok: false; row: number; cells: string[]; reason: string };

/**
 * One CSV row as a lead, with the API's rules, except that a bad email or phone beside a good one
 * is dropped with a note instead of refusing the row: a row is rejected only when nothing in it
 * reaches the person.
 */
export function prepareRow(read: RowRead, s: ImportSettings): PreparedRow {
  if (read.error) return { ok: false, row: read.row, cells: read.cells, reason: read.error };
  const { lead, notes: readNotes } = rowToLead(s.headers, read.cells, s.mapping, s.defaults, { unmapped: s.unmapped });
  const canonical = lead as CanonicalLead;
  // What reading the row changed (a truncated cell, an unreadable yes/no) stays with the lead.
  const dropped: string[] = [...readNotes, ...(read.note ? [read.note] : [])];
  if (canonical.email && !normalizeEmail(canonical.email)) {
    dropped.push(`email "${canonical.email.slice(0, 100)}" is not a valid address and was dropped`);
    canonical.email = null;
  }
  const { fields, notes, valid } = toLeadFields(canonical, s.region);
  if (!valid) {
    const why = [...dropped, ...notes];
    return { ok: false, row: read.row, cells: read.cells, reason: `no valid email or phone${why.length ? ` (${why.join("; ")})` : ""}` };
  }
  return { ok: true, row: read.row, fields, notes: [...dropped, ...notes], keys: matchKeys(fields, { region: s.region }) };
}

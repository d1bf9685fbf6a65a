import type { Request } from "express";
import type { Knex } from "knex";
import { writeAudit } from "../../core/audit.ts";
import type { ResourceSpec } from "./resource-spec.ts";
import { PERMISSIONS } from "../../core/permissions.ts";

/** The signed-in person's change in the audit log (core/audit.ts labels the record and redacts secrets). */
export const audit = (trx: Knex, req: Request, action: string, recordType: string, recordId: string, changes: unknown) =>
  writeAudit(trx, req.user!, action, recordType, recordId, changes);

/** The audit log in the console: who changed what and when, with before/after; read-only (the table refuses changes too). */
export const auditLogResource = (): ResourceSpec => ({
  name: "audit_log",
  table: "audit_log",
  columns: ["id", "user_id", "action", "record_type", "record_id", "record_label", "changes", "created_at"],
  filters: ["user_id", "action", "record_type", "record_id"],
  // `q` finds a record by its label as written ("LEAD-202612-00048", "Rahul Patil", "Acme").
  search: { ilike: ["record_label"] },
  ranges: ["created_at"],
  sortable: ["created_at"],
  defaultSort: ["created_at", "desc"],
  numericIds: true,
  softDeletes: false,
  readRoles: PERMISSIONS.audit_log.read,
});
